#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""pip_ssl_check: find out why pip says CERTIFICATE_VERIFY_FAILED, and link the fix.

One file, standard library only, for CPython 3.6 and newer and for Pyodide. Copy it
and run it with the Python you already have -- installing anything may be exactly
what is broken:

    python pip_ssl_check.py                 probe this machine (exit 0 ok, 1 problem, 2 usage)
    python pip_ssl_check.py --offline       the same without any network access (< 1 s)
    python pip_ssl_check.py --explain FILE  explain a pasted error (FILE or - for stdin)
    python pip_ssl_check.py --json ...      one JSON object instead of the report
    python pip_ssl_check.py --export-bundle ca-bundle.pem   OS trust store + certifi as PEM

It never turns certificate verification off, except for one labelled, unverified
look at the certificate a server presents (to name its issuer); it writes no file
except the bundle you ask for; every output hides credentials and prints your home
directory as ``~``.

The module is also THE table of symptom, cause and fix-page ids that the site's
pages, decision tree, analyzer and tests read (``SYMPTOM_IDS``, ``CAUSE_IDS``,
``FIX_PAGE_IDS``, ``SYMPTOM_CAUSES``), and ``explain(text, lang)`` is what the
in-browser analyzer calls through Pyodide.
"""

# Compatibility rules for this file (it must parse on Python 3.6): no
# ``from __future__ import annotations``, no walrus, no f-string ``=``, no
# dataclasses, no positional-only parameters, type hints in comments only. Only
# the standard library, and nothing at import time that needs ssl, sockets,
# threads or subprocesses: the probe imports those when it runs.

import bisect
import json
import os
import re
import sys

try:  # the one module whose absence this file must survive and report
    import ssl
    SSL_IMPORT_ERROR = None
except ImportError as _ssl_exc:  # pragma: no cover - exercised through a subprocess
    ssl = None
    SSL_IMPORT_ERROR = "%s: %s" % (type(_ssl_exc).__name__, _ssl_exc)

__version__ = "1.0"

SITE_URL = "https://fix-pip-ssl.github.io/"
LANGS = ("zh", "en")

# --8<-- [start:ids]
# Symptoms: what the error text says, in the order of the symptoms page.
SYMPTOM_IDS = (
    "unable-to-get-local-issuer",
    "self-signed-in-chain",
    "self-signed-cert",
    "cert-expired",
    "cert-not-yet-valid",
    "hostname-mismatch",
    "strict-x509",
    "weak-crypto",
    "invalid-ca",
    "verify-failed-no-reason",
    "ssl-module-missing",
    "ca-bundle-invalid",
    "wrong-version-number",
    "connection-interrupted",
    "tls-version",
    "proxy-auth",
    "proxy-refused",
    "unrecognized",
)

# Causes: what is really wrong. One fix page each: /fix/<id>/ and /en/fix/<id>/.
CAUSE_IDS = (
    "corporate-proxy",
    "outdated-certificates",
    "macos-install-certificates",
    "ca-bundle-setting",
    "python-without-ssl",
    "conda-ssl-dll",
    "strict-certificate",
    "clock-skew",
    "server-certificate",
    "network-block",
    "proxy-settings",
    "connection-interrupted",
    "old-tls",
    "weak-crypto",
)

# Every fix page: the causes, then the labelled last resort.
FIX_PAGE_IDS = CAUSE_IDS + ("trusted-host",)

# Likely causes per symptom, most likely first. explain() and the probe start
# from this ranking and reorder it only on evidence in the paste or the machine
# (see _CONTEXT_RULES).
SYMPTOM_CAUSES = {
    "unable-to-get-local-issuer": ("corporate-proxy", "outdated-certificates",
                                   "macos-install-certificates", "ca-bundle-setting",
                                   "server-certificate"),
    "self-signed-in-chain": ("corporate-proxy", "ca-bundle-setting", "server-certificate"),
    "self-signed-cert": ("server-certificate", "corporate-proxy", "network-block"),
    "cert-expired": ("server-certificate", "clock-skew", "outdated-certificates",
                     "corporate-proxy"),
    "cert-not-yet-valid": ("clock-skew", "server-certificate"),
    "hostname-mismatch": ("network-block", "server-certificate", "corporate-proxy",
                          "proxy-settings"),
    "strict-x509": ("strict-certificate", "corporate-proxy"),
    "weak-crypto": ("weak-crypto", "corporate-proxy"),
    "invalid-ca": ("corporate-proxy", "server-certificate", "ca-bundle-setting"),
    "verify-failed-no-reason": ("outdated-certificates", "old-tls", "corporate-proxy"),
    "ssl-module-missing": ("python-without-ssl", "conda-ssl-dll"),
    "ca-bundle-invalid": ("ca-bundle-setting",),
    "wrong-version-number": ("proxy-settings", "network-block"),
    "connection-interrupted": ("connection-interrupted", "proxy-settings", "corporate-proxy",
                               "network-block", "old-tls"),
    "tls-version": ("old-tls", "corporate-proxy"),
    "proxy-auth": ("proxy-settings",),
    "proxy-refused": ("proxy-settings", "network-block"),
    "unrecognized": (),
}
# --8<-- [end:ids]

# Titles in both languages (GLOSSARY.md terms). The analyzer, the decision tree
# and the reports show these next to the ids.
SYMPTOM_TITLES = {
    "unable-to-get-local-issuer": {
        "en": "Unable to get local issuer certificate",
        "zh": "无法获取本地颁发者证书"},
    "self-signed-in-chain": {
        "en": "Self-signed certificate in certificate chain",
        "zh": "证书链中有自签名证书"},
    "self-signed-cert": {
        "en": "Self-signed certificate",
        "zh": "服务器证书是自签名证书"},
    "cert-expired": {
        "en": "Certificate has expired",
        "zh": "证书已过期"},
    "cert-not-yet-valid": {
        "en": "Certificate is not yet valid",
        "zh": "证书尚未生效"},
    "hostname-mismatch": {
        "en": "Hostname mismatch",
        "zh": "主机名与证书不匹配"},
    "strict-x509": {
        "en": "CA certificate rejected by strict checks (Python 3.13+)",
        "zh": "CA 证书未通过严格检查（Python 3.13+）"},
    "weak-crypto": {
        "en": "Certificate key or signature too weak",
        "zh": "证书的密钥或签名算法太弱"},
    "invalid-ca": {
        "en": "Invalid CA certificate",
        "zh": "CA 证书无效"},
    "verify-failed-no-reason": {
        "en": "Certificate verify failed, no reason given",
        "zh": "证书验证失败，未给出原因"},
    "ssl-module-missing": {
        "en": "Python's ssl module is not available",
        "zh": "Python 的 ssl 模块不可用"},
    "ca-bundle-invalid": {
        "en": "CA bundle path is invalid or the file is empty",
        "zh": "CA 证书包路径无效或文件为空"},
    "wrong-version-number": {
        "en": "Wrong version number (TLS spoken to a plain-HTTP proxy or port)",
        "zh": "wrong version number（对只支持 HTTP 的代理或端口使用了 TLS）"},
    "connection-interrupted": {
        "en": "TLS connection cut off (EOF)",
        "zh": "TLS 连接被中途切断（EOF）"},
    "tls-version": {
        "en": "TLS protocol version rejected",
        "zh": "TLS 协议版本被拒绝"},
    "proxy-auth": {
        "en": "Proxy authentication required (407)",
        "zh": "代理需要身份验证（407）"},
    "proxy-refused": {
        "en": "Cannot connect through the proxy",
        "zh": "无法通过代理连接"},
    "unrecognized": {
        "en": "Not recognized",
        "zh": "未能识别"},
}

CAUSE_TITLES = {
    "corporate-proxy": {
        "en": "A TLS-inspecting proxy, firewall or antivirus re-signs the traffic",
        "zh": "代理、防火墙或杀毒软件的 TLS 检查重新签发了证书"},
    "outdated-certificates": {
        "en": "Outdated CA certificates (old pip, certifi, Python or OS)",
        "zh": "CA 证书过旧（pip、certifi、Python 或系统太旧）"},
    "macos-install-certificates": {
        "en": "python.org Python on macOS: Install Certificates.command was not run",
        "zh": "macOS 上的 python.org Python 没有运行 Install Certificates.command"},
    "ca-bundle-setting": {
        "en": "A CA bundle setting points at a missing or wrong file",
        "zh": "CA 证书包设置指向不存在或错误的文件"},
    "python-without-ssl": {
        "en": "Python was built without OpenSSL, or its OpenSSL is gone",
        "zh": "Python 编译时没有 OpenSSL，或它依赖的 OpenSSL 已被移除"},
    "conda-ssl-dll": {
        "en": "conda on Windows cannot load its OpenSSL DLLs",
        "zh": "Windows 上的 conda 无法加载自己的 OpenSSL DLL"},
    "strict-certificate": {
        "en": "Python 3.13+ strict certificate checks reject the CA",
        "zh": "Python 3.13+ 的严格证书检查拒绝了该 CA"},
    "clock-skew": {
        "en": "The system clock is wrong",
        "zh": "系统时间不正确"},
    "server-certificate": {
        "en": "The server's own certificate is broken",
        "zh": "服务器自身的证书有问题"},
    "network-block": {
        "en": "Not talking to the real server (captive portal, DNS, block page)",
        "zh": "连接到的不是真正的服务器（认证页面、DNS 劫持、拦截页）"},
    "proxy-settings": {
        "en": "The proxy settings are wrong",
        "zh": "代理设置有误"},
    "connection-interrupted": {
        "en": "Something cuts the TLS connection",
        "zh": "有东西切断了 TLS 连接"},
    "old-tls": {
        "en": "Python or OpenSSL too old for TLS 1.2",
        "zh": "Python 或 OpenSSL 太旧，不支持 TLS 1.2"},
    "weak-crypto": {
        "en": "Legacy certificates with weak keys or signatures",
        "zh": "旧证书使用了过弱的密钥或签名"},
    "trusted-host": {
        "en": "--trusted-host: the last resort, without verification",
        "zh": "--trusted-host：不做验证的最后手段"},
}

# Products that re-sign TLS traffic, recognised by a certificate's issuer name or
# by name in a paste. The first element is the name shown to the user; the
# pattern runs on compact (lower-case, no whitespace) text. Names that are also
# everyday words (Charles, Burp, Check Point, mitmproxy as a package name) only
# count when they come from an issuer name (``issuer_only``).
TLS_INSPECTION_VENDORS = (
    ("Zscaler", r"zscaler", False),
    ("Netskope", r"netskope|goskope", False),
    ("Palo Alto Networks", r"paloaltonetworks|paloalto", False),
    ("Fortinet", r"fortinet|fortigate|fortiproxy|forticlient", False),
    ("Cisco Umbrella", r"ciscoumbrella|umbrella(?:root|secondary|subordinate)|opendns", False),
    ("Sophos", r"sophos", False),
    ("Kaspersky", r"kaspersky", False),
    ("Avast", r"avast", False),
    ("AVG", r"avg(?:web|mail|technologies|trusted)", False),
    ("ESET", r"esetsslfilter|eset,spol|eset(?:internet|smart|nod32)", False),
    ("Bitdefender", r"bitdefender", False),
    ("Securly", r"securly", False),
    ("Lightspeed Systems", r"lightspeedsystems|lightspeedfilter|relay\.school", False),
    ("Forcepoint", r"forcepoint|websense", False),
    ("Check Point", r"checkpointsoftware|checkpointssl", False),
    ("Check Point", r"checkpoint", True),
    ("Blue Coat / Symantec ProxySG", r"bluecoat|proxysg", False),
    ("mitmproxy", r"mitmproxy", True),
    ("Fiddler", r"fiddlerroot|do_not_trust_fiddler", False),
    ("Fiddler", r"fiddler", True),
    ("Charles Proxy", r"charlesproxy", False),
    ("Charles Proxy", r"charles", True),
    ("Burp Suite", r"portswigger|burpsuite", False),
    ("Burp Suite", r"burp", True),
    ("KoolProxy", r"koolproxy", False),
    ("AdGuard", r"adguard", False),
    ("Menlo Security", r"menlosecurity", False),
    ("iboss", r"iboss", False),
    ("Barracuda", r"barracuda", False),
    ("SonicWall", r"sonicwall", False),
    ("WatchGuard", r"watchguard", False),
    ("Skyhigh / McAfee Web Gateway", r"skyhighsecurity|mcafeewebgateway|mcafee", False),
    ("Trend Micro", r"trendmicro", False),
    ("Untangle", r"untangle", False),
    ("Smoothwall", r"smoothwall", False),
    ("ContentKeeper", r"contentkeeper", False),
    ("GoGuardian", r"goguardian", False),
    ("Cloudflare Zero Trust", r"cloudflareforteams|gatewayca-cloudflare|cloudflarezerotrust", False),
    ("Cato Networks", r"catonetworks", False),
    ("Sangfor", r"sangfor|深信服", False),
    ("Hillstone", r"hillstone", False),
    ("Proxyman", r"proxyman", False),
    ("HTTP Toolkit", r"httptoolkit", False),
)


# ---------------------------------------------------------------------------
# URLs and languages
# ---------------------------------------------------------------------------

def normalize_lang(lang):
    """'zh', 'zh-CN', 'zh_TW.UTF-8' -> 'zh'; anything else (or None) -> 'en'."""
    if isinstance(lang, str) and lang.strip().lower()[:2] == "zh":
        return "zh"
    return "en"


def _base(base):
    base = base or SITE_URL
    return base if base.endswith("/") else base + "/"


def fix_url(page_id, lang="en", base=None):
    """Absolute URL of a fix page: /fix/<id>/ (zh, the site root) or /en/fix/<id>/."""
    if page_id not in FIX_PAGE_IDS:
        raise ValueError("unknown fix page id %r (known: %s)" % (page_id, ", ".join(FIX_PAGE_IDS)))
    prefix = "en/" if normalize_lang(lang) == "en" else ""
    return "%s%sfix/%s/" % (_base(base), prefix, page_id)


def symptom_url(symptom_id, lang="en", base=None):
    """Absolute URL of a symptom's section on the symptoms page."""
    if symptom_id not in SYMPTOM_IDS:
        raise ValueError("unknown symptom id %r (known: %s)" % (symptom_id, ", ".join(SYMPTOM_IDS)))
    prefix = "en/" if normalize_lang(lang) == "en" else ""
    return "%s%ssymptoms/#%s" % (_base(base), prefix, symptom_id)


