"""explain() names the right symptom and cause for FACTS strings, real pastes and the lab's output."""

from __future__ import annotations

import json

import pip_ssl_check as checker
import pytest
from checker_support import LAB_MANIFEST, facts_symptom_fragments, real_examples, shared_or_copy

# FACTS fragments that are placeholders or only make sense in context, and the
# concrete text each stands for. Every other fragment is classified as written.
FACTS_REWRITES = {
    "Expired": ["invalid peer certificate: Expired"],
    "hostname '…' doesn't match": ["hostname 'pypi.org' doesn't match 'proxy.example.com'"],
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:NNN)": [
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:590)",
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1056)",
    ],
    "DLL load failed": [
        '  File "C:\\Anaconda3\\lib\\ssl.py", line 98, in <module>\n    import _ssl\n'
        "ImportError: DLL load failed: The specified module could not be found."
    ],
    "import _ssl": [
        "    import _ssl             # if we can't import it, let the error propagate\n"
        "ImportError: DLL load failed while importing _ssl: The specified module could not be found."
    ],
    "libssl.so.N: cannot open shared object file": [
        "ImportError: libssl.so.1.1: cannot open shared object file: No such file or directory",
        "ImportError: libssl.so.3: cannot open shared object file: No such file or directory",
    ],
    "Tunnel connection failed: 4xx/5xx": [
        "OSError('Tunnel connection failed: 403 Forbidden')",
        "OSError('Tunnel connection failed: 502 Bad Gateway')",
    ],
}


def _facts_cases():
    facts = facts_symptom_fragments(shared_or_copy("FACTS.md").read_text(encoding="utf-8"))
    cases = []
    for symptom, fragments in facts.items():
        for fragment in fragments:
            for text in FACTS_REWRITES.get(fragment, [fragment]):
                cases.append(pytest.param(symptom, text, id=f"{symptom}:{text[:50]}"))
    return cases


@pytest.mark.parametrize("symptom,text", _facts_cases())
def test_every_facts_symptom_string_is_classified_as_its_symptom(symptom, text):
    result = checker.explain(text)
    assert result["symptom"] == symptom, (text, result["symptom"])
    if not result["rules"]:
        assert result["causes"] == list(checker.SYMPTOM_CAUSES[symptom])


@pytest.mark.parametrize("symptom,text", _facts_cases())
def test_facts_strings_inside_a_pip_retry_line_keep_their_symptom(symptom, text):
    wrapped = (
        "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) "
        f"after connection broken by 'SSLError(SSLCertVerificationError(1, '{text} (_ssl.c:1006)'))': "
        "/simple/requests/\n"
    )
    assert checker.explain(wrapped)["symptom"] == symptom


def _real_cases():
    return [
        pytest.param(example, id=f"{i}-{example['symptom']}")
        for i, example in enumerate(real_examples())
    ]


@pytest.mark.parametrize("example", _real_cases())
def test_real_pastes_get_their_labelled_symptom_and_first_cause(example):
    result = checker.explain(example["text"])
    assert result["symptom"] == example["symptom"], example["source"]
    if example["causes"]:
        assert result["causes"][0] == example["causes"][0], (
            example["source"],
            result["causes"],
            result["rules"],
        )
        assert set(example["causes"]) <= set(result["causes"]), example["source"]
    evidence = result["evidence"]
    lines = example["text"].splitlines()
    assert 1 <= evidence["line_number"] <= len(lines)
    original = checker.redact(lines[evidence["line_number"] - 1].strip())
    if len(original) <= checker._EVIDENCE_MAX_CHARS:
        assert evidence["line"] == original
    else:
        assert evidence["line"].strip("…") in original


def _lab_cases():
    if not LAB_MANIFEST.exists():
        return [pytest.param(None, id="manifest-missing")]
    entries = json.loads(LAB_MANIFEST.read_text(encoding="utf-8"))
    return [pytest.param(entry, id=entry["scenario"]) for entry in entries]


