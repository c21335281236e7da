"""Pastes arrive mangled: wrapped consoles, CRLF, colours, Markdown, huge or binary files."""

from __future__ import annotations

import textwrap

import pip_ssl_check as checker
import pytest
from checker_support import real_examples

RETRY_LINE = (
    "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after "
    "connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
    "certificate verify failed: self signed certificate in certificate chain (_ssl.c:1129)'))': "
    "/simple/requests/"
)


def hard_wrap(text: str, width: int = 80, newline: str = "\r\n") -> str:
    """What a Windows console does: cut every line at ``width`` characters, mid-word."""
    out = []
    for line in text.split("\n"):
        out.extend(line[i : i + width] for i in range(0, max(len(line), 1), width))
    return newline.join(out)


@pytest.mark.parametrize("example", real_examples(), ids=lambda e: e["symptom"])
def test_a_console_wrapped_at_80_columns_with_crlf_gives_the_same_answer(example):
    plain = checker.explain(example["text"])
    wrapped = checker.explain(hard_wrap(example["text"]))
    assert (wrapped["symptom"], wrapped["causes"]) == (plain["symptom"], plain["causes"])


def test_words_split_by_the_wrap_are_joined_again():
    text = (
        "Caused by SSLError(SSLCertVerificationE\r\nrror(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certi\r\n"
        "ficate verify failed: unable to get local issuer certi\r\nficate (_ssl.c:1124)')))"
    )
    result = checker.explain(text)
    assert result["symptom"] == "unable-to-get-local-issuer"
    assert result["evidence"]["line_number"] == 3  # where "unable to get local issuer" starts


def test_evidence_is_the_original_line_where_the_match_starts():
    text = (
        "Collecting requests\n\n"
        + hard_wrap(RETRY_LINE, 80, "\n")
        + "\nERROR: No matching distribution"
    )
    lines = text.split("\n")
    result = checker.explain(text)
    number = result["evidence"]["line_number"]
    assert result["symptom"] == "self-signed-in-chain"
    assert result["evidence"]["line"] == lines[number - 1].strip()
    assert "self" in lines[number - 1] or "signed" in lines[number - 1]


def test_ansi_colours_are_ignored():
    text = "\x1b[33mWARNING: Retrying\x1b[0m " + RETRY_LINE.replace(
        "self signed", "\x1b[1;31mself signed\x1b[0m"
    )
    result = checker.explain(text)
    assert result["symptom"] == "self-signed-in-chain"
    assert "\x1b" not in result["evidence"]["line"]


def test_markdown_quotes_fences_backticks_and_bold_are_ignored():
    body = hard_wrap(RETRY_LINE, 60, "\n")
    text = (
        "> I get this:\n> ```\n" + "\n".join("> " + line for line in body.split("\n")) + "\n> ```\n"
    )
    assert checker.explain(text)["symptom"] == "self-signed-in-chain"
    bold = "**`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has`** **`expired`**"
    assert checker.explain(bold)["symptom"] == "cert-expired"


def test_html_escaped_and_repr_escaped_quotes_are_read():
    assert (
        checker.explain(
            "CertificateError(&quot;hostname &#39;a.b.com&#39; doesn&#39;t match &#39;x.y&#39;&quot;)"
        )["symptom"]
        == "hostname-mismatch"
    )
    assert (
        checker.explain(
            "CertificateError(\\\"hostname \\'a.b.com\\' doesn\\'t match \\'x.y\\'\\\")"
        )["symptom"]
        == "hostname-mismatch"
    )


def test_windows_prompts_ci_timestamps_and_log_prefixes_do_not_break_a_wrapped_message():
    wrapped = hard_wrap(RETRY_LINE, 70, "\n").split("\n")
    ci = "\n".join("2024-03-01T10:00:0%dZ %s" % (i % 10, line) for i, line in enumerate(wrapped))
    assert checker.explain(ci)["symptom"] == "self-signed-in-chain"
    nltk = (
        "[nltk_data] Error loading punkt: <urlopen error [SSL:\n[nltk_data]     CERTIFICATE_VERIFY_FAILED] "
        "certificate verify failed:\n[nltk_data]     unable to get local issuer\n[nltk_data]     certificate "
        "(_ssl.c:1006)>"
    )
    assert checker.explain(nltk)["symptom"] == "unable-to-get-local-issuer"
    prompt = "(venv) C:\\Users\\me\\proj>pip install requests\r\n" + RETRY_LINE
    assert checker.explain(prompt)["symptom"] == "self-signed-in-chain"


