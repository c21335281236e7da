"""The in-browser analyzer on /checker/: real pastes into Pyodide, in both languages.

One Pyodide load per page: each test focuses the box once and then pastes many
errors through the real clipboard (Ctrl+V), the way a reader does.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import pip_ssl_check
from site_build import ROOT

pytestmark = pytest.mark.browser
LANGS = ("zh", "en")
READY_TIMEOUT_MS = 90_000
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples" / "real-error-logs.json"
EXAMPLES_COPY = ROOT / "tests" / "checker" / "data" / "real-error-logs.json"
LAB_INDEX = ROOT / "tests" / "fixtures" / "pip-output" / "index.json"


def real_examples() -> list[dict]:
    """The team's shared real error logs (the newest), else the copy kept with the checker's tests."""
    for path in (SHARED_EXAMPLES, EXAMPLES_COPY):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.fail(f"no real error logs: neither {SHARED_EXAMPLES} nor {EXAMPLES_COPY} exists")


def lab_fixtures() -> list[dict]:
    """The lab's saved pip output with its labels, plus how many top causes its label allows."""
    if not LAB_INDEX.is_file():
        pytest.fail(
            f"{LAB_INDEX.relative_to(ROOT)} is missing: the lab writes it "
            "(`python scripts/docs.py lab-fixtures`); the analyzer is tested against it"
        )
    import lab_scenarios

    entries = json.loads(LAB_INDEX.read_text(encoding="utf-8"))
    for entry in entries:
        entry["text"] = (LAB_INDEX.parent / entry["file"]).read_text(encoding="utf-8")
        scenario = lab_scenarios.SCENARIOS_BY_ID.get(entry["scenario"])
        entry["top"] = scenario.explain_top if scenario else 1
    return entries


def checker_path(lang: str) -> str:
    return ("en/" if lang == "en" else "") + "checker/"


def open_checker(page, lang):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(checker_path(lang))
    page.locator("#analyzer:not([hidden])").wait_for()


def wait_ready(page):
    page.locator('#analyzer[data-state="ready"], #analyzer[data-state="failed"]').wait_for(timeout=READY_TIMEOUT_MS)
    assert page.locator("#analyzer").get_attribute("data-state") == "ready", page.locator(".analyzer__status").inner_text()


def paste(page, text: str) -> dict:
    """Replace the box's content by pasting ``text``; return what the result element says."""
    box = page.locator("#analyzer-input")
    box.focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    page.locator("#analyzer-result:not([data-symptom])").wait_for(state="attached")
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("ControlOrMeta+V")
    result = page.locator("#analyzer-result[data-symptom]")
    result.wait_for()
    return {
        "symptom": result.get_attribute("data-symptom"),
        "causes": result.get_attribute("data-causes").split(),
        "fix_href": result.locator(".analyzer__fix").first.get_attribute("href")
        if result.locator(".analyzer__fix").count()
        else None,
        "text": result.inner_text(),
    }


def pyodide_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if "/assets/pyodide/" in u]


@pytest.mark.parametrize("lang", LANGS)
def test_pasted_real_errors_and_lab_outputs_get_their_labelled_symptom_and_cause(page, page_log, site_url, lang):
    cases = [("example", e["source"], e["text"], e["symptom"], e["causes"], 1) for e in real_examples()]
    cases += [("lab", f["scenario"], f["text"], f["symptom"], f["causes"], f["top"]) for f in lab_fixtures()]

    open_checker(page, lang)
    page.wait_for_load_state("load")
    assert pyodide_requests(page_log.requests) == [], "Pyodide must not load with the page"
    assert not page.locator(".analyzer-fallback").is_visible(), "with JavaScript the box replaces the notice"
    page.locator("#analyzer-input").focus()
    wait_ready(page)
    loaded = len(page_log.requests)
    assert len(pyodide_requests(page_log.requests)) == 6, pyodide_requests(page_log.requests)

    wrong, fix_links = [], {}
    for kind, name, text, symptom, causes, top in cases:
        got = paste(page, text)
        expected_causes = pip_ssl_check.explain(text, lang)["causes"]
        if got["symptom"] != symptom:
            wrong.append(f"{kind} {name}: symptom {got['symptom']!r}, label {symptom!r}")
        elif causes and causes[0] not in got["causes"][:top]:
            wrong.append(f"{kind} {name}: causes {got['causes']}, label's first {causes[0]!r} not in the first {top}")
        elif got["causes"] != expected_causes:
            wrong.append(f"{kind} {name}: browser says {got['causes']}, Python's explain() {expected_causes}")
        if got["causes"]:
            fix_links[got["fix_href"]] = got["causes"][0]
    assert wrong == []
    assert page_log.requests[loaded:] == [], "nothing may be requested after the runtime has loaded"

    # The first cause's link opens that fix page, in the page's language.
    result_link = page.locator("#analyzer-result .analyzer__fix").first
    cause = page.locator("#analyzer-result").get_attribute("data-causes").split()[0]
    with page.expect_navigation():
        result_link.click()
    assert page.locator("article h1").get_attribute("id") == cause
    # Let each page finish (Material fetches its search index) before the next one.
    page.wait_for_load_state("networkidle")
    lang_root = site_url + ("en/" if lang == "en" else "")
    for href, cause in fix_links.items():
        assert href == f"{lang_root}fix/{cause}/"
        page.goto(href, wait_until="networkidle")
        assert page.locator("article h1").get_attribute("id") == cause
        assert page.locator("html").get_attribute("lang") == lang
    assert page_log.problems() == []