def _title(table, key, lang):
    return table[key][normalize_lang(lang)]


def symptom_title(symptom_id, lang="en"):
    return _title(SYMPTOM_TITLES, symptom_id, lang)


def cause_title(page_id, lang="en"):
    return _title(CAUSE_TITLES, page_id, lang)


# Localized sentences used by explain() and the reports. {name} placeholders are
# filled with str.format.
MESSAGES = {
    "truncated": {
        "en": "The input was longer than 1 MB: only its first and last 512 KB were read.",
        "zh": "输入超过 1 MB：只读取了开头和结尾各 512 KB。"},
    "empty": {
        "en": "The input is empty.",
        "zh": "输入为空。"},
    "binary": {
        "en": "The input does not look like text; it was read as best as possible.",
        "zh": "输入看起来不像文本，已尽量读取。"},
    "unrecognized": {
        "en": "No known TLS or certificate error was found. Paste the whole error, "
              "including the lines that start with WARNING or ERROR.",
        "zh": "没有找到已知的 TLS 或证书错误。请粘贴完整的错误输出，包括以 WARNING 或 ERROR 开头的行。"},
    "internal-error": {
        "en": "The analyzer hit an internal error ({error}); the answer may be incomplete.",
        "zh": "分析时发生内部错误（{error}），结果可能不完整。"},
    "vendor": {
        "en": "The text names {vendor}, a product that inspects TLS traffic.",
        "zh": "文本中出现了 {vendor}，这是会检查 TLS 流量的产品。"},
    "also-found": {
        "en": "Also in the text: {symptoms}.",
        "zh": "文本中还出现了：{symptoms}。"},
}


