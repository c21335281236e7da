"""One seeded defect per finding code, on a copy of ``fixtures/base``.

Each case names the edits that turn the clean fixture site into a tree with
exactly one defect, and the exact lines sitelint must print for it. Where one
defect is honestly two findings (a shell syntax error is both a ``bash -n`` and
a shellcheck error), both lines are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lintsite import Edit

SEE_ALSO = "snippets/shared/see-also.md"
SEE_ALSO_TEXT = "[trusted-host](fix/trusted-host.md#security)\n"


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    edits: tuple[Edit, ...]
    expected: tuple[str, ...] = field(default=())
    build_only: bool = False


def see_also(extra: str) -> Edit:
    """Add Markdown to the snippet both index pages embed (one defect, one file)."""
    return Edit(SEE_ALSO, SEE_ALSO_TEXT, SEE_ALSO_TEXT + "\n" + extra)


CASES = [
    Case("LNK001", "link to a page that does not exist", (Edit("docs/index.md", "fix/server-certificate.md#fix", "fix/missing.md"),)),
    Case("LNK002", "link to an anchor the page does not have", (Edit("docs/index.en.md", "symptoms.md#cert-expired", "symptoms.md#cert-expird"),)),
    Case("LNK003", "link names the other language's file", (Edit("docs/index.md", "symptoms.md#cert-expired", "symptoms.en.md#cert-expired"),)),
    Case("LNK004", "nav entry without a page", (Edit("mkdocs.yml", "      - fix/trusted-host.md\n", "      - fix/trusted-host.md\n      - fix/gone.md\n"),)),
    Case("LNK005", "template links a path the site does not have", (Edit("overrides/main.html", "'reference/'", "'referense/'"),)),
    Case("LNK006", "checker SITE_URL differs from site_url", (Edit("snippets/pip_ssl_check.py", 'SITE_URL = "https://example.test/"', 'SITE_URL = "https://example.test/docs/"'),)),
    Case("LNK007", "external link over http outside a danger admonition", (Edit("docs/index.md", "(https://pip.pypa.io/", "(http://pip.pypa.io/"),)),
    Case("LNK008", "external link not in the allowlist", (Edit("docs/index.en.md", "https://pip.pypa.io/en/stable/topics/https-certificates/", "https://example.org/unreviewed"),)),
    Case("LNK010", "template writes a link to a missing anchor on one page", (Edit("overrides/main.html", "{% endblock %}", "{% if page and page.url == 'reference/' %}<a href=\"{{ 'symptoms/' | url }}#no-such-id\">x</a>{% endif %}\n{% endblock %}"),), build_only=True),
    Case("LNK011", "page in neither the nav nor not_in_nav", (Edit("docs/extra.md", None, "# Extra { #extra }\n"), Edit("docs/extra.en.md", None, "# Extra { #extra }\n"))),
    Case("PAR001", "page without its English twin", (Edit("mkdocs.yml", "hooks:", "not_in_nav: |\n  /extra.md\nhooks:"), Edit("docs/extra.md", None, "# Extra { #extra }\n"))),
    Case("PAR002", "heading at another level in English", (Edit("docs/index.en.md", "## Start here { #start }", "### Start here { #start }"),)),
    Case("PAR003", "different snippet include in English", (Edit("docs/symptoms.en.md", '"symptoms/cert-expired.txt"', '"symptoms/cert-expired.txt:1:1"'),)),
    Case("PAR004", "different admonition type in English", (Edit("docs/fix/server-certificate.en.md", '!!! note "Note en"', '!!! tip "Note en"'),)),
    Case("PAR005", "misspelt tab label, in both languages", (Edit("docs/fix/server-certificate.md", '=== "macOS"', '=== "Mac"'), Edit("docs/fix/server-certificate.en.md", '=== "macOS"', '=== "Mac"'))),
    Case("PAR006", "raw HTML heading in one language only", (Edit("docs/reference.md", "## Editor { #editor }", '<h2 id="only-zh">Only</h2>\n\n## Editor { #editor }'),), build_only=True),
    Case("IDS001", "heading without an id in a Markdown snippet", (see_also("## See also\n"),)),
    Case("IDS002", "symptom sections out of the checker's order", (Edit("snippets/pip_ssl_check.py", 'SYMPTOM_IDS = ("cert-expired", "unrecognized")', 'SYMPTOM_IDS = ("unrecognized", "cert-expired")'),)),
    Case("IDS003", "fix page the checker does not know", (Edit("mkdocs.yml", "hooks:", "not_in_nav: |\n  /fix/extra.md\nhooks:"), Edit("docs/fix/extra.md", None, "# E { #extra }\n\n## S { #summary }\n\n## W { #when }\n\n## F { #fix }\n\n## V { #verify }\n\n## U { #undo }\n\n## S { #security }\n"), Edit("docs/fix/extra.en.md", None, "# E { #extra }\n\n## S { #summary }\n\n## W { #when }\n\n## F { #fix }\n\n## V { #verify }\n\n## U { #undo }\n\n## S { #security }\n"))),
    Case("IDS004", "fix sub-section id without its section prefix", (Edit("docs/fix/clock-skew.md", "## Verify { #verify }", "### Note { #note }\n\n## Verify { #verify }"), Edit("docs/fix/clock-skew.en.md", "## Verify { #verify }", "### Note { #note }\n\n## Verify { #verify }"))),
    Case("IDS005", "checker maps a symptom to an unknown cause", (Edit("snippets/pip_ssl_check.py", '"unrecognized": ()', '"unrecognized": ("no-such-cause",)'),)),
    Case("SNP001", "include of a missing file", (see_also('--8<-- "shared/missing.md"\n'),)),
    Case("SNP002", "include of a missing section", (see_also('```text\n--8<-- "fix/server-certificate/output-verify.txt:nope"\n```\n'),)),
    Case("SNP003", "snippet file no page uses", (Edit("snippets/fix/clock-skew/macos.sh", None, "# --8<-- [start:fix-ntp]\nsudo sntp -sS time.apple.com\n# --8<-- [end:fix-ntp]\n"),)),
    Case("SNP004", "fence without a language", (see_also('```\n--8<-- "symptoms/cert-expired.txt"\n```\n'),)),
    Case("SNP005", "end marker without a start", (Edit("snippets/fix/clock-skew/linux.sh", "# --8<-- [end:undo-ntp]\n", "# --8<-- [end:undo-ntp]\n# --8<-- [end:stray]\n"),)),
    Case("SNP006", "command typed into a page", (see_also("```bash\ntimedatectl status\n```\n"),)),
    Case("SNP007", "shell snippet in a powershell fence", (see_also('```powershell\n--8<-- "fix/clock-skew/linux.sh:verify"\n```\n'),)),
    Case("SNP008", "fix snippet file with an unknown name", (Edit("snippets/fix/clock-skew/ntp.sh", None, "# --8<-- [start:fix-ntp]\nsudo timedatectl set-ntp true\n# --8<-- [end:fix-ntp]\n"), see_also('```bash\n--8<-- "fix/clock-skew/ntp.sh:fix-ntp"\n```\n'))),
    Case("SNP010", "shell syntax error", (Edit("snippets/fix/clock-skew/linux.sh", "timedatectl status\n", "if timedatectl status; then\n"),)),
    Case("SNP011", "shellcheck finding", (Edit("snippets/fix/clock-skew/linux.sh", "timedatectl status\n", "echo $HOME/time\n"),)),
    Case("SNP012", "python that CPython 3.6 cannot compile", (Edit("snippets/pip_ssl_check.py", "def _prefix(lang):\n", "def _prefix(lang):\n    assert f\"{lang=}\"\n"),)),
    Case("SNP013", "pip config key that is not a pip option", (Edit("snippets/fix/server-certificate/pip.conf", "timeout = 30", "timeouts = 30"),)),
    Case("SNP014", "yaml that does not parse", (Edit("snippets/fix/server-certificate/condarc.yml", "ssl_verify: /home/you/.config/pip/ca-bundle.pem", "ssl_verify: [/home/you/.config/pip/ca-bundle.pem"),)),
    Case("SNP015", "unquoted PowerShell environment value", (Edit("snippets/fix/server-certificate/windows.ps1", '$env:PIP_CERT = "$env:APPDATA\\pip\\ca-bundle.pem"', "$env:PIP_CERT = C:\\ca-bundle.pem"),)),
    Case("SNP016", "cmd set without quotes", (Edit("snippets/fix/server-certificate/windows.cmd", 'set "PIP_CERT=%APPDATA%\\pip\\ca-bundle.pem"', "set PIP_CERT=%APPDATA%\\pip\\ca-bundle.pem"),)),
    Case("PLH001", "placeholder not listed in snippets/README.md", (Edit("snippets/fix/server-certificate/posix.sh", 'cat /etc/ssl/certs/ca-certificates.crt "<corporate-root-ca.pem>"', 'cat /etc/ssl/certs/ca-certificates.crt "<root-ca.pem>"'),)),
    Case("PLH002", "path/to/ placeholder", (Edit("snippets/fix/server-certificate/posix.sh", 'cat /etc/ssl/certs/ca-certificates.crt "<corporate-root-ca.pem>"', "cat /etc/ssl/certs/ca-certificates.crt path/to/ca-bundle.crt"),)),
    Case("SAF001", "verification off outside an insecure- section", (Edit("snippets/fix/clock-skew/linux.sh", "# --8<-- [end:undo-ntp]\n", "# --8<-- [end:undo-ntp]\n# --8<-- [start:diagnose-date]\ncurl -k -sI https://pypi.org/simple/\n# --8<-- [end:diagnose-date]\n"),)),
    Case("SAF002", "insecure section shown outside a danger admonition", (Edit("snippets/fix/trusted-host/linux.sh", "# --8<-- [start:verify]", "# --8<-- [start:insecure-env]\nexport PIP_TRUSTED_HOST=\"<index-host>\"\n# --8<-- [end:insecure-env]\n# --8<-- [start:verify]"), see_also('```bash\n--8<-- "fix/trusted-host/linux.sh:insecure-env"\n```\n'))),
]


# The exact lines each case prints (reviewed by hand; regenerate only after reading the diff).
EXPECTED = {
    'LNK001': (
        'docs/index.md:9: LNK001: link `fix/missing.md` resolves to docs/fix/missing.md, which does not exist; fix the path or create the page',
    ),
    'LNK002': (
        'docs/index.en.md:9: LNK002: link `symptoms.md#cert-expird`: docs/symptoms.en.md has no `#cert-expird`; it has #cert-expired, #symptoms, #unrecognized; fix the anchor or add `{ #cert-expird }` to the heading',
    ),
    'LNK003': (
        "docs/index.md:9: LNK003: link `symptoms.en.md#cert-expired` names a language version; write `symptoms.md#cert-expired` and the i18n plugin picks each language's twin",
    ),
    'LNK004': (
        'mkdocs.yml:64: LNK004: nav entry `fix/gone.md` names a missing page (docs/fix/gone.md, docs/fix/gone.en.md); create it or fix the nav path',
    ),
    'LNK005': (
        "overrides/main.html:3: LNK005: `{{ 'referense/' | url }}` names no page or file of the site; fix the path (relative to the site root)",
    ),
    'LNK006': (
        "snippets/pip_ssl_check.py:3: LNK006: SITE_URL is `https://example.test/docs/` but mkdocs.yml's default site_url is `https://example.test/`; make them equal",
    ),
    'LNK007': (
        'docs/index.md:10: LNK007: `http://pip.pypa.io/en/stable/topics/https-certificates/` uses http://; link the https:// URL (http is allowed only as the wrong example inside a !!! danger admonition)',
    ),
    'LNK008': (
        'docs/index.en.md:10: LNK008: `https://example.org/unreviewed` is not in the external link allowlist; check the page is the right one and add `https://example.org/unreviewed  # why` to scripts/sitelint/external-links.txt',
    ),
    'LNK011': (
        "docs/extra.md:1: LNK011: page is not in mkdocs.yml's nav; add `extra.md` to the nav (or list it under not_in_nav)",
    ),
    'PAR001': (
        'docs/extra.md:1: PAR001: no `en` version of this page; create docs/extra.en.md with the same headings, includes, admonitions and tabs',
    ),
    'PAR002': (
        'docs/index.en.md:7: PAR002: heading #2: found `### … { #start }`, expected `## … { #start }` as in docs/index.md:7; give both languages the same heading ids, in the same order and at the same levels',
    ),
    'PAR003': (
        'docs/symptoms.en.md:6: PAR003: snippet include #1: found `--8<-- "symptoms/cert-expired.txt:1:1"`, expected `--8<-- "symptoms/cert-expired.txt"` as in docs/symptoms.md:6; embed the same snippet sections in the same order in both languages',
    ),
    'PAR004': (
        'docs/fix/server-certificate.en.md:49: PAR004: admonition #1: found `!!! tip` in top level, expected `!!! note` in top level as in docs/fix/server-certificate.md:49; use the same admonition types in the same places in both languages (translate only the titles)',
    ),
    'PAR005': (
        'docs/fix/server-certificate.en.md:23: PAR005: tab label `Mac` is spelled `macOS` on this site; write `=== "macOS"` so links to the tab work',
        'docs/fix/server-certificate.md:23: PAR005: tab label `Mac` is spelled `macOS` on this site; write `=== "macOS"` so links to the tab work',
    ),
    'IDS001': (
        'snippets/shared/see-also.md:3: IDS001: heading `## See also` has no explicit id; add ` { #some-id }` (lowercase kebab-case, the same in both languages)',
    ),
    'IDS002': (
        "docs/symptoms.en.md:3: IDS002: symptom sections are out of the checker's order: found `#cert-expired`, expected `#unrecognized` here; order them as SYMPTOM_IDS",
        "docs/symptoms.md:3: IDS002: symptom sections are out of the checker's order: found `#cert-expired`, expected `#unrecognized` here; order them as SYMPTOM_IDS",
    ),
    'IDS003': (
        'docs/fix/extra.md:1: IDS003: `extra` is not a fix page id in the checker; add it to CAUSE_IDS in snippets/pip_ssl_check.py or rename the page to one that is',
    ),
    'IDS004': (
        'docs/fix/clock-skew.en.md:17: IDS004: sub-section id `#note` under `#fix` must start with `fix-`; write `{ #fix-note }`',
        'docs/fix/clock-skew.md:17: IDS004: sub-section id `#note` under `#fix` must start with `fix-`; write `{ #fix-note }`',
    ),
    'IDS005': (
        'snippets/pip_ssl_check.py:7: IDS005: SYMPTOM_CAUSES names causes not in CAUSE_IDS: no-such-cause; add them to CAUSE_IDS or fix the names',
    ),
    'SNP001': (
        'snippets/shared/see-also.md:3: SNP001: `--8<-- "shared/missing.md"`: snippets/shared/missing.md does not exist; fix the path (relative to snippets/) or create the file',
    ),
    'SNP002': (
        'snippets/shared/see-also.md:4: SNP002: `--8<-- "fix/server-certificate/output-verify.txt:nope"`: snippets/fix/server-certificate/output-verify.txt has no section `nope` (it has no sections); add `--8<-- [start:nope]`/`[end:nope]` markers or fix the name',
    ),
    'SNP003': (
        'snippets/fix/clock-skew/macos.sh:1: SNP003: no page includes snippets/fix/clock-skew/macos.sh; embed it with `--8<-- "fix/clock-skew/macos.sh:<section>"` or delete it',
    ),
    'SNP004': (
        'snippets/shared/see-also.md:3: SNP004: fenced block has no language; write ```text (one of: bash, sh, console, powershell, bat, ini, toml, yaml, json, python, dockerfile, text)',
    ),
    'SNP005': (
        'snippets/fix/clock-skew/linux.sh:10: SNP005: `[end:stray]` without a `[start:stray]` above it; add the start marker or remove this line',
    ),
    'SNP006': (
        'snippets/shared/see-also.md:4: SNP006: `timedatectl status` is typed into the page; move it into a section of a file under snippets/ and embed it with `--8<-- "<file>:<section>"` so both languages and the tests share it',
    ),
    'SNP007': (
        'snippets/shared/see-also.md:4: SNP007: snippets/fix/clock-skew/linux.sh is shown in a ```powershell fence; use ```bash (or move the code to a file of the right type)',
    ),
    'SNP008': (
        'snippets/fix/clock-skew/ntp.sh:1: SNP008: `ntp.sh` is not a fix-snippet file name; use linux.sh, posix.sh, macos.sh, windows.ps1, windows.cmd, pip.conf, pip.ini, uv.toml, condarc.yml, Dockerfile, <name>.py or output-<name>.txt',
    ),
    'SNP010': (
        'snippets/fix/clock-skew/linux.sh:10: SNP010: bash -n: syntax error: unexpected end of file; fix the shell syntax',
    ),
    'SNP011': (
        'snippets/fix/clock-skew/linux.sh:5: SNP011: shellcheck SC2086 (info): Double quote to prevent globbing and word splitting; see https://www.shellcheck.net/wiki/SC2086',
    ),
    'SNP012': (
        'snippets/pip_ssl_check.py:11: SNP012: does not compile on CPython 3.6: SyntaxError: invalid syntax; the site supports CPython 3.6 to the newest release, so write code both accept',
    ),
    'SNP013': (
        'snippets/fix/server-certificate/pip.conf:4: SNP013: `timeouts` is not a pip option name, so pip silently ignores it (did you mean timeout?); use a long option name from `pip help install` without the leading --',
    ),
    'SNP014': (
        "snippets/fix/server-certificate/condarc.yml:2: SNP014: YAML does not parse: expected ',' or ']', but got '<stream end>'; fix the syntax",
    ),
    'SNP015': (
        'snippets/fix/server-certificate/windows.ps1:2: SNP015: `$env:PIP_CERT = C:\\ca-bundle.pem` assigns an unquoted value; write `$env:PIP_CERT = "C:\\ca-bundle.pem"`',
    ),
    'SNP016': (
        'snippets/fix/server-certificate/windows.cmd:2: SNP016: `set PIP_CERT=%APPDATA%\\pip\\ca-bundle.pem` keeps stray spaces and breaks on & and ^; write `set "PIP_CERT=%APPDATA%\\pip\\ca-bundle.pem"`',
    ),
    'PLH001': (
        'snippets/fix/server-certificate/posix.sh:3: PLH001: placeholder `<root-ca.pem>` is not listed in snippets/README.md; use a listed one or add a row (name, what to put there, test value)',
    ),
    'PLH002': (
        "snippets/fix/server-certificate/posix.sh:3: PLH002: `path/to/` looks like a placeholder but `path/to/…` gets pasted verbatim; write a `<kebab-name>` from snippets/README.md or fix the value so the command runs as shown (text that must stay, such as a detector's pattern, takes `# sitelint: allow PLH002 -- why` on its line)",
    ),
    'SAF001': (
        "snippets/fix/clock-skew/linux.sh:11: SAF001: this line downloads without verification but is in section `diagnose-date`; move it into a section named `insecure-<name>` and show that only inside a `!!! danger` admonition (in a program that must do it, e.g. the checker's labelled look at a certificate, end the line with `# sitelint: allow SAF001 -- why`)",
    ),
    'SAF002': (
        'snippets/shared/see-also.md:3: SAF002: this block switches verification off (it embeds `fix/trusted-host/linux.sh:insecure-env`) outside a danger admonition; put it inside `!!! danger "…"` that says what it costs, after the secure fixes',
    ),
}