def test_result_is_inert_redacted_truncated_and_the_module_survives_a_second_init(page, page_log):
    open_checker(page, "en")
    page.locator("#analyzer-input").focus()
    wait_ready(page)
    wasm_loads = len([u for u in page_log.requests if u.endswith(".wasm")])

    # Material can emit document$ again; the widget and the runtime stay single.
    page.evaluate("() => window.document$.next(document)")

    secret = "s3cr3t-Pa55"
    hostile = (
        "<img src=x onerror=alert(1)> ProxyError('Cannot connect to proxy.', "
        f"OSError('Tunnel connection failed: 403 Forbidden')) via https://alice:{secret}@proxy.example.com:3128"
    )
    got = paste(page, hostile)
    assert got["symptom"] == "proxy-refused"
    assert secret not in got["text"]
    assert page.locator("#analyzer-result img").count() == 0
    assert "<img src=x" in page.locator(".analyzer__evidence").inner_text()

    got = paste(page, "Collecting requests\nERROR: something unrelated went wrong\n")
    assert got["symptom"] == "unrecognized" and got["causes"] == []
    assert page.locator("#analyzer-result a.analyzer__tree-entry").get_attribute("href").endswith(
        "tree/#tree-unrecognized")

    # Typing (not pasting) analyzes too, after a short pause.
    page.locator("#analyzer-input").focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    page.keyboard.type("certificate is not yet valid", delay=5)
    page.locator('#analyzer-result[data-symptom="cert-not-yet-valid"]').wait_for()

    # Last: selecting 1.2 MB in a textarea is slow in Chromium itself.
    filler = "Collecting numpy\n" * 70_000  # about 1.2 MB ahead of the error
    tail = "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)\n"
    got = paste(page, filler + tail)
    assert got["symptom"] == "cert-expired"
    assert page.locator("#analyzer-result").get_attribute("data-truncated") == "true"
    assert "1 MB" in page.locator(".analyzer__notes").inner_text()

    assert len([u for u in page_log.requests if u.endswith(".wasm")]) == wasm_loads == 1
    assert page.locator(".analyzer__status").count() == 1
    assert page_log.problems() == []


def test_slow_webassembly_ends_in_a_clear_message_and_the_local_way_then_recovers(page, page_log):
    """A .wasm that does not arrive (a proxy holding it, a wrong MIME type) must not hang the page."""
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # answered when the test says
    open_checker(page, "zh")
    page.locator("#analyzer").evaluate("w => { w.dataset.loadTimeout = '6000'; }")
    page.locator("#analyzer-input").focus()
    # While it waits, the reader sees progress: the runtime files counted as they arrive.
    page.locator('#analyzer[data-state="loading"] .analyzer__progress').wait_for()
    page.locator(".analyzer__status", has_text="/6").wait_for()
    assert "下载" in page.locator(".analyzer__status").inner_text()
    assert page.locator(".analyzer__progress").evaluate("p => p.value >= 1 && p.value < p.max")
    page.locator('#analyzer[data-state="failed"]').wait_for(timeout=20_000)
    assert not page.locator(".analyzer__progress").is_visible()
    status = page.locator(".analyzer__status")
    assert "无法" in status.inner_text() and "6 秒" in status.inner_text()
    status.locator("a[href='#run-locally']").click()
    assert page.url.endswith("#run-locally")
    assert page.locator("#run-locally").is_visible()

    # If the file does arrive after all, the analyzer recovers and answers.
    held[0].continue_()
    page.locator('#analyzer[data-state="ready"]').wait_for(timeout=READY_TIMEOUT_MS)
    got = paste(page, "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)")
    assert got["symptom"] == "wrong-version-number"
    assert page_log.foreign_requests == []


@pytest.mark.browser_context_args(java_script_enabled=False)
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_page_shows_only_the_local_way(page, page_log, lang):
    page.goto(checker_path(lang))
    assert not page.locator("#analyzer-input").is_visible()
    assert page.locator(".analyzer-fallback").is_visible()
    assert page.locator("#run-locally").is_visible()
    download = page.locator("a[download][href$='pip_ssl_check.py']")
    assert download.count() == 1
    assert urlsplit(urljoin(page.url, download.get_attribute("href"))).path == "/pip_ssl_check.py"
    assert pyodide_requests(page_log.requests) == []
    assert page_log.problems() == []