def message(key, lang="en", **values):
    return MESSAGES[key][normalize_lang(lang)].format(**values)


# ---------------------------------------------------------------------------
# Redaction
# ---------------------------------------------------------------------------

_URL_USERINFO_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)([^/\s'\"<>@]*(?:@[^/\s'\"<>@]*)*)@")
_SCHEMELESS_USERINFO_RE = re.compile(
    r"(?<![\w/%.:+-])([A-Za-z0-9._~%!$&*+=-]+):([^\s/@'\"<>]+)@(?=[A-Za-z0-9\[])")
_QUERY_SECRET_RE = re.compile(
    r"(?i)([?&;#][\w.\-\[\]]*?(?:token|key|secret|password|passwd|pwd|auth|sig|signature"
    r"|credential|session|access)[\w.\-\[\]]*=)([^&\s'\"#<>]+)")
_AUTH_HEADER_RE = re.compile(
    r"(?i)((?:proxy-)?authorization|private-token|x-api-key|api-key|x-auth-token"
    r"|x-jfrog-art-api|x-gitlab-token|cookie)([\"']?\s*[:=]\s*[\"']?)"
    r"((?:basic|bearer|token|negotiate|ntlm|digest|aws4-hmac-sha256)\s+)?([^\s\"',;}]+)")
_KEY_VALUE_SECRET_RE = re.compile(
    r"(?i)\b([\w.\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key"
    r"|private[_\-]?key|client[_\-]?secret)[\w.\-]*)([\"']?\s*[:=]\s*)([\"']?)([^\s\"',;&]+)")
_TOKEN_SHAPES_RE = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
    r"|gl(?:pat|dt|ptt|rt|cbt|oas|soat|ft|imt|agent|feed)-[A-Za-z0-9_\-]{16,}"
    r"|pypi-AgE[A-Za-z0-9_\-]{16,}|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}|npm_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_\-]{35}"
    r"|hf_[A-Za-z0-9]{30,}|AKCp[0-9A-Za-z]{40,}"
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})")
_FOREIGN_HOME_RE = re.compile(
    r"(?i)(?:(?<![\w/.])/home/(?!\*\*\*)[^/\s'\"<>:]+|(?<![\w/.])/Users/(?!Shared\b)[^/\s'\"<>:]+"
    r"|\b[A-Z]:(?:\\{1,2}|/)(?:Users|Documents and Settings)(?:\\{1,2}|/)(?!Public\b)[^\\/\s'\"<>:]+)")

_home_cache = []


def _home_variants():
    """This machine's home directory, in the spellings it may appear in output."""
    if not _home_cache:
        variants = set()
        try:
            home = os.path.expanduser("~")
            for path in (home, os.path.realpath(home)):
                if path and len(path) > 3 and path not in ("/", "\\"):
                    variants.add(path)
                    variants.add(path.replace("\\", "/"))
                    variants.add(path.replace("\\", "\\\\"))
        except Exception:  # pragma: no cover - exotic platforms
            pass
        _home_cache.append(sorted(variants, key=len, reverse=True))
    return _home_cache[0]


def redact(text):
    """Hide credentials and home directories in ``text``; line breaks are kept.

    >>> redact("https://alice:s3cr3t@proxy.example.com:3128")
    'https://***@proxy.example.com:3128'
    """
    if not text:
        return text if isinstance(text, str) else ""
    if not isinstance(text, str):
        text = str(text)
    text = _URL_USERINFO_RE.sub(r"\1***@", text)
    text = _SCHEMELESS_USERINFO_RE.sub("***:***@", text)
    text = _AUTH_HEADER_RE.sub(lambda m: m.group(1) + m.group(2) + (m.group(3) or "") + "***", text)
    text = _QUERY_SECRET_RE.sub(r"\1***", text)
    text = _KEY_VALUE_SECRET_RE.sub(r"\1\2\3***", text)
    text = _TOKEN_SHAPES_RE.sub("***", text)
    for home in _home_variants():
        if home in text:
            text = text.replace(home, "~")
    text = _FOREIGN_HOME_RE.sub("~", text)
    return text


def redact_obj(value):
    """redact() applied to every string in a JSON-like structure (keys included)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return dict((redact_obj(k), redact_obj(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [redact_obj(v) for v in value]
    return value


# ---------------------------------------------------------------------------
# Normalizing a paste
# ---------------------------------------------------------------------------

MAX_INPUT_CHARS = 1024 * 1024  # "1 MB": beyond this only the head and the tail are read
_EVIDENCE_MAX_CHARS = 400

_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
                      r"|(?<![\w\]])\[\d{1,3}(?:;\d{1,3})*m")
# Prefixes that consoles, log viewers and Markdown add in front of every line.
_LINE_PREFIX_RE = re.compile(
    r"^(?:\s*(?:>\s?)+"                                        # Markdown / e-mail quotes
    r"|\s*\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\s"  # CI timestamps
    r"|#\d+ \d+(?:\.\d+)? "                                    # Docker BuildKit
    r"|\s*\[nltk_data\]\s?"                                    # nltk's downloader
    r"|\s*PS [A-Za-z]:\\[^>]*> ?"                             # PowerShell prompt
    r"|\s*\([\w.\-]+\)\s+(?=[A-Za-z]:\\)"                     # (venv) in front of a prompt
    r"|\s*[A-Za-z]:\\[^>\s]*(?: [^>\s]+)*> ?"                 # cmd prompt
    r")+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE_RE = re.compile(r"\s+")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "", "*": ""}
_QUOTES_RE = re.compile("[\u2018\u2019\u201c\u201d`*]")
_ESCAPED_QUOTE_RE = re.compile(r"\\+(['\"])")
_HTML_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,6});")


def _to_text(data):
    """Decode whatever was pasted: str, bytes in UTF-8/UTF-16 (PowerShell's ``>``), junk."""
    if data is None:
        return "", False
    if isinstance(data, str):
        return data, False
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        head = raw[:4096]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16", "replace"), False
        if len(head) >= 16 and head[1::2].count(0) > len(head) // 4:
            return raw.decode("utf-16-le", "replace"), False
        if len(head) >= 16 and head[0::2].count(0) > len(head) // 4:
            return raw.decode("utf-16-be", "replace"), False
        text = raw.decode("utf-8", "replace")
        binary = text.count("\ufffd") + text[:4096].count("\x00") > max(8, len(text[:4096]) // 20)
        return text, binary
    return str(data), False


def _split_lines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _clean_line(line):
    if "\x1b" in line or "[" in line:
        line = _ANSI_RE.sub("", line)
    line = _LINE_PREFIX_RE.sub("", line, count=1)
    if "&" in line and ";" in line:
        import html
        line = _HTML_ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), line)
    return line


