#!/bin/sh
# Print the path of a Python >= 3.12 for the project's virtualenv, or explain
# what to install. The Pyodide tooling (pyodide-build, pyodide-lock) needs 3.12+;
# on an older interpreter pip silently picks releases too old to work.
#
# Order: $PYTHON, python3.13, python3.12, python3 (if new enough), then every
# interpreter pyenv has installed, newest first. pyenv's shims are tried like any
# other command: a shim that is not active fails the version check and is skipped.
set -u

is_suitable() {
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1
}

for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if is_suitable "$path"; then
        echo "$path"
        exit 0
    fi
    if [ "$candidate" = "${PYTHON:-}" ]; then
        echo "find_python: PYTHON=$PYTHON is not a Python >= 3.12 with venv and ensurepip." >&2
        exit 1
    fi
done

pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for path in $(printf '%s\n' "$pyenv_root"/versions/*/bin/python | sort -V -r); do
    if [ -x "$path" ] && is_suitable "$path"; then
        echo "$path"
        exit 0
    fi
done

cat >&2 <<'MSG'
No Python >= 3.12 found (tried $PYTHON, python3.14, python3.13, python3.12, python3
and pyenv's installed versions). The site's Pyodide tooling needs 3.12 or newer.
Install one, then run make again:
  Debian/Ubuntu:  sudo apt-get install python3.12 python3.12-venv
  Fedora:         sudo dnf install python3.12
  macOS:          brew install python@3.13
  Windows (WSL):  as Debian/Ubuntu
or point the Makefile at one you have:  make test PYTHON=/path/to/python3.12
MSG
exit 1