@pytest.mark.parametrize("entry", _lab_cases())
def test_lab_captured_pip_output_gets_its_symptom_and_labelled_causes(entry):
    """The lab's real pip output: the symptom must match and every labelled cause must be offered.

    The lab labels its scenarios by how it built them (a missing intermediate and an
    intercepting proxy print the same text), so the first cause is compared only
    through the ranking: each labelled cause must be in the list explain() returns.
    """
    if entry is None:
        pytest.fail(
            f"{LAB_MANIFEST.relative_to(LAB_MANIFEST.parents[3])} is missing: the lab writes it "
            "(a JSON list of {scenario, file, symptom, causes}); the checker must classify each file"
        )
    path = LAB_MANIFEST.parent / entry["file"]
    assert path.exists(), f"{entry['scenario']}: {path} listed in index.json but missing"
    result = checker.explain(path.read_bytes())
    assert result["symptom"] == entry["symptom"], (entry["scenario"], result["symptom"])
    assert set(entry["causes"]) <= set(result["causes"]), (entry["scenario"], result["causes"])
    if entry["symptom"] != "unrecognized":
        assert result["evidence"]["line_number"] >= 1


# --- the most specific root symptom wins ------------------------------------------


@pytest.mark.parametrize(
    "text,symptom",
    [
        (
            "ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication "
            "Required'))",
            "proxy-auth",
        ),
        (
            "ProxyError('Your proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP.', "
            "SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)')))",
            "wrong-version-number",
        ),
        (
            "ProxyError('Cannot connect to proxy.', SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
            "certificate verify failed: self signed certificate in certificate chain (_ssl.c:1129)')))",
            "self-signed-in-chain",
        ),
        (
            "CondaSSLError: Encountered an SSL error. Most likely a certificate verification issue.\n"
            "Exception: HTTPSConnectionPool(host='repo.anaconda.com', port=443): (Caused by SSLError(SSLCertVerificationError"
            "(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1129)')))",
            "cert-expired",
        ),
        (
            "There was a problem confirming the ssl certificate: Can't connect to HTTPS URL because the SSL module is not "
            "available. - skipping",
            "ssl-module-missing",
        ),
        (
            "WARNING: Retrying ... 'SSLError(SSLEOFError(8, 'EOF occurred in violation of protocol (_ssl.c:1006)'))'\n"
            "WARNING: Retrying ... 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
            "verify failed: unable to get local issuer certificate (_ssl.c:1006)'))'",
            "unable-to-get-local-issuer",
        ),
        (
            "ProxyError('Unable to connect to proxy', NewConnectionError('<urllib3.connection.HTTPSConnection object at "
            "0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))",
            "proxy-refused",
        ),
        (
            "urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:833)",
            "verify-failed-no-reason",
        ),
        ("_ssl.c:1006", "unrecognized"),
        (
            "ERROR: Could not find a version that satisfies the requirement numpy (from versions: none)",
            "unrecognized",
        ),
    ],
)
def test_the_most_specific_symptom_in_a_paste_wins(text, symptom):
    assert checker.explain(text)["symptom"] == symptom


@pytest.mark.parametrize(
    "text,symptom",
    [
        (
            "Our Nexus uses a self-signed certificate, and the certificate has expired? pip says:\n"
            "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate",
            "unable-to-get-local-issuer",
        ),
        (
            "Is this a hostname mismatch? ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number",
            "wrong-version-number",
        ),
        (
            "We replaced the self signed certificate.",
            "self-signed-cert",
        ),  # prose alone still answers
        (
            "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) "
            "after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='pypi.org', "
            "port=443): Read timed out. (read timeout=15)\")': /simple/requests/",
            "connection-interrupted",
        ),  # pip's words for a handshake that stalls past its timeout (measured in the lab)
        (
            "WARNING: Retrying (...) after connection broken by 'ReadTimeoutError(\"...Read timed out.\")'\n"
            "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired",
            "cert-expired",
        ),  # a timeout on one retry does not hide the certificate error of the next
        ("SyntaxError: unexpected EOF while parsing", "unrecognized"),
        ('Get "pypi.org/simple": unsupported protocol scheme ""', "unrecognized"),
    ],
)
def test_phrases_written_in_prose_lose_to_the_real_error(text, symptom):
    assert checker.explain(text)["symptom"] == symptom


# --- neighbours of pip and other spellings ------------------------------------------


