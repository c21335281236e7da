"""Each finding code is caught on a fixture site with one seeded defect, with its exact message."""

from __future__ import annotations

import pytest

from lint_cases import CASES, EXPECTED, see_also
from lintsite import Edit, copy_base
from sitelint.cli import main
from sitelint.codes import CODES

SOURCE_CASES = [c for c in CASES if not c.build_only]
CASE_BY_CODE = {c.code: c for c in CASES}
# Codes proven elsewhere: the network check and the missing-tool findings
# (tests/lint/test_lint_external.py, tests/lint/test_lint_tools.py).
CODES_TESTED_ELSEWHERE = {"LNK009", "TOOL001"}


def lint_lines(root, capsys, *extra) -> tuple[int, list[str]]:
    status = main(["--root", str(root), *extra])
    out = capsys.readouterr().out
    return status, [line for line in out.split("\n") if line]


def test_clean_fixture_site_has_no_findings(fixture_site, capsys):
    status, lines = lint_lines(fixture_site, capsys)
    assert lines == []
    assert status == 0


def test_every_code_has_a_seeded_defect():
    covered = {c.code for c in CASES} | CODES_TESTED_ELSEWHERE
    assert covered == set(CODES)


@pytest.mark.parametrize("case", SOURCE_CASES, ids=lambda c: f"{c.code}-{c.name.replace(' ', '-')}")
def test_seeded_defect_prints_exact_finding(case, tmp_path, capsys):
    root = copy_base(tmp_path / "site-src", case.edits)
    status, lines = lint_lines(root, capsys)
    assert lines == list(EXPECTED[case.code])
    assert all(f": {case.code}: " in line for line in lines)
    assert status == 1


@pytest.mark.parametrize("case", SOURCE_CASES, ids=lambda c: c.code)
def test_every_message_says_how_to_fix_it(case):
    for line in EXPECTED[case.code]:
        message = line.split(f": {case.code}: ", 1)[1]
        assert "; " in message, f"{case.code} message gives no fix: {message}"


def test_an_insecure_block_inside_a_warning_is_not_enough(tmp_path, capsys):
    """Only `!!! danger` says "this switches verification off"; a warning does not."""
    saf002 = CASE_BY_CODE["SAF002"]
    in_warning = (
        '!!! warning "Insecure"\n\n    ```bash\n    --8<-- "fix/trusted-host/linux.sh:insecure-env"\n    ```\n'
    )
    edits = (saf002.edits[0], see_also(in_warning))
    status, lines = lint_lines(copy_base(tmp_path / "site-src", edits), capsys)
    assert status == 1
    assert [line.split(": ")[1] for line in lines] == ["SAF002"]


def test_usage_error_exits_2(tmp_path, capsys):
    assert main(["--root", str(tmp_path)]) == 2
    assert "has no mkdocs.yml" in capsys.readouterr().err
    assert main(["--no-such-option"]) == 2


def test_a_missing_or_broken_allowlist_is_a_usage_error(fixture_site, tmp_path, capsys):
    assert main(["--root", str(fixture_site), "--allowlist", str(tmp_path / "nope.txt")]) == 2
    assert "no such allowlist file" in capsys.readouterr().err
    broken = tmp_path / "broken.txt"
    broken.write_text("http://insecure.example/  # not https\n", encoding="utf-8")
    assert main(["--root", str(fixture_site), "--allowlist", str(broken)]) == 2
    assert "sitelint: " in capsys.readouterr().err


def test_findings_are_sorted_by_path_then_line(tmp_path, capsys):
    edits = [e for c in SOURCE_CASES if c.code in ("LNK001", "SNP013", "PLH001") for e in c.edits]
    root = copy_base(tmp_path / "site-src", edits)
    status, lines = lint_lines(root, capsys)
    assert status == 1
    assert lines == sorted(EXPECTED["LNK001"] + EXPECTED["SNP013"] + EXPECTED["PLH001"])


def test_allow_comment_waives_only_its_code_on_its_line(tmp_path, capsys):
    """`# sitelint: allow SAF001 -- why` keeps a deliberate line; the next line is still checked."""
    insecure = "curl -k -sI https://pypi.org/simple/"
    root = copy_base(tmp_path / "site-src", [
        Edit("snippets/fix/clock-skew/linux.sh", "# --8<-- [end:undo-ntp]\n",
             "# --8<-- [end:undo-ntp]\n# --8<-- [start:diagnose-date]\n"
             f"{insecure}  # sitelint: allow SAF001 -- shows the Date header only\n{insecure}\n# --8<-- [end:diagnose-date]\n"),
    ])
    status, lines = lint_lines(root, capsys)
    assert status == 1
    assert [line.split(": ", 2)[:2] for line in lines] == [["snippets/fix/clock-skew/linux.sh:12", "SAF001"]]
