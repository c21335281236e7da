"""The reference page's precedence table is read by the documented format, and only by it."""

from __future__ import annotations

import pytest
from lab_precedence import TableError, parse_precedence_table

GOOD = """\
# Reference

## Which setting wins { #precedence }

Some words.

| setting | pip 23.3 | pip 26.3 (Python 3.11) |
|---|---|---|
| `REQUESTS_CA_BUNDLE` | 1 | 1 + |
| `cert =` | 5 |  5  + |
| `SSL_CERT_FILE` | — | OS |

## Next { #next }

| `PIP_CERT` | 9 | 9 |
"""


def test_cells_are_read_per_pip_version_with_whitespace_normalised():
    table = parse_precedence_table(GOOD)
    assert table == {
        "23.3": {"REQUESTS_CA_BUNDLE": "1", "cert =": "5", "SSL_CERT_FILE": "—"},
        "26.3": {"REQUESTS_CA_BUNDLE": "1 +", "cert =": "5 +", "SSL_CERT_FILE": "OS"},
    }


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("{ #precedence }", "{ #other }"), "no `## … { #precedence }` heading"),
    (GOOD.split("| setting")[0], "no Markdown table"),
    (GOOD.replace("pip 23.3", "old").replace("pip 26.3", "new"), "no column header"),
    (GOOD.replace("`SSL_CERT_FILE`", "SSL_CERT_FILE"), "first cell is not a setting"),
])
def test_a_table_not_in_the_documented_format_is_an_error(text, message):
    with pytest.raises(TableError, match=message):
        parse_precedence_table(text)