def _compact(text):
    """Lower case, no whitespace, no Markdown marks: hard wraps cannot split a match.

    Console windows wrap at 80 columns in the middle of words
    (``SSLCertVerificationE`` / ``rror``); once every line is compacted and the lines
    are joined with nothing between them, the words are whole again.
    """
    text = _INVISIBLE_RE.sub("", text)
    text = _WHITESPACE_RE.sub("", text)
    if "\\" in text:
        text = _ESCAPED_QUOTE_RE.sub(r"\1", text)
    text = _QUOTES_RE.sub(lambda m: _QUOTES[m.group(0)], text)
    return text.lower()


class _Paste(object):
    """A normalized paste: compact text plus the way back to the original lines."""

    def __init__(self, text):
        truncated = len(text) > MAX_INPUT_CHARS
        if truncated:
            half = MAX_INPUT_CHARS // 2
            head, tail = text[:half], text[-half:]
            head_lines = _split_lines(head)
            tail_lines = _split_lines(tail)
            first_tail = text.count("\n", 0, len(text) - half) + 1
            lines = head_lines + tail_lines
            numbers = list(range(1, len(head_lines) + 1)) + list(
                range(first_tail, first_tail + len(tail_lines)))
        else:
            lines = _split_lines(text)
            numbers = None
        self.lines = lines
        self.numbers = numbers
        self.truncated = truncated
        starts = []
        parts = []
        offset = 0
        for line in lines:
            starts.append(offset)
            piece = _compact(_clean_line(line)) if line else ""
            parts.append(piece)
            offset += len(piece)
        self.starts = starts
        self.compact = "".join(parts)

    def line_index(self, offset):
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def line_number(self, index):
        return self.numbers[index] if self.numbers else index + 1

    def evidence(self, offset):
        index = self.line_index(offset)
        line = self.lines[index].rstrip("\r\n")
        line = _ANSI_RE.sub("", line) if "\x1b" in line else line
        line = _INVISIBLE_RE.sub("", line)
        if len(line) > _EVIDENCE_MAX_CHARS:
            # Keep the part of a very long line around where the match starts.
            local = self.compact[self.starts[index]:offset]
            approx = min(len(line), len(local))
            start = max(0, approx - _EVIDENCE_MAX_CHARS // 4)
            line = ("…" if start else "") + line[start:start + _EVIDENCE_MAX_CHARS] + "…"
        return {"line": redact(line.strip()), "line_number": self.line_number(index)}


# ---------------------------------------------------------------------------
# What each symptom looks like
# ---------------------------------------------------------------------------

# Patterns per symptom, matched against compact text (see _compact): literals are
# written as they appear in real output and compacted here; regexes are written
# already compact and carry a literal that must be present first (a cheap
# pre-filter, so a 1 MB paste costs one substring search per pattern).
# Sources: OpenSSL's crypto/x509/x509_txt.c (1.0, 1.1 and 3.x spellings), Python's
# Modules/_ssl.c and Lib/ssl.py, urllib3 1.26/2.x, requests, pip, conda, uv/rustls,
# Windows CryptoAPI messages as truststore raises them (localized), macOS
# Security.framework messages, Go, Java, Node, curl.
_SYMPTOM_PATTERNS = {
    "ssl-module-missing": (
        "pip is configured with locations that require TLS/SSL, however the ssl module",
        "the ssl module in Python is not available",
        "Can't connect to HTTPS URL because the SSL module is not available",
        "The Python ssl extension was not compiled",
        "OpenSSL appears to be unavailable",
        "error: ssl-missing",
        ("re", r"nomodulenamed['\"]?_?ssl\b", "nomodulenamed"),
        ("re", r"dllloadfailed(?:whileimporting|:?.{0,200}?)_ssl|import_ssl.{0,300}?dllloadfailed"
               r"|_ssl\.pyd.{0,200}?(?:dllloadfailed|specifiedmodulecouldnotbefound)", "dllloadfailed"),
        ("re", r"lib(?:ssl|crypto)[\w.\-]*\.so(?:\.[\d.]+)?:cannotopensharedobjectfile", "cannotopensharedobject"),
        ("re", r"librarynotloaded:?[^\s]{0,200}?lib(?:ssl|crypto)[\w.\-]*\.dylib", "librarynotloaded"),
        ("re", r"_ssl[\w.\-]*\.(?:so|pyd):?undefinedsymbol", "undefinedsymbol"),
        ("re", r"module'ssl'hasnoattribute'(?:sslcontext|create_default_context|protocol_tls)'", "module'ssl'"),
    ),
    "ca-bundle-invalid": (
        "Could not find a suitable TLS CA certificate bundle, invalid path",
        "Could not find the TLS certificate file, invalid path",
        "cadata does not contain a certificate",
        "Invalid `SSL_CERT_FILE`",
        "Invalid `SSL_CERT_DIR`",
        "No valid certificates found in",
        "[X509: NO_CERTIFICATE_OR_CRL_FOUND]",
        "no certificate or crl found",
        "[X509: PEM_LIB]",
        ("re", r"load_verify_locations.{0,300}?(?:nosuchfileordirectory|filenotfounderror|errno2\])",
         "load_verify_locations"),
        ("re", r"\[ssl\]peml(?:ib)?\(_ssl", "[ssl]pem"),
    ),
    "proxy-auth": (
        "407 Proxy Authentication Required",
        "Proxy Authentication Required",
        "ProxyAuthenticationRequired",
        "407 authenticationrequired",
        ("re", r"tunnelconnectionfailed:?407|(?:http|status|statuscode|code|error|response)[:=/]?407\b"
               r"|\b407(?:proxy|authentication)", "407"),
        "代理需要身份验证",
    ),
    "wrong-version-number": (
        "WRONG_VERSION_NUMBER",
        "wrong version number",
        "Your proxy appears to only use HTTP and not HTTPS",
        "record layer failure",
        "RECORD_LAYER_FAILURE",
        "[SSL: UNKNOWN_PROTOCOL]",
        "ssl23_get_server_hello:unknown protocol",
        "PACKET_LENGTH_TOO_LONG",
        "packet length too long",
        "received corrupt message of type InvalidContentType",
        "InvalidContentType",
        "[SSL: HTTP_REQUEST]",  # TLS and plain HTTP swapped
    ),
    "strict-x509": (
        "Basic Constraints of CA cert not marked critical",
        "Missing Authority Key Identifier",
        "Missing Subject Key Identifier",
        "CA cert does not include key usage extension",
        "Authority Key Identifier marked critical",
        "Subject Key Identifier marked critical",
        "Empty Subject Alternative Name extension",
        "Subject empty and Subject Alt Name extension not critical",
        "Certificate public key has explicit ECC parameters",
        "Issuer name empty",
        "Root CA certificate is not self-signed",
        "certificate is not standards compliant",
        "not standards compliant",
    ),
    "weak-crypto": (
        "CA signature digest algorithm too weak",
        "EE certificate key too weak",
        "CA certificate key too weak",
        "CA_MD_TOO_WEAK",
        "ca md too weak",
        "ee key too small",
        "EE_KEY_TOO_SMALL",
        "ca key too small",
        "CA_KEY_TOO_SMALL",
        "dh key too small",
        "DH_KEY_TOO_SMALL",
        "LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED",
        "legacy sigalg disallowed or unsupported",
        "UnsupportedSignatureAlgorithm",
        "using a broken signature algorithm",
        "certificate key too weak",
        "digest algorithm too weak",
    ),
    "cert-not-yet-valid": (
        "certificate is not yet valid",
        "CERT_NOT_YET_VALID",
        "NotValidYet",
        "certificate not valid yet",
        ("re", r"certificatehasexpiredorisnotyetvalid:currenttime[\d\-t:z.+]*isbefore", "isbefore"),
        "证书尚未生效",
    ),
    "cert-expired": (
        "certificate has expired",
        "CERT_HAS_EXPIRED",
        "certificate is expired",
        "certificate expired",
        "invalid peer certificate: Expired",
        "is not within its validity period",
        "x509: certificate has expired or is not yet valid",
        "证书已过期",
        "不在有效期内",
        "不在其有效期内",
    ),
    "hostname-mismatch": (
        "Hostname mismatch",
        "IP address mismatch",
        "Certificate did not match expected hostname",
        "NotValidForName",
        "certificate not valid for name",
        "certificate name does not match",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "The certificate's CN name does not match the passed value",
        "CERT_E_CN_NO_MATCH",
        "x509: certificate is valid for",
        "No subject alternative names",
        "no alternative certificate subject name matches",
        "SSL: no alternative certificate subject name matches target host name",
        ("re", r"hostname'?[^'\s]{1,253}'?doesn'?tmatch", "doesn"),
        ("re", r"doesnotmatch(?:target)?host(?:name)?", "doesnotmatch"),
        "证书的 CN 名称与传递的值不匹配",
    ),
    "self-signed-in-chain": (
        "self signed certificate in certificate chain",
        "self-signed certificate in certificate chain",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "verify error:num=19",
    ),
    "self-signed-cert": (
        ("re", r"self-?signedcertificate(?!incertificatechain)", "signedcertificate"),
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "verify error:num=18",
    ),
    "invalid-ca": (
        "invalid CA certificate",
        "X509_V_ERR_INVALID_CA",
        "certificate signature failure",
        "unsuitable certificate purpose",
        "unsupported certificate purpose",
        "key usage does not include certificate signing",
        "path length constraint exceeded",
        "CaUsedAsEndEntity",
        "invalid peer certificate: BadSignature",
        "The certificate is not valid for the requested usage",
        "The signature of the certificate cannot be verified",
    ),
    "unable-to-get-local-issuer": (
        "unable to get local issuer certificate",
        "unable to get issuer certificate",
        "UNABLE_TO_GET_ISSUER_CERT",
        "unable to verify the first certificate",
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "unable to verify leaf signature",
        "invalid peer certificate: UnknownIssuer",
        "UnknownIssuer",
        "certificate signed by unknown authority",
        "PKIX path building failed",
        "unable to find valid certification path",
        "The certificate chain was issued by an authority that is not trusted",
        # Windows CryptoAPI (pip >= 24.2 through truststore), English and localized
        "terminated in a root certificate which is not trusted",
        "terminated in a root certificate which isn't trusted",
        "not trusted by the trust provider",
        "trust relationship with the trust provider",
        "A certificate chain could not be built to a trusted root authority",
        "0x800B0109",
        "0x800B010A",
        "CERT_E_UNTRUSTEDROOT",
        "已处理证书链",
        "不受信任提供程序信任的根证书",
        "因根证书不受信任而终止",
        "证书链是由不受信任的颁发机构颁发的",
        "不受信任提供者信任",
        "已處理憑證鏈結",
        "信頼プロバイダーによって信頼されていない",
        "信頼プロバイダーが信頼していない",
        "endete jedoch mit einem Stammzertifikat",
        "beim Vertrauensanbieter nicht als vertrauenswürdig",
        "certificat racine qui n'est pas approuvé",
        "no es de confianza para el proveedor de confianza",
        "terminó en un certificado raíz",
        "certificato radice che non è considerato attendibile",
        "certificado raiz que não é confiável",
        "corneveem sertifikate",
        "корневом сертификате",
        "루트 인증서에서 종료되었습니다",
        # macOS Security.framework (truststore)
        ("re", r"certificateisnottrusted|\"[^\"]{1,253}\"certificateisnottrusted", "certificateisnottrusted"),
        "certificate is not trusted",
        "The certificate was not trusted",
    ),
    "tls-version": (
        "tlsv1 alert protocol version",
        "TLSV1_ALERT_PROTOCOL_VERSION",
        "unsupported protocol",
        "UNSUPPORTED_PROTOCOL",
        "no protocols available",
        "NO_PROTOCOLS_AVAILABLE",
        "sslv3 alert handshake failure",
        "SSLV3_ALERT_HANDSHAKE_FAILURE",
        "tlsv1 alert handshake failure",
        "unsafe legacy renegotiation disabled",
        "UNSAFE_LEGACY_RENEGOTIATION_DISABLED",
        "no ciphers available",
        "peer is incompatible",
        "PeerIncompatible",
    ),
    "connection-interrupted": (
        "EOF occurred in violation of protocol",
        "UNEXPECTED_EOF_WHILE_READING",
        "unexpected eof while reading",
        "SSLEOFError",
        "DECRYPTION_FAILED_OR_BAD_RECORD_MAC",
        "decryption failed or bad record mac",
        "The handshake operation timed out",
        "handshake operation timed out",
        "TLS/SSL connection has been closed (EOF)",
        "peer closed connection without sending TLS close_notify",
        "SSLZeroReturnError",
        "[SSL: BAD_RECORD_MAC]",
        "tlsv1 alert decode error",
        ("re", r"connectionreseterror\(10054|connectionreseterror\(104|\[winerror10054\]"
               r"|connectionresetbypeer|connectionabortederror\(10053", "connection"),
        "远程主机强迫关闭了一个现有的连接",
    ),
    "proxy-refused": (
        "Cannot connect to proxy",
        "Unable to connect to proxy",
        "ProxyConnectionError",
        "ClientProxyConnectionError",
        "error in your proxy configuration",
        "Conda cannot proceed due to an error in your proxy configuration",
        "proxy connect aborted",
        "Failed to connect to proxy",
        "Received HTTP code 403 from proxy after CONNECT",
        ("re", r"tunnelconnectionfailed:?(?!407)\d{3}", "tunnelconnectionfailed"),
        ("re", r"receivedhttpcode(?!407)\d{3}fromproxyafterconnect", "fromproxyafterconnect"),
        ("re", r"proxyerror\(", "proxyerror("),
    ),
    "verify-failed-no-reason": (
        ("re", r"certificateverifyfailed(?!:|\w)", "certificateverifyfailed"),
        "SSL3_GET_SERVER_CERTIFICATE:certificate verify failed",
        "CERTIFICATE_VERIFY_FAILED",
        "certificate verify failed",
        "SSLCertVerificationError",
        "CertificateError",
        "Recoverable trust failure occurred",
        "Fatal trust failure occurred",
        "certificate revoked",
        "certificate is revoked",
        "Could not establish trust relationship for the SSL/TLS secure channel",
        "The remote certificate is invalid according to the validation procedure",
        "There was a problem confirming the ssl certificate",
        "Encountered an SSL error. Most likely a certificate verification issue",
        "ClientConnectorCertificateError",
        "unable to get certificate CRL",
        "certificate chain too long",
        "certificate rejected",
        "certificate not trusted",
    ),
}

# When one paste shows several symptoms, the most specific root one wins: the
# reason that explains the others comes first (a 407 explains "Cannot connect to
# proxy"; a certificate reason explains the bare CERTIFICATE_VERIFY_FAILED).
SYMPTOM_PRIORITY = (
    "ssl-module-missing",
    "ca-bundle-invalid",
    "proxy-auth",
    "wrong-version-number",
    "strict-x509",
    "weak-crypto",
    "cert-not-yet-valid",
    "cert-expired",
    "hostname-mismatch",
    "self-signed-in-chain",
    "self-signed-cert",
    "invalid-ca",
    "unable-to-get-local-issuer",
    "tls-version",
    "connection-interrupted",
    "proxy-refused",
    "verify-failed-no-reason",
)


def _compile_patterns():
    compiled = []
    for symptom in SYMPTOM_PRIORITY:
        entries = []
        for pattern in _SYMPTOM_PATTERNS[symptom]:
            if isinstance(pattern, tuple):
                entries.append((pattern[2], re.compile(pattern[1])))
            else:
                entries.append((_compact(pattern), None))
        compiled.append((symptom, entries))
    return compiled


_COMPILED_PATTERNS = _compile_patterns()


def _find_symptoms(compact):
    """{symptom: offset of its first match} for every symptom in the text."""
    found = {}
    for symptom, entries in _COMPILED_PATTERNS:
        best = -1
        for literal, regex in entries:
            at = compact.find(literal)
            if at < 0:
                continue
            if regex is not None:
                match = regex.search(compact)
                if match is None:
                    continue
                at = match.start()
            if best < 0 or at < best:
                best = at
        if best >= 0:
            found[symptom] = best
    return found


# ---------------------------------------------------------------------------
# Context: which tool, which OS, which hosts, which vendor
# ---------------------------------------------------------------------------

_TOOL_MARKERS = (
    ("pip", r"pipinstall|couldnotfetchurl|retrying\(retry\(|pip\._(?:internal|vendor)|pip/_vendor"
            r"|pip(?:3(?:\.\d+)?)?(?:\.exe)?install|-mpip|lookinginindexes|collecting\w"),
    ("uv", r"\buv(?:pip|tool|add|sync|run|lock|venv)|invalidpeercertificate|astral|--native-tls"
           r"|--system-certs|uv_native_tls|uv_system_certs"),
    ("conda", r"condassl|condahttperror|\bconda(?:install|update|create|env|config)"
              r"|collectingpackagemetadata|mamba|micromamba|anaconda\.(?:org|com)"),
    ("poetry", r"poetry"),
    ("requests", r"requests\.exceptions|requests/(?:adapters|sessions)|site-packages/requests"),
    ("httpx", r"httpx|httpcore"),
    ("aiohttp", r"aiohttp|clientconnectorcertificateerror|clientconnectorerror"),
    ("urllib", r"urlopenerror|urllib\.error|urllib/request\.py|urllib\\\\?request\.py|nltk_data"),
    ("curl", r"curl:\(\d+\)"),
    ("git", r"fatal:unabletoaccess"),
    ("node", r"npmerr|self_signed_cert_in_chain|unable_to_get_issuer_cert_locally"),
)
_OS_MARKERS = (
    ("windows", r"[a-z]:\\|\\appdata\\|win32|win-64|win_amd64|windows|\.exe\b|\.pyd\b|winerror|\bps[a-z]:"
                r"|已处理证书链|已處理憑證|anacondaprompt"),
    ("macos", r"/users/|darwin|macos|macosx|osx|/library/frameworks/python\.framework"
              r"|/applications/python|installcertificates|homebrew|/opt/homebrew|\.dylib"
              r"|certificateisnottrusted|notstandardscompliant"),
    ("linux", r"/home/|/usr/lib/|/usr/local/lib/|ubuntu|debian|fedora|centos|rhel|alpine|archlinux"
              r"|linux|/etc/ssl|/etc/pki|\.so\.\d|raspbian|manylinux|wsl"),
)
_DOCKER_RE = re.compile(r"docker|dockerfile|buildkit|#\d+\[|podman|containerd|kubectl")
_HOST_RE = re.compile(r"(?:host='|https?://(?:[^/@\s'\"<>]*@)?)([a-z0-9][a-z0-9.\-]*[a-z0-9])")
_MISMATCH_NAMES_RE = re.compile(
    r"hostname'([^']{1,253})'doesn'?tmatch(?:eitherof)?((?:,?'[^']{0,253}')+)")
_GO_MISMATCH_RE = re.compile(r"certificateisvalidfor((?:[a-z0-9.\-]+,?)+),not([a-z0-9.\-]+)")

# Public hosts whose certificates are renewed by machines and watched by many:
# if one of these looks expired or self-signed, the fault is on the way to it.
WELL_KNOWN_HOSTS = (
    "pypi.org", "files.pythonhosted.org", "pypi.python.org", "upload.pypi.org", "test.pypi.org",
    "bootstrap.pypa.io", "www.python.org", "python.org", "github.com", "api.github.com",
    "objects.githubusercontent.com", "raw.githubusercontent.com", "codeload.github.com",
    "conda.anaconda.org", "repo.anaconda.com", "anaconda.org", "huggingface.co",
    "download.pytorch.org", "astral.sh", "pypi.tuna.tsinghua.edu.cn", "mirrors.aliyun.com",
    "pypi.douban.com", "mirrors.cloud.tencent.com", "repo.huaweicloud.com",
    "mirrors.ustc.edu.cn",
)
_PRIVATE_HOST_RE = re.compile(
    r"^(?:localhost|[\d.]+|\[?[0-9a-f:]+\]?|[a-z0-9\-]+|.+\.(?:local|lan|internal|intranet|intra"
    r"|corp|home|localdomain|test|example))$")


def _vendor_in(compact_text, issuer=False):
    for name, pattern, issuer_only in TLS_INSPECTION_VENDORS:
        if issuer_only and not issuer:
            continue
        if re.search(pattern, compact_text):
            return name
    return None


def vendor_from_issuer(issuer_text):
    """The TLS-inspection product named by a certificate issuer, or None."""
    return _vendor_in(_compact(issuer_text or ""), issuer=True)


def _registrable(host):
    """Naive registrable domain: enough to tell 'same organisation' from 'unrelated'."""
    host = host.strip(".").lstrip("*.").lower()
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in (
            "co", "com", "ac", "edu", "gov", "org", "net", "or", "ne", "go"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _context(compact):
    tools = [name for name, pattern in _TOOL_MARKERS if re.search(pattern, compact)]
    systems = [name for name, pattern in _OS_MARKERS if re.search(pattern, compact)]
    hosts = []
    for match in _HOST_RE.finditer(compact):
        host = match.group(1)
        if "." in host and host not in hosts and len(hosts) < 20:
            hosts.append(host)
    mismatch = None
    match = _MISMATCH_NAMES_RE.search(compact)
    if match:
        names = [n for n in re.findall(r"'([^']*)'", match.group(2)) if n]
        mismatch = {"host": match.group(1), "names": names}
    else:
        match = _GO_MISMATCH_RE.search(compact)
        if match:
            mismatch = {"host": match.group(2), "names": [n for n in match.group(1).split(",") if n]}
    return {
        "tools": tools,
        "os": systems,
        "docker": bool(_DOCKER_RE.search(compact)),
        "hosts": hosts,
        "mismatch": mismatch,
        "vendor": _vendor_in(compact),
    }


# ---------------------------------------------------------------------------
# Context rules: reorder the causes on evidence in the paste
# ---------------------------------------------------------------------------

_CERT_SYMPTOMS = ("unable-to-get-local-issuer", "self-signed-in-chain", "self-signed-cert",
                  "cert-expired", "cert-not-yet-valid", "hostname-mismatch", "invalid-ca",
                  "verify-failed-no-reason", "tls-version", "connection-interrupted")

RULE_NOTES = {
    "bundle-variable-named": {
        "en": "The text names a CA bundle setting (REQUESTS_CA_BUNDLE, PIP_CERT, SSL_CERT_FILE, "
              "--cert …): check that file too.",
        "zh": "文本中出现了 CA 证书包设置（REQUESTS_CA_BUNDLE、PIP_CERT、SSL_CERT_FILE、--cert 等）："
              "也请检查它指向的文件。"},
    "well-known-host-expired": {
        "en": "Well-run public hosts such as pypi.org do not serve expired certificates: "
              "a wrong clock or an old CA bundle is more likely.",
        "zh": "pypi.org 这类公共主机不会使用过期证书：更可能是系统时间不对或 CA 证书过旧。"},
    "well-known-host-self-signed": {
        "en": "pypi.org and similar hosts never present a self-signed certificate: "
              "something between you and them does.",
        "zh": "pypi.org 这类主机从不使用自签名证书：是你和它们之间的某个设备出示了这张证书。"},
    "private-host": {
        "en": "The host is on your own network, so its certificate is probably the problem.",
        "zh": "该主机在你自己的网络里，问题多半出在它自己的证书上。"},
    "same-organisation": {
        "en": "The certificate belongs to the same organisation as the host: the server's "
              "certificate lacks that name.",
        "zh": "证书与主机属于同一组织：服务器的证书里缺少这个主机名。"},
    "unrelated-certificate": {
        "en": "The certificate names an unrelated domain: you are not talking to the real server.",
        "zh": "证书上的域名与目标主机毫无关系：你连接到的不是真正的服务器。"},
    "macos-urllib": {
        "en": "Python's own urllib failed with no sign of Windows or Linux: on macOS, python.org "
              "builds need Install Certificates.command.",
        "zh": "出错的是 Python 自带的 urllib，且看不出是 Windows 或 Linux：macOS 上 python.org 的 Python "
              "需要运行 Install Certificates.command。"},
    "conda-dll": {
        "en": "The ssl module failed to load a DLL: on Windows that is usually an unactivated "
              "conda environment or a stray OpenSSL DLL.",
        "zh": "ssl 模块加载 DLL 失败：在 Windows 上通常是 conda 环境未激活，或有别的 OpenSSL DLL 混入。"},
    "proxy-in-play": {
        "en": "A proxy is involved, so its settings come first.",
        "zh": "涉及代理，所以先检查代理设置。"},
    "proxy-forbidden": {
        "en": "The proxy answered 403 Forbidden: it refuses this destination.",
        "zh": "代理返回 403 Forbidden：它拒绝访问这个目标。"},
    "legacy-renegotiation": {
        "en": "Unsafe legacy renegotiation is typical of an old TLS-inspecting proxy or firewall.",
        "zh": "unsafe legacy renegotiation 通常来自老旧的 TLS 检查代理或防火墙。"},
    "missing-intermediate": {
        "en": "The server sent its certificate without the intermediate certificate.",
        "zh": "服务器只发送了自己的证书，没有发送中间证书。"},
    "vendor-named": {
        "en": "A TLS-inspection product is named, so it most likely re-signs the traffic.",
        "zh": "文本中出现了 TLS 检查产品的名字，很可能是它重新签发了证书。"},
    "uv-rustls": {
        "en": "uv verifies with its own bundled roots unless told to use the system's "
              "(--system-certs / --native-tls).",
        "zh": "uv 默认使用自带的根证书，除非加上 --system-certs（旧版为 --native-tls）使用系统证书。"},
}


def _promote(causes, cause, position=0):
    causes = [c for c in causes if c != cause]
    causes.insert(min(position, len(causes)), cause)
    return causes


def _rule_applies(rule, symptom, compact, ctx):
    """True when ``rule`` (an id in RULE_NOTES) has evidence in this paste."""
    hosts = ctx["hosts"]
    if rule == "bundle-variable-named":
        return symptom in ("unable-to-get-local-issuer", "self-signed-in-chain", "invalid-ca",
                           "verify-failed-no-reason") and bool(re.search(
                               r"requests_ca_bundle|curl_ca_bundle|pip_cert|ssl_cert_file|--cert[=\s/~.a-z]"
                               r"|global\.cert|\bcert=", compact))
    if rule == "well-known-host-expired":
        return symptom == "cert-expired" and bool(hosts) and all(h in WELL_KNOWN_HOSTS for h in hosts)
    if rule == "well-known-host-self-signed":
        return symptom == "self-signed-cert" and bool(hosts) and all(h in WELL_KNOWN_HOSTS for h in hosts)
    if rule == "private-host":
        target = (ctx["mismatch"] or {}).get("host")
        if symptom == "hostname-mismatch":
            match = re.search(r"(?:ipaddressmismatch|hostnamemismatch),certificateisnotvalidfor'([^']+)'",
                              compact)
            target = target or (match.group(1) if match else None)
            return bool(target) and bool(_PRIVATE_HOST_RE.match(target))
        if symptom == "self-signed-cert":
            return bool(hosts) and all(_PRIVATE_HOST_RE.match(h) for h in hosts)
        return False
    if rule == "same-organisation":
        mismatch = ctx["mismatch"]
        if symptom != "hostname-mismatch" or not mismatch or not mismatch["names"]:
            return False
        domain = _registrable(mismatch["host"])
        return any(_registrable(name) == domain for name in mismatch["names"])
    if rule == "unrelated-certificate":
        mismatch = ctx["mismatch"]
        if symptom != "hostname-mismatch" or not mismatch or not mismatch["names"]:
            return False
        domain = _registrable(mismatch["host"])
        return all(_registrable(name) != domain for name in mismatch["names"])
    if rule == "macos-urllib":
        tools = ctx["tools"]
        return (symptom in ("unable-to-get-local-issuer", "verify-failed-no-reason")
                and ("urllib" in tools or "aiohttp" in tools)
                and not set(tools) & set(("pip", "uv", "conda", "requests", "httpx", "curl", "git", "node"))
                and "windows" not in ctx["os"] and "linux" not in ctx["os"] and not ctx["docker"])
    if rule == "conda-dll":
        return symptom == "ssl-module-missing" and bool(re.search(
            r"dllloadfailed|opensslappearstobeunavailable|condassl|specifiedmodulecouldnotbefound", compact))
    if rule == "proxy-in-play":
        return symptom == "connection-interrupted" and bool(re.search(
            r"proxyerror|proxy\.|cannotconnecttoproxy|unabletoconnecttoproxy|https?_proxy|--proxy", compact))
    if rule == "proxy-forbidden":
        return symptom == "proxy-refused" and bool(re.search(
            r"tunnelconnectionfailed:?403|receivedhttpcode403|403forbidden", compact))
    if rule == "legacy-renegotiation":
        return symptom == "tls-version" and "unsafelegacyrenegotiation" in compact
    if rule == "missing-intermediate":
        return symptom == "unable-to-get-local-issuer" and bool(re.search(
            r"unabletoverifythefirstcertificate|unable_to_verify_leaf_signature|unabletoverifyleafsignature",
            compact)) and "unabletogetlocalissuercertificate" not in compact
    if rule == "vendor-named":
        return symptom in _CERT_SYMPTOMS and ctx["vendor"] is not None
    if rule == "uv-rustls":
        return symptom == "unable-to-get-local-issuer" and "uv" in ctx["tools"]
    raise ValueError("unknown rule %r" % rule)


# (rule id, cause to move, position). Applied in this order, so a later rule's
# promotion ends up in front of an earlier one's: the strongest evidence is last.
_CONTEXT_RULES = (
    ("bundle-variable-named", "ca-bundle-setting", 1),
    ("uv-rustls", "corporate-proxy", 0),
    ("well-known-host-expired", "outdated-certificates", 0),
    ("well-known-host-expired", "clock-skew", 0),
    ("well-known-host-self-signed", "network-block", 0),
    ("well-known-host-self-signed", "corporate-proxy", 0),
    ("unrelated-certificate", "network-block", 0),
    ("same-organisation", "server-certificate", 0),
    ("private-host", "server-certificate", 0),
    ("missing-intermediate", "server-certificate", 0),
    ("macos-urllib", "macos-install-certificates", 0),
    ("conda-dll", "conda-ssl-dll", 0),
    ("proxy-in-play", "proxy-settings", 0),
    ("proxy-forbidden", "network-block", 0),
    ("legacy-renegotiation", "corporate-proxy", 0),
    ("vendor-named", "corporate-proxy", 0),
)


def rank_causes(symptom, compact, ctx):
    """The causes for ``symptom``, reordered by the context rules that apply.

    Returns (causes, applied rule ids).
    """
    causes = list(SYMPTOM_CAUSES.get(symptom, ()))
    applied = []
    if not causes:
        return causes, applied
    for rule, cause, position in _CONTEXT_RULES:
        if _rule_applies(rule, symptom, compact, ctx):
            causes = _promote(causes, cause, position)
            if rule not in applied:
                applied.append(rule)
    return causes, applied


# ---------------------------------------------------------------------------
# explain(): the analyzer's entry point
# ---------------------------------------------------------------------------

# Symptoms where switching verification off for one host would get past the
# error (with its security cost); for the others --trusted-host cannot help.
_TRUSTED_HOST_HELPS = ("unable-to-get-local-issuer", "self-signed-in-chain", "self-signed-cert",
                       "cert-expired", "cert-not-yet-valid", "strict-x509", "weak-crypto",
                       "invalid-ca", "verify-failed-no-reason")


def _detail(page_id, lang):
    return {"id": page_id, "title": cause_title(page_id, lang), "url": fix_url(page_id, lang)}


def _result(symptom, causes, lang):
    return {
        "version": __version__,
        "lang": lang,
        "symptom": symptom,
        "symptom_title": symptom_title(symptom, lang),
        "symptom_url": symptom_url(symptom, lang),
        "causes": list(causes),
        "causes_detail": [_detail(c, lang) for c in causes],
        "evidence": None,
        "also_found": [],
        "context": {"tools": [], "os": [], "docker": False, "hosts": [], "vendor": None},
        "rules": [],
        "notes": [],
        "last_resort": None,
        "truncated": False,
    }


def classify(text):
    """(symptom id, {symptom: compact offset}) for text; the pure core of explain()."""
    paste = _Paste(_to_text(text)[0])
    found = _find_symptoms(paste.compact)
    for symptom in SYMPTOM_PRIORITY:
        if symptom in found:
            return symptom, found
    return "unrecognized", found


def explain(text, lang="en"):
    """Classify a pasted error; never raises.

    Returns a dict: ``symptom`` (an id of SYMPTOM_IDS), ``symptom_title``,
    ``symptom_url``, ``causes`` (cause ids, most likely first), ``causes_detail``
    ([{"id", "title", "url"}]), ``evidence`` ({"line": the redacted original line
    where the decisive match starts, "line_number": 1-based} or None),
    ``also_found`` ([{"symptom", "line_number"}] other symptoms in the paste),
    ``context`` (tools, os, docker, hosts, vendor seen in the paste), ``rules``
    (ids of the context rules that reordered the causes), ``notes`` (sentences
    in ``lang``), ``last_resort`` (the trusted-host page when it could get past
    the error, else None), ``truncated`` (input over 1 MB was cut), ``lang``,
    ``version``.

    >>> explain("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
    ...         "certificate has expired (_ssl.c:1006)")["symptom"]
    'cert-expired'
    """
    lang = normalize_lang(lang)
    try:
        return _explain(text, lang)
    except Exception as exc:  # a paste must never produce a traceback
        result = _result("unrecognized", (), lang)
        result["notes"].append(message("internal-error", lang, error=type(exc).__name__))
        return result


def _explain(text, lang):
    decoded, binary = _to_text(text)
    paste = _Paste(decoded)
    found = _find_symptoms(paste.compact)
    symptom = "unrecognized"
    for candidate in SYMPTOM_PRIORITY:
        if candidate in found:
            symptom = candidate
            break
    ctx = _context(paste.compact) if paste.compact else _context("")
    causes, rules = rank_causes(symptom, paste.compact, ctx)
    result = _result(symptom, causes, lang)
    result["truncated"] = paste.truncated
    result["context"] = {
        "tools": ctx["tools"], "os": ctx["os"], "docker": ctx["docker"],
        "hosts": [redact(h) for h in ctx["hosts"]], "vendor": ctx["vendor"],
    }
    result["rules"] = rules
    notes = result["notes"]
    if paste.truncated:
        notes.append(message("truncated", lang))
    if not decoded.strip():
        notes.append(message("empty", lang))
    elif binary:
        notes.append(message("binary", lang))
    if symptom == "unrecognized":
        if decoded.strip():
            notes.append(message("unrecognized", lang))
        return result
    result["evidence"] = paste.evidence(found[symptom])
    others = [s for s in SYMPTOM_PRIORITY if s in found and s != symptom]
    result["also_found"] = [
        {"symptom": s, "line_number": paste.line_number(paste.line_index(found[s]))} for s in others]
    if ctx["vendor"] and symptom in _CERT_SYMPTOMS + ("strict-x509", "weak-crypto"):
        notes.append(message("vendor", lang, vendor=ctx["vendor"]))
    for rule in rules:
        notes.append(RULE_NOTES[rule][lang])
    if symptom in _TRUSTED_HOST_HELPS and (not causes or causes[0] != "network-block"):
        result["last_resort"] = _detail("trusted-host", lang)
    return result


# ---------------------------------------------------------------------------
# Command line (the probe follows in a later part of this file)
# ---------------------------------------------------------------------------

def _write(stream, text):
    """Print without ever failing on a console that cannot show the characters."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if encoding.lower().replace("_", "-") in ("ascii", "ansi-x3.4-1968", "us-ascii"):
        encoding = "utf-8"
    data = text.encode(encoding, "replace")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        stream.write(data.decode(encoding, "replace"))
        stream.flush()


def detect_lang(environ=None):
    """'zh' when the user's locale is Chinese (LC_ALL, LC_MESSAGES, LANG, Windows UI), else 'en'."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return normalize_lang(value)
    if sys.platform == "win32":
        try:
            import ctypes
            langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
            return "zh" if (langid & 0x3FF) == 0x04 else "en"
        except Exception:
            pass
    return "en"


def format_explanation(result):
    """The text report for one explain() result."""
    lang = result["lang"]
    zh = lang == "zh"
    out = []
    label = "症状" if zh else "Symptom"
    out.append("%s: %s (%s)" % (label, result["symptom_title"], result["symptom"]))
    out.append("  " + result["symptom_url"])
    if result["evidence"]:
        out.append(("证据（第 %d 行）: %s" if zh else "Evidence (line %d): %s") % (
            result["evidence"]["line_number"], result["evidence"]["line"]))
    if result["causes_detail"]:
        out.append("可能的原因（按可能性排序）:" if zh else "Likely causes, most likely first:")
        for number, cause in enumerate(result["causes_detail"], 1):
            out.append("  %d. %s (%s)" % (number, cause["title"], cause["id"]))
            out.append("     " + cause["url"])
    if result.get("last_resort"):
        out.append(("最后手段（关闭验证，有安全代价）: %s" if zh else
                    "Last resort (turns verification off, at a cost): %s") % result["last_resort"]["url"])
    for note in result["notes"]:
        out.append("* " + note)
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - the CLI lands with the probe
    _raw = (sys.stdin.buffer.read() if len(sys.argv) < 3 or sys.argv[2] == "-"
            else open(sys.argv[2], "rb").read()) if "--explain" in sys.argv else b""
    _write(sys.stdout, format_explanation(explain(_raw, detect_lang())))
