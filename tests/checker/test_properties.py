"""Property tests: explain() never fails on any input, and no planted secret ever comes out."""

from __future__ import annotations

import json
import string
from urllib.parse import quote

import pip_ssl_check as checker
from checker_support import real_examples
import pytest
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


# --- secrets split by a hard wrap ----------------------------------------------------

WRAP_SECRET = "Zq8rT2mWx9LkP4vB7nHs"
WRAPPED_URL_LINES = [
    "WARNING: Retrying after connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: "
    "CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate'))': "
    "https://alice:{s}@nexus.corp.example.com/simple/x/",
    "Could not fetch URL https://alice:{s}@nexus.corp.example.com/simple/x/: There was a problem "
    "confirming the ssl certificate: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    "unable to get local issuer certificate",
    "https://alice:{s}@nexus.corp.example.com/simple/x/ certificate verify failed: certificate has expired",
    "set HTTPS_PROXY=http://CORP%5Cjdoe:{s}@proxy.corp:8080 & pip install x: [SSL: "
    "CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain",
]


def _fragments(secret, size=6):
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("template", WRAPPED_URL_LINES, ids=lambda t: t[:24])
def test_a_password_split_by_a_hard_wrap_leaks_no_six_characters_at_any_width(template, newline):
    line = template.format(s=WRAP_SECRET)
    leaks = {}
    exposed = 0  # widths where the evidence line, as pasted, held part of the password
    for width in range(20, 161):
        text = newline.join(line[i : i + width] for i in range(0, len(line), width))
        outputs = _all_outputs(text)
        found = sorted(f for f in _fragments(WRAP_SECRET) if f in outputs)
        if found:
            leaks[width] = found
        number = checker.explain(text)["evidence"]["line_number"]
        raw = text.split(newline)[number - 1]
        exposed += any(f in raw for f in _fragments(WRAP_SECRET, 3))
    assert leaks == {}
    # Only "Could not fetch URL" names the URL far from the error, on other lines.
    assert exposed > 0 or template.startswith("Could not fetch URL")


# --- credential and home-directory shapes seen in real pastes ---------------------------


@pytest.mark.parametrize(
    "text,secret,visible",
    [
        ("proxy = http://CORP\\jdoe:Winter2024!@proxy.corp:8080", "Winter2024!", "proxy.corp:8080"),
        ("https://user:pa%40ss@nexus.corp/simple", "pa%40ss", "nexus.corp/simple"),
        ("machine nexus.corp login bob password hunter2", "hunter2", "nexus.corp"),
        ("machine nexus.corp\n  login bob\n  password hunter2\n", "hunter2", "nexus.corp"),
        ("export HTTPS_PROXY=http://jdoe:S3cr3t#1@proxy:3128", "S3cr3t#1", "proxy:3128"),
        (
            "pip install --index-url https://__token__:pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoaWprbG1ub3A"
            "@upload.pypi.org/legacy/ x",
            "AgEIcHlwaS5vcmcCJGFiY2RlZmdoaWprbG1ub3A",
            "upload.pypi.org/legacy/",
        ),
        (
            "set PIP_INDEX_URL=https://jdoe:p@ss:w0rd@artifactory.corp/api/pypi/simple",
            "w0rd",
            "artifactory.corp/api/pypi/simple",
        ),
        ("Authorization: Basic am9objpzZWNyZXQ=", "am9objpzZWNyZXQ=", "Authorization: Basic"),
        ("proxy: jdoe:secret@10.0.0.1:8080", "secret", "10.0.0.1:8080"),
        ("https://jdoe:secret@[2001:db8::1]:8080/", "secret", "[2001:db8::1]:8080"),
        ("https_proxy=http://jdoe:pass word@proxy:3128", "pass word", "proxy:3128"),
        (
            "https://gitlab-ci-token:glcbt-64_abcdefghijklmnopqrst@gitlab.corp/api/v4/projects/1/packages/pypi/simple",
            "abcdefghijklmnopqrst",
            "gitlab.corp/api/v4",
        ),
        (
            "PIP_EXTRA_INDEX_URL='https://aws:eyJwYXlsb2FkIjoiYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY3ODkwIn0"
            "@corp-123.d.codeartifact.us-east-1.amazonaws.com/pypi/r/simple/'",
            "eyJwYXlsb2FkIjoiYWJj",
            "corp-123.d.codeartifact.us-east-1.amazonaws.com",
        ),
        (
            "https://oauth2accesstoken:ya29.a0AfH6SMBabcdefghijkl@us-python.pkg.dev/proj/repo/simple/",
            "ya29.a0AfH6SMBabcdefghijkl",
            "us-python.pkg.dev/proj/repo/simple/",
        ),
        ("http://user:pass@proxy", "pass", "@proxy"),
    ],
)
def test_every_credential_shape_is_hidden_and_its_host_stays_visible(text, secret, visible):
    out = checker.redact(text)
    assert secret not in out and "***" in out, out
    assert visible in out, out
    # and inside a paste, wherever the evidence line is
    paste = text + " [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired"
    assert secret not in _all_outputs(paste)


@pytest.mark.parametrize(
    "path,rest",
    [
        (r"C:\Users\John Smith\AppData\Local\Programs\Python\Python312\python.exe", r"\AppData\Local"),
        ("C:/Users/John Smith/proj/.venv/Scripts/pip.exe", "/proj/.venv"),
        (r"C:\\Users\\jdoe\\AppData", r"\\AppData"),
        ("/mnt/c/Users/jdoe/project/.venv/bin/python", "/project/.venv"),
        ("/mnt/d/Users/Jane Doe/work/x.py", "/work/x.py"),
        ("/var/home/jdoe/.local/bin/pip", "/.local/bin/pip"),
        ("/home/jdoe/.pyenv/versions/3.12.1/bin/python", "/.pyenv/versions"),
        ("/Users/jdoe/Library/Python/3.9/bin/pip", "/Library/Python"),
    ],
)
def test_user_names_in_home_paths_are_hidden_on_every_platform(path, rest):
    out = checker.redact(f'File "{path}", line 1')
    assert out.startswith('File "~') and rest in out, out
    for name in ("John Smith", "jdoe", "Jane Doe", "John", "Smith"):
        assert name not in out, out


def test_a_home_path_split_by_a_hard_wrap_loses_its_user_name():
    text = 'File "C:\\Users\\Johnathan Smithers\\AppData\\Local\\Programs\\Python\\ssl.py" certificate verify failed: certificate has expired'
    for width in range(20, 60):
        wrapped = "\r\n".join(text[i : i + width] for i in range(0, len(text), width))
        out = _all_outputs(wrapped)
        assert "Johnat" not in out and "mithers" not in out, width
