# Every target sets up what it needs: a virtualenv with the pinned Python
# dependencies (.venv), the pinned npm packages (node_modules) and, for the
# tests, a few Debian packages. Nothing has to be installed by hand first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Material prints a banner about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build test lint bench lock clean venv-docs venv-dev node-runtime node-dev test-tools

help: ## Show the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

serve: venv-docs node-runtime ## Serve the site with live reload at http://127.0.0.1:8000/ (zh) and /en/.
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: venv-docs node-runtime ## Build the static site into site/ (strict).
	$(PY) -m mkdocs build --clean

test: venv-dev node-dev test-tools ## Run every test and check.
	$(PY) -m pytest

lint: venv-dev ## Check links, language parity and snippets without a full build.
	@scripts/install_test_tools.sh shellcheck
	$(PY) scripts/docs.py lint

bench: venv-dev node-dev test-tools ## Print the benchmark figures (build, size, speed).
	$(PY) scripts/docs.py bench

lock: venv-dev ## Re-pin requirements/*.txt from requirements/*.in (needs PyPI).
	cd requirements && for name in docs dev; do \
	  PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= ../$(PY) -m piptools compile --quiet \
	    --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	    --output-file $$name.txt $$name.in; done

clean: ## Remove the build output, the virtualenv and node_modules.
	rm -rf site $(VENV) node_modules .pytest_cache

# --- set-up ------------------------------------------------------------------

# The virtualenv is made with a Python >= 3.12 (scripts/find_python.sh says which
# and what to install when there is none) and re-made when it is older than that.
$(VENV)/.created:
	@base=$$(scripts/find_python.sh); \
	  echo "make: creating $(VENV) with $$base"; \
	  rm -rf $(VENV); "$$base" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3
	@# scripts/ and snippets/ become importable (hooks, tests and the CLI import
	@# the checker and the linter by name), the way an editable install would.
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "pip_ssl_site.pth").write_text("\n".join(str(pathlib.Path(p).resolve()) for p in ("scripts", "snippets")) + "\n")'
	touch $@

$(VENV)/.docs-installed: requirements/docs.txt $(VENV)/.created
	$(PY) -m pip install --quiet -r requirements/docs.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.created
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.docs-installed

venv-docs: $(VENV)/.docs-installed
venv-dev: $(VENV)/.dev-installed

# The site needs only the Pyodide runtime; the tests also need Lighthouse.
node-runtime:
	@if [ ! node_modules/.dev-installed -nt package-lock.json ] && \
	    [ ! node_modules/.runtime-installed -nt package-lock.json ]; then \
	  command -v npm >/dev/null || { echo "make: npm not found; install Node.js 20+ (https://nodejs.org/)" >&2; exit 1; }; \
	  npm ci --omit=dev --no-audit --no-fund --loglevel=error; \
	  touch node_modules/.runtime-installed; fi

node-dev:
	@if [ ! node_modules/.dev-installed -nt package-lock.json ]; then \
	  command -v npm >/dev/null || { echo "make: npm not found; install Node.js 20+ (https://nodejs.org/)" >&2; exit 1; }; \
	  npm ci --no-audit --no-fund --loglevel=error; \
	  touch node_modules/.dev-installed; fi

test-tools:
	@scripts/install_test_tools.sh