@pytest.mark.parametrize(
    "text,symptom",
    [
        (
            "curl: (60) SSL certificate problem: unable to get local issuer certificate",
            "unable-to-get-local-issuer",
        ),
        ("x509: certificate signed by unknown authority", "unable-to-get-local-issuer"),
        ("npm ERR! code SELF_SIGNED_CERT_IN_CHAIN", "self-signed-in-chain"),
        (
            "SSLCertVerificationError('“pypi.org” certificate is not trusted')",
            "unable-to-get-local-issuer",
        ),
        (
            "SSLCertVerificationError('“nexus.corp” certificate is not standards compliant')",
            "strict-x509",
        ),
        (
            "SSLError(SSLCertVerificationError('已处理证书链，但处理过程因根证书不受信任而终止。'))",
            "unable-to-get-local-issuer",
        ),
        (
            "SSLCertVerificationError('The certificate's CN name does not match the passed value.')",
            "hostname-mismatch",
        ),
        (
            "SSLCertVerificationError('A required certificate is not within its validity period when verifying against "
            "the current system clock or the timestamp in the signed file.')",
            "cert-expired",
        ),
        (
            'error: invalid peer certificate: certificate not valid for name "pypi.org"',
            "hostname-mismatch",
        ),
        ("Caused by: invalid peer certificate: NotValidYet", "cert-not-yet-valid"),
        (
            "x509: certificate has expired or is not yet valid: current time 2019-01-01T00:00:00Z is before "
            "2024-05-01T00:00:00Z",
            "cert-not-yet-valid",
        ),
        (
            "ssl.SSLError: [SSL: UNSAFE_LEGACY_RENEGOTIATION_DISABLED] unsafe legacy renegotiation disabled (_ssl.c:997)",
            "tls-version",
        ),
        (
            "ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure (_ssl.c:590)",
            "tls-version",
        ),
        ("ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small (_ssl.c:1129)", "weak-crypto"),
        (
            "ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4293)",
            "ca-bundle-invalid",
        ),
        ("error: Invalid `SSL_CERT_FILE` at `/tmp/x.pem`", "ca-bundle-invalid"),
        (
            "ImportError: dlopen(/Library/Frameworks/Python.framework/Versions/3.8/lib/python3.8/lib-dynload/_ssl.cpython-38"
            "-darwin.so, 2): Library not loaded: /usr/local/opt/openssl/lib/libssl.1.0.0.dylib",
            "ssl-module-missing",
        ),
        (
            "ConnectionResetError(10054, 'An existing connection was forcibly closed by the remote host', None, 10054, None)",
            "connection-interrupted",
        ),
        (
            "ProxyError: Conda cannot proceed due to an error in your proxy configuration.",
            "proxy-refused",
        ),
        ("curl: (56) Received HTTP code 407 from proxy after CONNECT", "proxy-auth"),
        (
            "error: Request failed after 3 retries\n  Caused by: client error (Connect)\n  Caused by: received corrupt "
            "message of type InvalidContentType",
            "wrong-version-number",
        ),
        (
            "Invoke-WebRequest : The request was aborted: Could not create SSL/TLS secure channel.",
            "tls-version",
        ),
        ("ValueError: check_hostname requires server_hostname", "wrong-version-number"),
        ("ValueError: Unable to determine SOCKS version from socks://127.0.0.1:7890/", "proxy-refused"),
        (
            "urllib3.exceptions.ProxySchemeUnknown: Proxy URL had no scheme, should start with http://",
            "proxy-refused",
        ),
        (
            "fatal: unable to access 'https://github.com/a/b.git/': server certificate verification failed. CAfile: none "
            "CRLfile: none",
            "verify-failed-no-reason",
        ),
        (
            "SSLError(SSLError(\"bad handshake: Error([('SSL routines', 'tls_process_server_certificate', 'certificate "
            "verify failed')],)\",),)",
            "verify-failed-no-reason",
        ),
        (
            "SSLError(\"bad handshake: SysCallError(-1, 'Unexpected EOF')\",)",
            "connection-interrupted",
        ),
        (
            "SSLCertVerificationError('Ein erforderliches Zertifikat befindet sich nicht innerhalb seines "
            "Gültigkeitszeitraums, wenn die Überprüfung anhand der aktuellen Systemuhr erfolgt.')",
            "cert-expired",
        ),
        (
            "SSLCertVerificationError('Eine Zertifikatkette wurde zwar verarbeitet, endete jedoch mit einem "
            "Stammzertifikat, das beim Vertrauensanbieter nicht als vertrauenswürdig gilt.')",
            "unable-to-get-local-issuer",
        ),
        (
            "SSLCertVerificationError('Une chaîne de certificats a été traitée mais s’est terminée par un certificat "
            "racine qui n’est pas approuvé par le fournisseur d’approbation.')",
            "unable-to-get-local-issuer",
        ),
        (
            "SSLCertVerificationError('証明書チェーンは処理されましたが、信頼プロバイダーが信頼していないルート証明書で"
            "強制終了しました。')",
            "unable-to-get-local-issuer",
        ),
    ],
)
def test_neighbouring_tools_and_platform_spellings_are_recognised(text, symptom):
    assert checker.explain(text)["symptom"] == symptom


