"""Every finding code, with the defect it stands for.

The prefix names the check family (one module each): LNK links, PAR zh/en
parity, IDS the id contract between the checker and the pages, SNP snippets,
PLH placeholders, SAF verification switched off, TOOL a checker tool missing.
``sitelint --list-codes`` prints this table; tests assert every code here has a
fixture that triggers it.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Links (sitelint.links, sitelint.external, sitelint.rendered)
    "LNK001": "internal link to a page or file that does not exist in that language",
    "LNK002": "internal link to an anchor that the target page does not have",
    "LNK003": "internal link not written as a relative link to the .md source without language suffix",
    "LNK004": "nav entry that names a missing page (in either language)",
    "LNK005": "link in an overrides/ template that does not resolve",
    "LNK006": "checker URL (SITE_URL, fix_url, symptom_url) that does not match the site",
    "LNK007": "external link over http:// outside an insecure section or danger admonition",
    "LNK008": "external link not in the reviewed allowlist",
    "LNK009": "external link that fails over the network (--external only)",
    "LNK010": "link in the built HTML that does not resolve (build only)",
    "LNK011": "page that is neither in the nav nor in not_in_nav",
    # Parity (sitelint.parity)
    "PAR001": "page without its twin in the other language",
    "PAR002": "heading ids differ between the languages (order, level or id)",
    "PAR003": "snippet includes differ between the languages",
    "PAR004": "admonition types or nesting differ between the languages",
    "PAR005": "content tabs differ between the languages, or a label is misspelt, translated or out of order",
    "PAR006": "element ids in the built HTML differ between the languages (build only)",
    # Id contract (sitelint.ids)
    "IDS001": "heading without an explicit lowercase kebab-case { #id }, or a duplicate id",
    "IDS002": "checker symptom ids differ from the symptoms page sections",
    "IDS003": "checker fix page ids differ from the pages in docs/fix/",
    "IDS004": "fix page h1 id or section ids/order not as CONTRIBUTING.md says",
    "IDS005": "checker id table is missing, does not load, or is inconsistent",
    # Snippets (sitelint.snippets, sitelint.syntax, sitelint.tools)
    "SNP001": "--8<-- include of a file that does not exist",
    "SNP002": "--8<-- include of a section the file does not have",
    "SNP003": "snippet file that no page includes",
    "SNP004": "fenced code block without a language, or with one not in the list",
    "SNP005": "snippet section markers unbalanced, duplicated or badly named",
    "SNP006": "command or config typed into the page instead of embedded from snippets/",
    "SNP007": "fence language does not match the embedded snippet file's type",
    "SNP008": "fix-page snippet folder layout or section name not as CONTRIBUTING.md says",
    "SNP010": "shell snippet fails bash -n",
    "SNP011": "shell snippet has a shellcheck finding",
    "SNP012": "python snippet does not compile on the oldest or newest supported CPython",
    "SNP013": "ini snippet does not parse, or uses a section or option pip does not have",
    "SNP014": "toml, yaml or json snippet does not parse",
    "SNP015": "powershell snippet fails a structural check",
    "SNP016": "bat (cmd) snippet fails a structural check",
    # Placeholders (sitelint.placeholders)
    "PLH001": "<placeholder> not listed in snippets/README.md",
    "PLH002": "placeholder-like text in a form the convention forbids (path/to/, YOUR_, xxx, {...}, <NON-KEBAB>)",
    # Safety (sitelint.safety)
    "SAF001": "verification switched off outside an insecure- snippet section",
    "SAF002": "insecure content shown outside a !!! danger admonition",
    # Tools (sitelint.tools)
    "TOOL001": "a tool a check needs (shellcheck, bash, CPython 3.6, newest CPython) is missing",
}
