"""How the lab reads fix-page snippets: sections, their companions and placeholders."""

from __future__ import annotations

import lab_fixes
import pytest

LINUX = """\
#!/usr/bin/env bash
# --8<-- [start:fix-thing]
sudo cp "<corporate-root-ca.pem>" /usr/local/share/ca-certificates/x.crt
# --8<-- [end:fix-thing]
# --8<-- [start:undo-thing]
sudo rm -f /usr/local/share/ca-certificates/x.crt
# --8<-- [end:undo-thing]
"""
POSIX = """\
# --8<-- [start:fix-other]
export PIP_CERT="$HOME/b.pem" </dev/null 2>/dev/null
# --8<-- [end:fix-other]
# --8<-- [start:verify]
python3 -m pip download <package>
# --8<-- [end:verify]
"""


@pytest.fixture
def snippets(tmp_path):
    page = tmp_path / "fix" / "demo"
    page.mkdir(parents=True)
    (page / "linux.sh").write_text(LINUX)
    (page / "posix.sh").write_text(POSIX)
    (page / "windows.ps1").write_text(
        "# --8<-- [start:fix-win]\nSet-Thing\n# --8<-- [end:fix-win]\n")
    return tmp_path


def test_only_linux_and_posix_fix_sections_are_discovered(snippets):
    keys = [s.key for s in lab_fixes.discover_fix_sections(snippets)]
    assert keys == ["demo/linux.sh:fix-thing", "demo/posix.sh:fix-other"]


def test_undo_pairs_by_name_and_verify_falls_back_to_the_pages_verify(snippets):
    thing, other = lab_fixes.discover_fix_sections(snippets)
    assert lab_fixes.companion(thing, "undo", snippets).name == "undo-thing"
    assert lab_fixes.companion(other, "undo", snippets) is None
    assert lab_fixes.companion(thing, "verify", snippets).key == "demo/posix.sh:verify"


def test_placeholders_are_filled_and_redirections_are_left_alone():
    text = 'cp "<corporate-root-ca.pem>" x </dev/null 2>/dev/null <package>'
    assert lab_fixes.fill(text, {"corporate-root-ca.pem": "/r.pem", "package": "p"}) == (
        'cp "/r.pem" x </dev/null 2>/dev/null p')


def test_an_unknown_placeholder_is_an_error_that_names_it():
    with pytest.raises(lab_fixes.UnknownPlaceholder, match="mirror-index-url"):
        lab_fixes.fill("export PIP_INDEX_URL=<mirror-index-url>", {})