# --- context rules reorder the causes ---------------------------------------------


def _first(text):
    return checker.explain(text)["causes"][0]


def test_stdlib_urllib_without_os_hints_points_at_install_certificates():
    text = (
        "urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
        "unable to get local issuer certificate (_ssl.c:1124)>"
    )
    assert _first(text) == "macos-install-certificates"
    windows = 'File "C:\\Python38\\lib\\urllib\\request.py", line 1319\n' + text
    assert _first(windows) == "corporate-proxy"


def test_a_named_inspection_product_puts_corporate_proxy_first_and_is_reported():
    text = (
        "Exception: HTTPSConnectionPool(host='pypi.org', port=443) (Caused by SSLError(SSLCertVerificationError"
        "(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired')))\n"
        "issuer=C = US, O = Zscaler Inc., CN = Zscaler Intermediate Root CA"
    )
    result = checker.explain(text)
    assert result["causes"][0] == "corporate-proxy"
    assert result["context"]["vendor"] == "Zscaler"
    assert any("Zscaler" in note for note in result["notes"])


def test_mitmproxy_as_a_package_name_is_not_an_inspection_product():
    text = (
        "Could not fetch URL https://pypi.org/simple/mitmproxy/: There was a problem confirming the ssl "
        "certificate: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired"
    )
    assert checker.explain(text)["context"]["vendor"] is None


def test_expired_certificate_of_pypi_points_at_the_clock_not_the_server():
    text = (
        "Could not fetch URL https://pypi.org/simple/pip/: There was a problem confirming the ssl certificate: "
        "HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded (Caused by SSLError("
        "SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate "
        "has expired (_ssl.c:1129)')))"
    )
    causes = checker.explain(text)["causes"]
    assert causes[:2] == ["clock-skew", "outdated-certificates"]
    assert "server-certificate" in causes


def test_hostname_mismatch_within_one_organisation_blames_the_server():
    text = "CertificateError(\"hostname 'pypi.corp.example.com' doesn't match either of '*.example.com', 'example.com'\")"
    assert _first(text) == "server-certificate"


def test_hostname_mismatch_naming_an_unrelated_domain_means_a_network_block():
    text = "CertificateError(\"hostname 'files.pythonhosted.org' doesn't match 'login.hotel-wifi.net'\")"
    result = checker.explain(text)
    assert result["causes"][0] == "network-block"
    assert result["last_resort"] is None  # never --trusted-host a block page


def test_ssl_missing_in_an_unactivated_windows_conda_points_at_conda_first():
    text = (
        "CondaHTTPError: HTTP 000 CONNECTION FAILED for url <https://repo.anaconda.com/pkgs/main/win-64/"
        "current_repodata.json>\nSSLError(MaxRetryError('HTTPSConnectionPool(host=\\'repo.anaconda.com\\', "
        "port=443): (Caused by SSLError(\"Can\\'t connect to HTTPS URL because the SSL module is not "
        "available.\"))'))"
    )
    assert checker.explain(text)["symptom"] == "ssl-module-missing"
    assert _first(text) == "conda-ssl-dll"
    linux = (
        "WARNING: pip is configured with locations that require TLS/SSL, however the ssl module in Python is "
        "not available.\n/home/me/.pyenv/versions/3.11.4/bin/python"
    )
    assert _first(linux) == "python-without-ssl"


def test_dll_load_failure_of_ssl_points_at_conda_first():
    text = (
        '  File "C:\\Users\\me\\miniconda3\\lib\\ssl.py", line 98, in <module>\n    import _ssl\n'
        "ImportError: DLL load failed while importing _ssl: The specified module could not be found."
    )
    assert _first(text) == "conda-ssl-dll"


def test_eof_through_a_proxy_points_at_the_proxy_settings():
    text = (
        "ProxyError('Cannot connect to proxy.', SSLEOFError(8, 'EOF occurred in violation of protocol "
        "(_ssl.c:1129)'))"
    )
    result = checker.explain(text)
    assert result["symptom"] == "connection-interrupted"
    assert result["causes"][0] == "proxy-settings"


