"""A Content-Security-Policy on every page allows the site itself and nothing else.

The policy comes from ``scripts/hooks/csp.py`` as a ``<meta http-equiv>`` placed first
in ``<head>``. Checked three ways: in every built HTML file (the 404 page included),
the policy's sources are only 'self', hashes of the page's own inline scripts, and
'wasm-unsafe-eval' exactly on the pages whose front matter says ``pyodide: true``;
in the browser, the policy is in force (an injected inline script, eval and an image
from another host are all refused); and the Pyodide analyzer runs under it. That no
page violates its policy while loading is checked for every page in
test_quality_pages.py.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from quality_support import LANGS, csp_violations, page_url, quality_page, source_file, source_pages  # noqa: F401

pytestmark = pytest.mark.browser

HASH_RE = re.compile(r"^'sha256-[A-Za-z0-9+/]+={0,2}'$")
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FETCH_DIRECTIVES = ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src")


def front_matter(source: str, lang: str) -> dict:
    match = FRONT_MATTER_RE.match(source_file(source, lang).read_text(encoding="utf-8"))
    return yaml.safe_load(match.group(1)) if match else {}


def built_pages(built_site) -> dict[str, bool]:
    """Every built HTML page (site-relative) -> whether it runs Pyodide (front matter)."""
    pages = {page_url(s, lang) + "index.html": bool(front_matter(s, lang).get("pyodide"))
             for s in source_pages() for lang in LANGS}
    pages["404.html"] = False
    others = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")} - set(pages)
    assert not others, f"built HTML files without a page source: {sorted(others)}"
    return pages


def parse_policy(content: str) -> dict[str, list[str]]:
    directives = {}
    for part in filter(None, (p.strip() for p in content.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


def inline_script_hashes(soup: BeautifulSoup) -> set[str]:
    hashes = set()
    for script in soup.find_all("script"):
        if script.has_attr("src") or script.get("type", "").lower() not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(script.string.encode("utf-8") if script.string else b"").digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def test_every_built_page_has_a_policy_first_in_head_allowing_only_the_site(built_site):
    problems = []
    for rel, runs_pyodide in built_pages(built_site).items():
        html = (built_site / rel).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} CSP meta tags")
            continue
        head_children = [t for t in soup.head.find_all(recursive=False)]
        if head_children[:2] != [soup.head.find("meta", charset=True), metas[0]]:
            problems.append(f"{rel}: the policy is not right after <meta charset>; earlier elements escape it")
        policy = parse_policy(metas[0]["content"])
        if policy.get("default-src") != ["'self'"] or policy.get("object-src") != ["'none'"]:
            problems.append(f"{rel}: default-src/object-src are {policy.get('default-src')}/{policy.get('object-src')}")
        for name in FETCH_DIRECTIVES:
            for value in policy.get(name, []):
                allowed = value == "'self'" or (name == "img-src" and value == "data:")
                allowed |= name == "script-src" and bool(HASH_RE.match(value) or value == "'wasm-unsafe-eval'")
                if not allowed:
                    problems.append(f"{rel}: {name} allows {value}")
        script_src = policy.get("script-src", [])
        if ("'wasm-unsafe-eval'" in script_src) != runs_pyodide:
            problems.append(f"{rel}: 'wasm-unsafe-eval' {'missing' if runs_pyodide else 'present'}")
        unlisted = inline_script_hashes(soup) - set(script_src)
        if unlisted:
            problems.append(f"{rel}: inline scripts not allowed by hash: {sorted(unlisted)}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_policy_is_enforced_injected_inline_script_eval_and_foreign_image_are_refused(quality_page, page_log, lang):
    page = quality_page
    page.goto(page_url("index.md", lang))
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.body.append(script);
      // A string timer compiles in the page, where the policy applies (code run through
      // the DevTools protocol, like this function, is exempt from it).
      setTimeout("window.__evalRan = true", 0);
      const img = new Image();
      img.src = "https://example.com/tracker.png";
      document.body.append(img);
    }""")
    page.wait_for_timeout(300)  # violation events are queued as tasks
    assert page.evaluate("[window.__inlineRan, window.__evalRan]") == [None, None]
    refused = csp_violations(page)
    assert any(v.startswith("script-src-elem blocked inline") for v in refused), refused
    assert any(v.startswith("script-src blocked eval") for v in refused), refused
    assert any(v.startswith("img-src blocked https://example.com/tracker.png") for v in refused), refused
    assert page_log.foreign_requests == [], "the policy must stop the request before it leaves the browser"


@pytest.mark.parametrize("lang", LANGS)
def test_pyodide_analyzer_runs_under_the_policy(quality_page, page_log, lang):
    page = quality_page
    page.goto(page_url("checker.md", lang))
    page.locator("#analyzer:not([hidden])").wait_for()
    page.locator("#analyzer-input").focus()
    page.locator('#analyzer[data-state="ready"], #analyzer[data-state="failed"]').wait_for(timeout=120_000)
    assert page.locator("#analyzer").get_attribute("data-state") == "ready", page.locator(".analyzer__status").inner_text()
    page.locator("#analyzer-input").fill(
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
        "unable to get local issuer certificate (_ssl.c:1006)"
    )
    page.locator("#analyzer-result[data-symptom]").wait_for(timeout=30_000)
    assert page.locator("#analyzer-result").get_attribute("data-symptom") == "unable-to-get-local-issuer"
    assert csp_violations(page) == []
    assert page_log.problems() == []
