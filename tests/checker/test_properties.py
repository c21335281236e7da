"""Property tests: explain() never fails on any input, and no planted secret ever comes out."""

from __future__ import annotations

import json
import string
from urllib.parse import quote

import pip_ssl_check as checker
from checker_support import real_examples
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLES = real_examples()
FRAGMENTS = [
    "[SSL: CERTIFICATE_VERIFY_FAILED]",
    "certificate verify failed: ",
    "self signed certificate",
    "unable to get local issuer certificate",
    "Tunnel connection failed: 407",
    "_ssl",
    "\x1b[31m",
    "\r\n",
    "> ",
    "**",
    "`",
    "doesn't match",
    "hostname '",
    "'",
    "https://",
    "@",
    "EOF occurred in",
    "DLL load failed",
    "已处理证书链",
    "\x00",
    "\ufeff",
]


def _check_shape(result, text_lines):
    assert result["symptom"] in checker.SYMPTOM_IDS
    assert set(result["causes"]) <= set(checker.CAUSE_IDS)
    assert [d["id"] for d in result["causes_detail"]] == result["causes"]
    assert isinstance(result["truncated"], bool)
    if result["symptom"] == "unrecognized":
        assert result["evidence"] is None and result["causes"] == []
    else:
        assert 1 <= result["evidence"]["line_number"] <= max(text_lines, 1)
    json.dumps(result)


@SETTINGS
@given(st.lists(st.one_of(st.text(), st.sampled_from(FRAGMENTS)), max_size=30))
def test_explain_never_raises_and_always_answers_with_known_ids(parts):
    text = "".join(parts)
    result = checker.explain(text)
    _check_shape(result, text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1)


@SETTINGS
@given(st.binary(max_size=5000))
def test_explain_accepts_any_bytes(data):
    result = checker.explain(data)
    assert result["symptom"] in checker.SYMPTOM_IDS


@SETTINGS
@given(
    st.sampled_from(EXAMPLES),
    st.integers(min_value=8, max_value=160),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_wrapping_line_endings_and_colour_never_change_the_answer(example, width, newline, colour):
    text = example["text"]
    if colour:
        text = "\x1b[31m" + text.replace("\n", "\x1b[0m\n\x1b[31m") + "\x1b[0m"
    pieces = []
    for line in text.split("\n"):
        pieces.extend(line[i : i + width] for i in range(0, max(len(line), 1), width))
    result = checker.explain(newline.join(pieces))
    assert result["symptom"] == example["symptom"]
    if example["causes"]:
        assert result["causes"][0] == example["causes"][0]


# --- redaction -----------------------------------------------------------------------

SECRET = st.text(alphabet=string.ascii_letters + string.digits, min_size=16, max_size=40)
NOISE = st.text(alphabet=string.ascii_letters + string.digits + " .,:;/()[]'\"=-_\t", max_size=60)
ERROR = (
    "Could not fetch URL {url}: There was a problem confirming the ssl certificate: "
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"
)


def _plantings(secret):
    """Ways a secret shows up in real pastes (URLs, headers, variables, tokens)."""
    user = "alice"
    return [
        ERROR.format(url=f"https://{user}:{secret}@pypi.example.com/simple/pkg/"),
        ERROR.format(
            url=f"https://gitlab%2Bdeploy-token-42:{secret}@gitlab.example.com/api/v4/packages/pypi/simple"
        ),
        ERROR.format(
            url="https://__token__:{}@pypi.example.com/simple/".format(
                quote(secret + "@/:", safe="")
            )
        ),
        ERROR.format(url=f"https://pypi.example.com/simple/?token={secret}&x=1"),
        ERROR.format(url=f"https://files.example.com/a.whl?X-Amz-Signature={secret}"),
        f"Authorization: Basic {secret}\n" + ERROR.format(url="https://pypi.org/simple/"),
        f"Proxy-Authorization: Bearer {secret} "
        + ERROR.format(url="https://pypi.org/simple/"),
        f"{{'Authorization': 'token {secret}'}} "
        + ERROR.format(url="https://pypi.org/simple/"),
        f"set https_proxy=http://DOMAIN%5Cbob:{secret}@proxy.corp:8080\r\n"
        + ERROR.format(url="https://x.org/"),
        f"proxy = bob:{secret}@proxy.corp:3128 " + ERROR.format(url="https://x.org/"),
        f"PIP_PASSWORD={secret} " + ERROR.format(url="https://x.org/"),
        f"password: {secret} " + ERROR.format(url="https://x.org/"),
        "export GITHUB_TOKEN=ghp_{} ".format((secret + "A" * 36)[:36])
        + ERROR.format(url="https://x.org/"),
        ERROR.format(url="https://x.org/") + " glpat-{}".format((secret + "b" * 20)[:20]),
        ERROR.format(url="https://x.org/") + f" pypi-AgEIcHlwaS5vcmc{secret}",
    ]


def _all_outputs(text):
    result = checker.explain(text, "en")
    result_zh = checker.explain(text, "zh")
    return "\n".join(
        [
            json.dumps(result, ensure_ascii=False),
            json.dumps(result_zh, ensure_ascii=False),
            checker.format_explanation(result),
            checker.redact(text),
        ]
    )


@SETTINGS
@given(
    SECRET,
    NOISE,
    NOISE,
    st.integers(min_value=0, max_value=14),
    st.sampled_from(["\n", "\r\n", " "]),
)
def test_a_planted_secret_never_appears_in_any_output(secret, before, after, which, glue):
    assume(secret[:8] not in before + after)  # the noise must not contain the secret by chance
    planted = _plantings(secret)[which]
    text = before + glue + planted + glue + after
    outputs = _all_outputs(text)
    encoded = quote(secret + "@/:", safe="")
    for needle in (secret, encoded):
        assert needle not in outputs, (which, planted)


def test_every_planting_is_still_classified():
    for planted in _plantings("Q" * 20):
        assert checker.explain(planted)["symptom"] == "unable-to-get-local-issuer", planted


def test_home_directories_print_as_tilde():
    import os

    home = os.path.expanduser("~")
    line = (
        f'File "{home}/proj/.venv/lib/ssl.py" certificate verify failed: certificate has expired'
    )
    assert home not in json.dumps(checker.explain(line))
    assert (
        checker.redact("/home/lepton/.pyenv/x and C:\\Users\\tenny_lu\\AppData")
        == "~/.pyenv/x and ~\\AppData"
    )