def test_trusted_host_is_offered_only_where_it_could_get_past_the_error():
    assert checker.explain(
        "certificate verify failed: self signed certificate in certificate chain"
    )["last_resort"]
    assert (
        checker.explain("Tunnel connection failed: 407 Proxy Authentication Required")[
            "last_resort"
        ]
        is None
    )
    assert (
        checker.explain("[SSL: WRONG_VERSION_NUMBER] wrong version number")["last_resort"] is None
    )


# --- the dict the analyzer renders --------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_returns_localized_titles_urls_and_notes(lang):
    result = checker.explain(
        "x\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
        "unable to get local issuer certificate (_ssl.c:1006)",
        lang,
    )
    assert set(result) >= {
        "symptom",
        "symptom_title",
        "symptom_url",
        "causes",
        "causes_detail",
        "evidence",
        "notes",
        "truncated",
        "also_found",
        "context",
        "rules",
        "last_resort",
        "lang",
    }
    assert result["symptom_title"] == checker.SYMPTOM_TITLES["unable-to-get-local-issuer"][lang]
    assert result["symptom_url"] == checker.symptom_url("unable-to-get-local-issuer", lang)
    assert [d["id"] for d in result["causes_detail"]] == result["causes"]
    for detail in result["causes_detail"]:
        assert detail["title"] == checker.CAUSE_TITLES[detail["id"]][lang]
        assert detail["url"] == checker.fix_url(detail["id"], lang)
    assert result["evidence"]["line_number"] == 2
    assert result["truncated"] is False
    json.dumps(result)  # the browser receives it as JSON


def test_unrecognized_text_gets_a_localized_hint_and_no_causes():
    for lang, marker in (("en", "Paste the whole error"), ("zh", "完整的错误输出")):
        result = checker.explain(
            "Collecting numpy\nERROR: No matching distribution found for numpy", lang
        )
        assert (
            result["symptom"] == "unrecognized"
            and result["causes"] == []
            and result["evidence"] is None
        )
        assert any(marker in note for note in result["notes"])


# --- review follow-ups: platform, revocation, localized schannel, unknown ca, vendors ---

URLLIB_ISSUER = (
    "urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    "unable to get local issuer certificate (_ssl.c:1124)>"
)
PIP_ISSUER = (
    "pip._vendor.urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    "unable to get local issuer certificate (_ssl.c:1006)"
)


@pytest.mark.parametrize(
    "where",
    [
        'File "C:\\Python312\\Lib\\urllib\\request.py", line 1347',
        'File "/usr/lib/python3.12/urllib/request.py", line 1347',
        'File "/home/me/.venv/lib/python3.12/site-packages/x.py", line 3',
        "#8 3.112 " + PIP_ISSUER + "\nERROR: failed to solve: process \"/bin/sh -c pip install x\" (Dockerfile:4)",
        'File "/mnt/c/Users/me/proj/x.py", line 3',
    ],
)
def test_install_certificates_never_comes_first_when_the_paste_is_not_from_macos(where):
    for error in (URLLIB_ISSUER, PIP_ISSUER):
        causes = checker.explain(where + "\n" + error)["causes"]
        assert causes[0] != "macos-install-certificates"
        assert causes[-1] == "macos-install-certificates"  # demoted, not removed


def test_install_certificates_keeps_its_place_for_macos_and_unknown_platforms():
    mac = 'File "/Library/Frameworks/Python.framework/Versions/3.12/lib/python3.12/urllib/request.py"\n'
    assert checker.explain(mac + URLLIB_ISSUER)["causes"][0] == "macos-install-certificates"
    default = list(checker.SYMPTOM_CAUSES["unable-to-get-local-issuer"])
    assert checker.explain(PIP_ISSUER)["causes"] == default


@pytest.mark.parametrize(
    "where",
    [
        "/home/me/miniconda3/lib/python3.11/ssl.py",
        "/opt/homebrew/Caskroom/miniconda/base/lib/python3.11/ssl.py",
        "/usr/lib/python3.11/ssl.py",
    ],
)
def test_conda_dll_never_comes_first_when_the_paste_is_from_linux_or_macos(where):
    text = (
        f'  File "{where}", line 100, in <module>\n    import _ssl\n'
        "ImportError: DLL load failed while importing _ssl: The specified module could not be found.\n"
        "CondaSSLError: OpenSSL appears to be unavailable on this machine."
    )
    result = checker.explain(text)
    assert result["symptom"] == "ssl-module-missing"
    assert result["causes"] == ["python-without-ssl", "conda-ssl-dll"]
    windows = text.replace(where, "C:\\Users\\me\\miniconda3\\lib\\ssl.py")
    assert checker.explain(windows)["causes"][0] == "conda-ssl-dll"