def test_input_over_one_megabyte_is_cut_with_a_note_and_line_numbers_stay_true():
    filler = "Collecting something-else==1.0\n" * 400_000  # ~12 MB
    text = filler + RETRY_LINE + "\n" + "ERROR: done\n"
    for lang, word in (("en", "1 MB"), ("zh", "1 MB")):
        result = checker.explain(text, lang)
        assert result["truncated"] is True
        assert any(word in note for note in result["notes"])
        assert result["symptom"] == "self-signed-in-chain"
        assert result["evidence"]["line_number"] == 400_001
    assert checker.explain("x" * 1000)["truncated"] is False


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        b"",
        "   \n\r\n",
        b"\x00\x01\x02\xff" * 5000,
        bytes(range(256)) * 100,
        "\ud800 lone surrogate",
        "\x1b[" * 1000,
        12345,
    ],
)
def test_junk_input_gives_unrecognized_without_raising(data):
    result = checker.explain(data)
    assert result["symptom"] == "unrecognized"
    assert result["causes"] == []


def test_utf16_from_powershell_redirection_is_decoded():
    data = ("\ufeff" + RETRY_LINE + "\r\n").encode("utf-16-le")
    assert checker.explain(data)["symptom"] == "self-signed-in-chain"
    assert (
        checker.explain((RETRY_LINE + "\r\n").encode("utf-16-le"))["symptom"]
        == "self-signed-in-chain"
    )


def test_localized_windows_truststore_messages_in_chinese_are_recognised():
    text = textwrap.dedent("""\
        WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken
        by 'SSLError(SSLCertVerificationError('已处理证书链，但是在不受信任提供程序信任的根证书中终止。'))': /simple/numpy/
        """)
    result = checker.explain(text, "zh")
    assert result["symptom"] == "unable-to-get-local-issuer"
    assert result["causes"][0] == "corporate-proxy"
    assert result["symptom_url"].startswith("https://fix-pip-ssl.github.io/symptoms/")


def test_the_ssl_c_line_number_alone_never_decides():
    assert checker.explain("(_ssl.c:1006) (_ssl.c:590) _ssl.c:1129")["symptom"] == "unrecognized"


@pytest.mark.parametrize(
    "line",
    [
        r"C:\Users\x\proj> pip install foo",
        r"C:\Program Files\work> pip install foo",
        r"(venv) PS C:\x> pip install foo",
        r"PS C:\Users\John Smith\proj> pip install foo",
        r"(venv) C:\Users\me\proj>pip install foo",
        "PS> pip install foo",
        "$ pip install foo",
        "(venv) $ pip install foo",
        "user@host:~/proj$ pip install foo",
        "(.venv) user@box:~$ pip install foo",
        "[user@host proj]$ pip install foo",
        "% pip install foo",
    ],
)
def test_windows_and_posix_prompts_are_stripped_alike(line):
    assert checker._clean_line(line) == "pip install foo"


def test_text_that_only_looks_like_a_prompt_is_kept():
    for line in ("price is 5$ ok", "(venv) is active", "#5 [internal] load build definition"):
        assert checker._clean_line(line) == line


# --- bytes from files and pipes ---------------------------------------------------------

ZH_EXPIRED = (
    "WARNING: Retrying (Retry(total=3)) after connection broken by 'SSLError(SSLCertVerificationError(1, "
    "'[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: 在验证当前系统时钟或签名文件中的时间戳时，"
    "所需的证书不在有效期内。 (_ssl.c:1000)'))': /simple/flask/\r\n"
)


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"],
)
def test_every_encoding_a_windows_console_writes_is_decoded(encoding):
    data = ZH_EXPIRED.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data  # PowerShell's > writes a BOM
    result = checker.explain(data, "zh")
    assert result["symptom"] == "cert-expired", encoding
    assert "所需的证书不在有效期内" in result["evidence"]["line"]
    assert not result["evidence"]["line"].startswith("\ufeff")


def test_bytes_in_no_known_encoding_are_read_as_latin_1_without_raising():
    data = "Zertifikat für café: certificate has expired\n".encode("cp1252") + b"\x81\x8d\x90 \xff\xfe"
    result = checker.explain(data)
    assert result["symptom"] == "cert-expired"
    assert "caf" in result["evidence"]["line"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_explain_cli_reads_files_and_stdin_in_any_encoding(tmp_path, env, encoding):
    import json
    import sys

    from checker_support import run_checker

    data = ZH_EXPIRED.encode(encoding)
    path = tmp_path / "pip-error.txt"
    path.write_bytes(data)
    for args, stdin in ((["--explain", str(path), "--json"], None), (["--explain", "-", "--json"], data)):
        proc = run_checker(sys.executable, args, env(), stdin)
        assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
        assert proc.returncode == 1, proc.stderr.decode(errors="replace")
        assert json.loads(proc.stdout)["symptom"] == "cert-expired"