@pytest.mark.parametrize(
    "text",
    [
        "critical libmamba Download error (35) SSL connect error [https://conda.anaconda.org/conda-forge/win-64/"
        "repodata.json]\nschannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - The "
        "revocation function was unable to check revocation for the certificate.",
        "curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_NO_REVOCATION_CHECK (0x80092012) - "
        "The revocation function was unable to check revocation for the certificate.",
        "curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_REVOCATION_OFFLINE (0x80092013) - "
        "The revocation function was unable to check revocation because the revocation server was offline.",
        "SSLCertVerificationError('吊销功能无法检查证书是否吊销。')",
    ],
)
def test_revocation_that_could_not_be_checked_puts_the_inspecting_proxy_first(text):
    result = checker.explain(text)
    assert result["symptom"] in checker._CERT_SYMPTOMS
    assert result["causes"][0] == "corporate-proxy"
    assert "revocation-unchecked" in result["rules"]


def test_a_revoked_certificate_is_not_a_revocation_check_failure():
    result = checker.explain("schannel: CertGetCertificateChain trust error: certificate is revoked")
    assert "revocation-unchecked" not in result["rules"]


@pytest.mark.parametrize(
    "text,symptom",
    [
        ("A required certificate is not within its validity period when verifying against the current system "
         "clock or the timestamp in the signed file.", "cert-expired"),
        ("在验证当前系统时钟或签名文件中的时间戳时，所需的证书不在其有效期内。", "cert-expired"),
        ("在验证当前系统时钟或签名文件中的时间戳时，所需的证书不在有效期内。", "cert-expired"),
        ("CERT_E_EXPIRED (0x800B0101)", "cert-expired"),
        ("The certificate's CN name does not match the passed value.", "hostname-mismatch"),
        ("证书的 CN 名称与传递的值不符。", "hostname-mismatch"),
        ("CERT_E_CN_NO_MATCH (0x800B010F)", "hostname-mismatch"),
        ("目标主体名称不正确。", "hostname-mismatch"),
    ],
)
def test_localized_schannel_messages_map_to_the_expired_and_hostname_symptoms(text, symptom):
    wrapped = f"pip._vendor.urllib3.exceptions.SSLError: SSLCertVerificationError('{text}')"
    result = checker.explain(wrapped, "zh")
    assert result["symptom"] == symptom
    assert set(result["causes"]) == set(checker.SYMPTOM_CAUSES[symptom])


@pytest.mark.parametrize(
    "text",
    [
        "ssl.SSLError: [SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca (_ssl.c:1006)",
        "SSLError(SSLError(1, '[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca (_ssl.c:1129)'))",
        "curl: (35) error:0A000418:SSL routines::tlsv1 alert unknown ca",
    ],
)
def test_an_unknown_ca_alert_from_the_other_end_is_a_refused_handshake_not_a_missing_ca(text):
    """Decision: pip never sends this alert's text for its own failures (those read
    CERTIFICATE_VERIFY_FAILED); receiving it means the server or a middlebox refused.
    So: connection-interrupted, corporate-proxy first, and no --trusted-host (it cannot help)."""
    result = checker.explain(text)
    assert result["symptom"] == "connection-interrupted"
    assert result["causes"][0] == "corporate-proxy"
    assert result["rules"] == ["peer-rejected-ca"]
    assert result["last_resort"] is None


@pytest.mark.parametrize(
    "text,vendor",
    [
        ("issuer=O=Avast, CN=Avast Web/Mail Shield Root", "Avast"),
        ("issuer: CN=Zscaler Root CA", "Zscaler"),
        ("Zsca\r\nler Root CA", "Zscaler"),  # a hard wrap inside the name
        ("深信服防火墙拦截", "Sangfor"),
        ("Collecting cavast-utils==1.0", None),
        ("Collecting sophosticated==0.1", None),
        ("https://pypi.org/simple/fortinetwork/", None),
        ("Downloading iboss3-2.0.tar.gz", None),
    ],
)
def test_vendor_names_match_as_whole_words_only(text, vendor):
    error = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain\n"
    assert checker.explain(error + text)["context"]["vendor"] == vendor
