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
    # A verify failure got past version negotiation: a TLS-inspecting proxy is likelier
    # than a Python too old for TLS 1.2 (whose error is a protocol-version alert).
    "verify-failed-no-reason": ("outdated-certificates", "corporate-proxy", "old-tls"),
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
# A password with spaces in it (``http://jdoe:pass word@proxy:3128``): only between a
# scheme's ``user:`` and an ``@host`` on the same line.
_URL_SPACED_USERINFO_RE = re.compile(
    r"(?i)\b([a-z][a-z0-9+.\-]*://)([^/\s'\"<>@:]+:[^/'\"<>@\r\n]{1,128}?)@(?=[A-Za-z0-9\[])")
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
# .netrc / _netrc: ``machine HOST login USER password SECRET``, on one line or one per line.
_NETRC_SECRET_RE = re.compile(
    r"(?i)((?:\blogin\s+\S+\s+|^\s*)(?:password|passwd)\s+)(\S+)", re.MULTILINE)
_TOKEN_SHAPES_RE = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
    r"|gl(?:pat|dt|ptt|rt|cbt|oas|soat|ft|imt|agent|feed)-[A-Za-z0-9_\-]{16,}"
    r"|pypi-AgE[A-Za-z0-9_\-]{16,}|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}|npm_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_\-]{35}"
    r"|hf_[A-Za-z0-9]{30,}|AKCp[0-9A-Za-z]{40,}"
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})")
# Somebody else's home directory: /home/NAME, /var/home/NAME (Fedora Silverblue),
# /Users/NAME (macOS), /mnt/c/Users/NAME (WSL), C:\Users\NAME and C:/Users/NAME. A
# name may hold spaces (``C:\Users\John Smith\``) when a path separator follows it.
_HOME_NAME = r"(?:[^\\/\s'\"<>:|]+(?: [^\\/\s'\"<>:|]+)*(?=[\\/])|[^\\/\s'\"<>:|]+)"
_FOREIGN_HOME_RE = re.compile(
    r"(?i)(?:(?<![\w.])(?:/var)?/home/(?!\*\*\*)" + _HOME_NAME
    + r"|(?<![\w/.])(?:/mnt/[a-z])?/Users/(?!Shared\b|Public\b)" + _HOME_NAME
    + r"|\b[A-Z]:(?:\\{1,2}|/)(?:Users|Documents and Settings)(?:\\{1,2}|/)(?!Public\b|Default\b)"
    + _HOME_NAME + r")")

# Stands for a hidden character while positions still count (see _mask_secrets).
_MASK = "\x00"
_MASK_RUN_RE = re.compile(_MASK + "+")

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


def _masked(groups_to_hide):
    """A re.sub replacement that masks the listed groups (the whole match if none)."""
    def replace(match):
        start = match.start()
        chars = list(match.group(0))
        spans = [match.span(n) for n in groups_to_hide] if groups_to_hide else [match.span()]
        for begin, end in spans:
            if begin >= 0:
                chars[begin - start:end - start] = _MASK * (end - begin)
        return "".join(chars)
    return replace


_SECRET_RULES = (
    (_URL_USERINFO_RE, (2,)),
    (_URL_SPACED_USERINFO_RE, (2,)),
    (_SCHEMELESS_USERINFO_RE, (1, 2)),
    (_AUTH_HEADER_RE, (4,)),
    (_QUERY_SECRET_RE, (2,)),
    (_KEY_VALUE_SECRET_RE, (4,)),
    (_NETRC_SECRET_RE, (2,)),
    (_TOKEN_SHAPES_RE, ()),
)


def _mask_secrets(text):
    """``text`` with every credential character replaced by _MASK: same length, same offsets.

    Keeping offsets lets a caller find secrets in text joined from several lines (a
    console hard-wraps ``https://alice:s3cr3t@host`` anywhere) and hide the part
    that falls on one line.
    """
    for regex, hide in _SECRET_RULES:
        text = regex.sub(_masked(hide), text)
    return text


# A line break a console's hard wrap may have made: after a full line (20 characters
# or more, the narrowest console anyone pastes from; a wrap keeps trailing spaces).
_WRAP_BREAK_RE = re.compile(r"(?<=[^\r\n]{20})(?:\r\n|\r|\n)")


def _mask_text(text):
    """_mask_secrets() of multi-line text, also where a hard wrap split a secret.

    A console that wraps at 80 columns cuts ``https://alice:s3cr3t@host`` anywhere,
    so no line holds the whole URL and masking line by line lets ``alice:s3c``
    through. The lines are also read joined at every break that looks like a wrap;
    a character hidden in either reading stays hidden, and so does a home
    directory that a wrap split.
    """
    masked = _mask_secrets(text)
    breaks = [match.span() for match in _WRAP_BREAK_RE.finditer(text)]
    if not breaks:
        return masked
    pieces, origins, at = [], [], 0
    for start, end in breaks:
        pieces.append(text[at:start])
        origins.append(at)
        at = end
    pieces.append(text[at:])
    origins.append(at)
    joined = "".join(pieces)
    joined_masked = list(_mask_secrets(joined))
    # where each joined piece starts, to tell whether a home directory crosses a break
    starts, total = [], 0
    for piece in pieces:
        starts.append(total)
        total += len(piece)
    for begin, finish in _home_spans(joined):
        if bisect.bisect_right(starts, begin) != bisect.bisect_right(starts, finish):  # ends at or past a break
            joined_masked[begin:finish] = _MASK * (finish - begin)
    chars = list(masked)
    for piece_start, origin, piece in zip(starts, origins, pieces):
        for offset in range(len(piece)):
            if joined_masked[piece_start + offset] == _MASK:
                chars[origin + offset] = _MASK
    return "".join(chars)


def _unmask(text):
    """Every run of hidden characters becomes ``***``; home directories become ``~``."""
    text = _MASK_RUN_RE.sub("***", text)
    for home in _home_variants():
        if home in text:
            text = text.replace(home, "~")
    return _FOREIGN_HOME_RE.sub("~", text)


def _home_spans(text):
    """(start, end) of every home directory in ``text`` that _unmask() would print as ``~``."""
    spans = [match.span() for match in _FOREIGN_HOME_RE.finditer(text)]
    for home in _home_variants():
        at = text.find(home)
        while at >= 0:
            spans.append((at, at + len(home)))
            at = text.find(home, at + 1)
    return spans


def redact(text):
    """Hide credentials and home directories in ``text``; line breaks are kept.

    >>> redact("https://alice:s3cr3t@proxy.example.com:3128")
    'https://***@proxy.example.com:3128'
    """
    if not text:
        return text if isinstance(text, str) else ""
    if not isinstance(text, str):
        text = str(text)
    return _unmask(_mask_text(text.replace(_MASK, "")))


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
_EVIDENCE_MAX_CHARS = 1500
# How far around the evidence line to look for a secret that a hard wrap split.
_WRAP_CONTEXT_LINES = 64
_WRAP_CONTEXT_CHARS = 4096

_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
                      r"|(?<![\w\]])\[\d{1,3}(?:;\d{1,3})*m")
# Prefixes that consoles, log viewers and Markdown add in front of every line.
_LINE_PREFIX_RE = re.compile(
    r"^(?:\s*(?:>\s?)+"                                        # Markdown / e-mail quotes
    r"|\s*\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\s"  # CI timestamps
    r"|#\d+ \d+(?:\.\d+)? "                                    # Docker BuildKit
    r"|\s*\[nltk_data\]\s?"                                    # nltk's downloader
    r"|\s*\([\w.\-]+\)\s+(?=PS |[A-Za-z]:\\|[$%#] |[\w.\-]+@|\[)"  # (venv) in front of a prompt
    r"|\s*PS(?: [A-Za-z]:\\[^>]*| [A-Za-z]+:[^>]*)?> ?"          # PowerShell prompt
    r"|\s*[A-Za-z]:\\[^>\s]*(?: [^>\s]+)*> ?"                 # cmd prompt
    r"|\s*(?:[\w.\-]+@[\w.\-]+(?::[^\s$#%]*)?|\[[^\]]{1,80}\])?[$%#] "  # POSIX prompt
    r")+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE_RE = re.compile(r"\s+")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "", "*": ""}
_QUOTES_RE = re.compile("[\u2018\u2019\u201c\u201d`*]")
_ESCAPED_QUOTE_RE = re.compile(r"\\+(['\"])")
_HTML_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,6});")


def _to_text(data):
    """Decode whatever was pasted or redirected into a file; never raises.

    str passes through. Bytes: UTF-16 with a BOM (PowerShell 5's ``>``) or without
    one (every other byte zero), UTF-8 with or without a BOM, then the locale's
    encoding (GBK on a Chinese Windows console), GB18030 (the Chinese pages' readers
    paste from ``cmd``), and finally latin-1, which accepts any byte. Returns (text,
    looks binary).
    """
    if data is None:
        return "", False
    if isinstance(data, str):
        return data, False
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return str(data), False
    raw = bytes(data)
    head = raw[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace"), False
    if len(head) >= 16 and head[1::2].count(0) > len(head) // 4:
        return raw.decode("utf-16-le", "replace"), False
    if len(head) >= 16 and head[0::2].count(0) > len(head) // 4:
        return raw.decode("utf-16-be", "replace"), False
    text = None
    for encoding in _fallback_encodings():
        try:
            text = raw.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        text = raw.decode("utf-8", "replace")
        if text.count("\ufffd") > max(8, len(text) // 20):
            text = raw.decode("latin-1", "replace")
    sample = text[:4096]
    junk = len(_BINARY_RE.findall(sample)) + sample.count("\ufffd")
    return text, junk > max(8, len(sample) // 20)


_BINARY_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _fallback_encodings():
    """UTF-8 (a BOM dropped), the locale's encoding, then GB18030: each tried strictly."""
    encodings = ["utf-8-sig"]
    try:
        import locale
        preferred = locale.getpreferredencoding(False)
    except Exception:  # pragma: no cover - Pyodide and stripped builds
        preferred = None
    for name in (preferred, "gb18030"):
        if not name:
            continue
        try:
            import codecs
            name = codecs.lookup(name).name
        except LookupError:
            continue
        if name not in encodings and name not in ("utf-8", "ascii"):
            encodings.append(name)
    return encodings


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


def _is_word_char(char):
    return "a" <= char <= "z" or "0" <= char <= "9"


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
        # _LINE_PREFIX_RE removes nltk's line prefix, which also names the tool (see _context)
        self.nltk_prefixed = "[nltk_data]" in text

    def line_index(self, offset):
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def line_number(self, index):
        return self.numbers[index] if self.numbers else index + 1

    def word_boundary(self, offset):
        """True if compact ``offset`` falls between two words of the original text.

        That is: at either end, next to a character that is not an ASCII letter or
        digit (CJK names need no spaces), at a line break, or where whitespace was.
        """
        compact = self.compact
        if offset <= 0 or offset >= len(compact):
            return True
        if not (_is_word_char(compact[offset - 1]) and _is_word_char(compact[offset])):
            return True
        index = self.line_index(offset)
        local = offset - self.starts[index]
        if local == 0:
            return True
        at = 0
        for token in _clean_line(self.lines[index]).split():
            at += len(_compact(token))
            if at >= local:
                return at == local
        return False

    def _shown(self, index):
        """A line as evidence shows it: no line break, no colour codes, no invisible characters."""
        line = self.lines[index].rstrip("\r\n")
        line = _ANSI_RE.sub("", line) if "\x1b" in line else line
        return _INVISIBLE_RE.sub("", line)

    def _masked_line(self, index):
        """Line ``index`` with _MASK over every secret, read with its neighbours (_mask_text)."""
        first = last = index
        budget = _WRAP_CONTEXT_CHARS
        while first > 0 and index - first < _WRAP_CONTEXT_LINES and budget > 0:
            first -= 1
            budget -= len(self.lines[first])
        budget = _WRAP_CONTEXT_CHARS
        while last + 1 < len(self.lines) and last - index < _WRAP_CONTEXT_LINES and budget > 0:
            last += 1
            budget -= len(self.lines[last])
        shown = [self._shown(i) for i in range(first, last + 1)]
        start = sum(len(line) + 1 for line in shown[:index - first])
        return _mask_text("\n".join(shown))[start:start + len(shown[index - first])]

    def evidence(self, offset):
        index = self.line_index(offset)
        line = self._masked_line(index)
        if len(line) > _EVIDENCE_MAX_CHARS:
            # Keep the part of a very long line around where the match starts.
            local = self.compact[self.starts[index]:offset]
            approx = min(len(line), len(local))
            start = max(0, approx - _EVIDENCE_MAX_CHARS // 4)
            line = ("…" if start else "") + line[start:start + _EVIDENCE_MAX_CHARS] + "…"
        return {"line": _unmask(line.strip()), "line_number": self.line_number(index)}


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
        ("re", r"tunnelconnectionfailed:?407|receivedhttpcode407|(?:http|status|statuscode|code|error|response)[:=/]?407\b"
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
        # urllib3 1.26 given an https:// proxy (Windows system proxy, Clash/V2Ray): same root cause
        "check_hostname requires server_hostname",
    ),
    "strict-x509": (
        "VERIFY_X509_STRICT",
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
        ("re", r"(?:verifyfailed:|problem:|error:|[(\['\"])certificateisnotyetvalid", "certificateisnotyetvalid"),
        ("weak", "certificate is not yet valid"),
        "or the system clock is incorrect",
        "CERT_NOT_YET_VALID",
        "NotValidYet",
        "certificate not valid yet",
        ("re", r"certificatehasexpiredorisnotyetvalid:currenttime[\d\-t:z.+]*isbefore", "isbefore"),
        "证书尚未生效",
    ),
    "cert-expired": (
        ("re", r"(?:verifyfailed:|problem:|error:|[(\['\"])certificatehasexpired", "certificatehasexpired"),
        ("weak", "certificate has expired"),
        "CERT_HAS_EXPIRED",
        ("re", r"\"[^\"]{1,253}\"certificateisexpired", "certificateisexpired"),
        ("weak", "certificate is expired"),
        "certificate expired: verification time",
        # wget: "ERROR: The certificate of 'HOST' has expired." (the server's own certificate)
        ("re", r"thecertificateof'[^']{1,253}'hasexpired", "hasexpired"),
        "invalid peer certificate: Expired",
        "is not within its validity period",
        "x509: certificate has expired or is not yet valid",
        "证书已过期",
        "不在有效期内",
        "不在其有效期内",
        "nicht innerhalb seines Gültigkeitszeitraums",
        "n'est pas dans sa période de validité",
        "有効期間内にありません",
        "CERT_E_EXPIRED",
        "SEC_E_CERT_EXPIRED",
    ),
    "hostname-mismatch": (
        "Hostname mismatch, certificate is not valid for",
        "IP address mismatch, certificate is not valid for",
        ("re", r"(?:verifyfailed:|error:|[(\['\"])(?:hostname|ipaddress)mismatch", "mismatch"),
        ("weak", "Hostname mismatch"),
        ("weak", "IP address mismatch"),
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
        # wget (OpenSSL and GnuTLS builds), e.g. fetching get-pip.py: "certificate common
        # name 'X' doesn't match requested host name 'Y'" / "no certificate subject
        # alternative name matches requested host name 'Y'".
        "doesn't match requested host name",
        "no certificate subject alternative name matches",
        ("re", r"hostname'?[^'\s]{1,253}'?doesn'?tmatch", "doesn"),
        ("re", r"doesnotmatch(?:target)?host(?:name)?", "doesnotmatch"),
        "证书的 CN 名称与传递的值不匹配",
        "证书的 CN 名称与传递的值不符",   # CERT_E_CN_NO_MATCH, zh-CN Windows
        "與傳遞的值不符",                  # the same, zh-TW
        "目标主体名称不正确",              # SEC_E_WRONG_PRINCIPAL, zh-CN
        "stimmt nicht mit dem übergebenen Wert überein",
        "ne correspond pas à la valeur passée",
        "渡された値と一致しません",
        "SEC_E_WRONG_PRINCIPAL",
        "The target principal name is incorrect",
    ),
    "self-signed-in-chain": (
        "self signed certificate in certificate chain",
        "self-signed certificate in certificate chain",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "verify error:num=19",
    ),
    "self-signed-cert": (
        ("re", r"(?:verifyfailed:|problem:|num=18:|error:|[(\['\"])self-?signedcertificate(?!incertificatechain)",
         "signedcertificate"),
        ("weakre", r"self-?signedcertificate(?!incertificatechain)", "signedcertificate"),
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
        "certificado raiz que não é confiável",
        "корневом сертификате",
        "non considerato attendibile dal provider",
        "nie jest zaufany przez dostawcę zaufania",
        "güvenilmeyen bir kök sertifikada",
        "信任提供者不信任的根憑證",
        "不信任的根憑證",
        "SEC_E_UNTRUSTED_ROOT",
        "루트 인증서에서 종료되었습니다",
        # macOS Security.framework (truststore)
        ("re", r"certificateisnottrusted|\"[^\"]{1,253}\"certificateisnottrusted", "certificateisnottrusted"),
        "certificate is not trusted",
        "The certificate was not trusted",
    ),
    "tls-version": (
        "tlsv1 alert protocol version",
        "TLSV1_ALERT_PROTOCOL_VERSION",
        ("re", r"unsupportedprotocol(?!scheme)", "unsupportedprotocol"),
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
        "Could not create SSL/TLS secure channel",
        "SEC_E_ALGORITHM_MISMATCH",
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
        "SysCallError(-1, 'Unexpected EOF')",
        "WSAECONNRESET",
        "SEC_E_MESSAGE_ALTERED",
        "The TLS connection was non-properly terminated",
        ("re", r"connectionreseterror\(10054|connectionreseterror\(104|\[winerror10054\]"
               r"|connectionresetbypeer|connectionabortederror\(10053", "connection"),
        "远程主机强迫关闭了一个现有的连接",
        # The other end aborted the handshake because it does not know the CA of a
        # certificate it was shown. pip verifies the server itself and reports its own
        # failures as CERTIFICATE_VERIFY_FAILED, so this alert never means "pip does not
        # trust the server": the server or a middlebox refused the connection. That is
        # a handshake cut off by the other side, not a trust-store problem on this
        # machine, and --trusted-host cannot help; hence this symptom, with the rule
        # "peer-rejected-ca" putting corporate-proxy (an inspecting proxy that refuses
        # the upstream chain or a client certificate) first.
        "tlsv1 alert unknown ca",
        "TLSV1_ALERT_UNKNOWN_CA",
        "alert unknown ca",
        # A handshake or response that stalls past pip's timeout (15 s by default). The
        # same words follow any slow download, so they decide only when nothing else does.
        ("weak", "Read timed out"),
        ("weak", "ReadTimeoutError"),
        ("weak", "didn't respond within"),
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
        "Proxy URL had no scheme",
        "ProxySchemeUnknown",
        "Unable to determine SOCKS version",
        "Missing dependencies for SOCKS support",
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
        "server certificate verification failed",
        "peer certificate or SSH remote key was not OK",
        "SSL certificate problem",
        # Revocation could not be checked (schannel, CryptoAPI, curl/conda/mamba on
        # Windows): the _CONTEXT_RULES put corporate-proxy first.
        "CRYPT_E_NO_REVOCATION_CHECK",
        "CRYPT_E_REVOCATION_OFFLINE",
        "unable to check revocation",
        "The revocation function was unable to check revocation",
        "CERT_TRUST_REVOCATION_STATUS_UNKNOWN",
        "CERT_TRUST_IS_OFFLINE_REVOCATION",
        "0x80092012",
        "0x80092013",
        "吊销功能无法检查",
        "撤銷函式無法檢查",
        "SEC_E_UNTRUSTED_ROOT",
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
    """(symptom, [(literal, regex or None, strong)]) in priority order.

    Pattern forms: "literal"; ("re", compact regex, literal it needs); ("weak", literal);
    ("weakre", regex, literal). A weak pattern is a phrase people also write in prose
    ("we use a self-signed certificate"): it only decides when no strong pattern of
    any symptom matched.
    """
    compiled = []
    for symptom in SYMPTOM_PRIORITY:
        entries = []
        for pattern in _SYMPTOM_PATTERNS[symptom]:
            if not isinstance(pattern, tuple):
                entries.append((_compact(pattern), None, True))
            elif pattern[0] == "weak":
                entries.append((_compact(pattern[1]), None, False))
            else:
                entries.append((pattern[2], re.compile(pattern[1]), pattern[0] == "re"))
        compiled.append((symptom, entries))
    return compiled


_COMPILED_PATTERNS = _compile_patterns()


def _find_symptoms(compact):
    """{symptom: (offset of its first match, strong)} for every symptom in the text.

    A strong match anywhere beats weak ones: the offset is that of the first strong
    match when there is one, else of the first weak match.
    """
    found = {}
    for symptom, entries in _COMPILED_PATTERNS:
        best = None
        for literal, regex, strong in entries:
            at = compact.find(literal)
            if at < 0:
                continue
            if regex is not None:
                match = regex.search(compact)
                if match is None:
                    continue
                at = match.start()
            if best is None or (strong, -at) > (best[1], -best[0]):
                best = (at, strong)
        if best is not None:
            found[symptom] = best
    return found


def _decide(found):
    """The winning symptom: the highest-priority strong match, else the highest-priority weak one."""
    for wanted in (True, False):
        for symptom in SYMPTOM_PRIORITY:
            if symptom in found and found[symptom][1] == wanted:
                return symptom
    return "unrecognized"


# ---------------------------------------------------------------------------
# Context: which tool, which OS, which hosts, which vendor
# ---------------------------------------------------------------------------

_TOOL_MARKERS = (
    ("pip", r"pipinstall|couldnotfetchurl|retrying\(retry\(|pip\._(?:internal|vendor)|pip/_vendor"
            r"|pip(?:3(?:\.\d+)?)?(?:\.exe)?install|-mpip|lookinginindexes|collecting\w"),
    ("uv", r"\buv(?:pip|tool|add|sync|run|lock|venv)|invalidpeercertificate|astral|--native-tls"
           r"|--system-certs|uv_native_tls|uv_system_certs"),
    ("conda", r"condassl|condahttperror|\bconda(?:install|update|create|env|config)"
              r"|collectingpackagemetadata|mamba|micromamba|anaconda\.(?:org|com)|anaconda3|miniconda3"
              r"|miniforge3|condabin|\\library\\bin"),
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
                r"|已处理证书链|已處理憑證|anacondaprompt|schannel|sec_e_|crypt_e_|cert_e_|0x800b01|0x80092"),
    ("macos", r"(?<!/mnt/[a-z])(?<![a-z]:)/users/|darwin|macos|macosx|osx|/library/frameworks/python\.framework"
              r"|/applications/python|installcertificates|homebrew|/opt/homebrew|\.dylib"
              r"|certificateisnottrusted|notstandardscompliant"),
    ("linux", r"/home/|/usr/lib/|/usr/bin/|/opt/conda/|/mnt/[a-z]/|/usr/local/lib/|ubuntu|debian|fedora|centos|rhel|alpine|archlinux"
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


def _vendor_in(paste, issuer=False):
    """The first product of TLS_INSPECTION_VENDORS named as a whole word in ``paste``.

    The patterns run on compact text, where "avast" would also be found inside
    "cavast"; a match counts only where the original text had a word boundary at
    both ends (paste.word_boundary).
    """
    for name, pattern, issuer_only in TLS_INSPECTION_VENDORS:
        if issuer_only and not issuer:
            continue
        for number, match in enumerate(re.finditer(pattern, paste.compact)):
            if number >= 20:  # a paste that repeats a word thousands of times
                break
            if paste.word_boundary(match.start()) and paste.word_boundary(match.end()):
                return name
    return None


def vendor_from_issuer(issuer_text):
    """The TLS-inspection product named by a certificate issuer, or None."""
    return _vendor_in(_Paste(issuer_text or ""), issuer=True)


def _registrable(host):
    """Naive registrable domain: enough to tell 'same organisation' from 'unrelated'."""
    host = host.strip(".").lstrip("*.").lower()
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in (
            "co", "com", "ac", "edu", "gov", "org", "net", "or", "ne", "go"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _context(paste):
    compact = paste.compact
    tools = [name for name, pattern in _TOOL_MARKERS if re.search(pattern, compact)]
    if "urllib" not in tools and paste.nltk_prefixed:
        # nltk's downloader (urllib underneath) prefixes every line with [nltk_data], which
        # normalizing strips, often together with the "urlopen error" that named urllib.
        tools.append("urllib")
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
        "vendor": _vendor_in(paste),
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
    "legacy-renegotiation": {
        "en": "Unsafe legacy renegotiation is typical of an old TLS-inspecting proxy or firewall.",
        "zh": "unsafe legacy renegotiation 通常来自老旧的 TLS 检查代理或防火墙。"},
    "missing-intermediate": {
        "en": "The server sent its certificate without the intermediate certificate.",
        "zh": "服务器只发送了自己的证书，没有发送中间证书。"},
    "vendor-named": {
        "en": "A TLS-inspection product is named, so it most likely re-signs the traffic.",
        "zh": "文本中出现了 TLS 检查产品的名字，很可能是它重新签发了证书。"},
    "revocation-unchecked": {
        "en": "Windows could not check whether the certificate was revoked: a TLS-inspecting proxy "
              "re-signed the traffic with a certificate whose revocation list it blocks or never published.",
        "zh": "Windows 无法检查证书是否已吊销：通常是 TLS 检查代理重新签发了证书，而它的吊销列表被拦截或根本不存在。"},
    "peer-rejected-ca": {
        "en": "The other end refused the handshake with 'unknown ca': a TLS-inspecting proxy or a server "
              "that wants a client certificate from a CA it trusts, not a missing CA on your side.",
        "zh": "对端以 unknown ca 拒绝了握手：通常是 TLS 检查代理，或要求由它信任的 CA 签发客户端证书的服务器，"
              "而不是你这边缺少 CA 证书。"},
    "paste-not-from-macos": {
        "en": "The text comes from Windows, Linux or a container, so the macOS-only Install "
              "Certificates.command is the least likely fix.",
        "zh": "文本来自 Windows、Linux 或容器，所以只适用于 macOS 的 Install Certificates.command 可能性最小。"},
    "paste-not-from-windows": {
        "en": "The text comes from Linux or macOS, so conda's Windows DLL problem is the least likely cause.",
        "zh": "文本来自 Linux 或 macOS，所以 conda 在 Windows 上的 DLL 问题可能性最小。"},
    "leaf-certificate-expired": {
        "en": "The text names the server's own certificate as expired, so an old CA bundle "
              "on your side cannot explain it.",
        "zh": "文本指明过期的是服务器自己的证书，所以这不是你这边 CA 证书过旧造成的。"},
    "uv-rustls": {
        "en": "uv verifies with its own bundled roots unless told to use the system's "
              "(--system-certs / --native-tls).",
        "zh": "uv 默认使用自带的根证书，除非加上 --system-certs（旧版为 --native-tls）使用系统证书。"},
}


def _promote(causes, cause, position=0):
    """Move ``cause`` to ``position``; -1 moves it to the end."""
    causes = [c for c in causes if c != cause]
    causes.insert(len(causes) if position < 0 else min(position, len(causes)), cause)
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
        return symptom == "ssl-module-missing" and (bool(re.search(
            r"dllloadfailed|opensslappearstobeunavailable|condassl|specifiedmodulecouldnotbefound", compact))
            or ("conda" in ctx["tools"] and "windows" in ctx["os"]))
    if rule == "proxy-in-play":
        return symptom == "connection-interrupted" and bool(re.search(
            r"proxyerror|proxy\.|cannotconnecttoproxy|unabletoconnecttoproxy|https?_proxy|--proxy", compact))
    if rule == "legacy-renegotiation":
        return symptom == "tls-version" and "unsafelegacyrenegotiation" in compact
    if rule == "missing-intermediate":
        return symptom == "unable-to-get-local-issuer" and bool(re.search(
            r"unabletoverifythefirstcertificate|unable_to_verify_leaf_signature|unabletoverifyleafsignature",
            compact)) and "unabletogetlocalissuercertificate" not in compact
    if rule == "vendor-named":
        return symptom in _CERT_SYMPTOMS and ctx["vendor"] is not None
    if rule == "revocation-unchecked":
        return symptom in _CERT_SYMPTOMS and bool(_REVOCATION_UNCHECKED_RE.search(compact))
    if rule == "peer-rejected-ca":
        return symptom == "connection-interrupted" and "alertunknownca" in compact
    if rule in _PLATFORM_ONLY_CAUSES:
        return _foreign_platform(rule, symptom, ctx)
    if rule == "uv-rustls":
        return symptom == "unable-to-get-local-issuer" and "uv" in ctx["tools"]
    if rule == "leaf-certificate-expired":
        return symptom == "cert-expired" and bool(_LEAF_EXPIRED_RE.search(compact))
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
    ("legacy-renegotiation", "corporate-proxy", 0),
    ("revocation-unchecked", "corporate-proxy", 0),
    ("peer-rejected-ca", "corporate-proxy", 0),
    ("vendor-named", "corporate-proxy", 0),
    # demotions (position -1: to the end) come after every promotion
    ("paste-not-from-macos", "macos-install-certificates", -1),
    ("paste-not-from-windows", "conda-ssl-dll", -1),
    ("leaf-certificate-expired", "outdated-certificates", -1),
)

# Messages that say which certificate expired, and it is the server's own (the leaf):
# wget's "The certificate of 'HOST' has expired". An old CA bundle makes a root or an
# intermediate look expired (OpenSSL's chain-wide "certificate has expired"), never the
# leaf, so "outdated-certificates" goes last; a wrong clock and the server stay in front.
_LEAF_EXPIRED_RE = re.compile(r"thecertificateof'[^']{1,253}'hasexpired")

# Revocation that could not be checked, as against a certificate that is revoked.
_REVOCATION_UNCHECKED_RE = re.compile(
    r"unabletocheckrevocation|crypt_e_no_revocation_check|crypt_e_revocation_offline|0x8009201[23]"
    r"|revocation_status_unknown|offline_revocation|revocationserverwasoffline|吊销功能无法检查|撤銷函式無法檢查")

# Causes that exist on one platform only, with the rule that moves each to the
# end of the list (not out of it: a paste can quote paths of two machines, such as
# a Docker build started on a Mac) when the paste clearly comes from elsewhere.
_PLATFORM_ONLY_CAUSES = {
    "paste-not-from-macos": ("macos-install-certificates", "macos"),
    "paste-not-from-windows": ("conda-ssl-dll", "windows"),
}


def _foreign_platform(rule, symptom, ctx):
    cause, platform = _PLATFORM_ONLY_CAUSES[rule]
    systems = set(ctx["os"])
    if ctx["docker"]:
        systems.add("linux")  # pip runs inside a Linux container
    return cause in SYMPTOM_CAUSES.get(symptom, ()) and bool(systems) and platform not in systems


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
    """(symptom id, {symptom: (compact offset, strong)}) for text; the pure core of explain()."""
    paste = _Paste(_to_text(text)[0])
    found = _find_symptoms(paste.compact)
    return _decide(found), found


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
    symptom = _decide(found)
    ctx = _context(paste)
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
    result["evidence"] = paste.evidence(found[symptom][0])
    others = [s for s in SYMPTOM_PRIORITY if s in found and s != symptom]
    result["also_found"] = [
        {"symptom": s, "line_number": paste.line_number(paste.line_index(found[s][0]))} for s in others]
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



# ---------------------------------------------------------------------------
# The probe: what this machine's Python, pip and network do
# ---------------------------------------------------------------------------

CONNECT_TIMEOUT = 3.0   # seconds for a TCP connect (direct or to the proxy)
TLS_TIMEOUT = 3.0       # seconds for one TLS handshake or one HTTP response
PROBE_BUDGET = 9.0      # seconds for all network probes together (hard limit ~10 s)
MAX_HOSTS = 6
# No real date is earlier than the day this file was written.
EARLIEST_REAL_TIME = 1793491200  # 2026-11-01T00:00:00Z
CERT_VARIABLES = ("PIP_CERT", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")
INDEX_VARIABLES = ("PIP_TRUSTED_HOST", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")
PROXY_VARIABLES = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY",
                   "no_proxy", "NO_PROXY", "PIP_PROXY")
PIP_CONFIG_KEYS = ("cert", "trusted-host", "index-url", "extra-index-url", "proxy", "client-cert",
                   "use-deprecated", "use-feature")
PLACEHOLDER_PATH_RE = re.compile(r"(?i)path[/\\]to[/\\]|<[^>]+>|your[_-]|xxx")  # sitelint: allow PLH002 -- detects placeholders pasted into CA settings
PEM_BEGIN_RE = re.compile(rb"-----BEGIN (?:TRUSTED )?CERTIFICATE-----")
PEM_BLOCK_RE = re.compile(rb"-----BEGIN (?:TRUSTED )?CERTIFICATE-----\s+([A-Za-z0-9+/=\s]+?)-----END (?:TRUSTED )?CERTIFICATE-----")
HASHED_NAME_RE = re.compile(r"^[0-9a-f]{8}\.\d+$")
_NOW = []


def _now():
    import time
    return _NOW[0] if _NOW else time.time()


def _t(lang, en, zh):
    return zh if lang == "zh" else en


def _short(path):
    return redact(path) if path else path


def _read_head(path, limit=20 * 1024 * 1024):
    with open(path, "rb") as handle:
        return handle.read(limit)


def count_certificates(path):
    """(kind, count): kind is 'file', 'dir', 'missing' or 'unreadable'; count of PEM certificates."""
    if not path:
        return "missing", 0
    try:
        if os.path.isdir(path):
            count = 0
            seen = set()
            for name in os.listdir(path):
                full = os.path.join(path, name)
                real = os.path.realpath(full)
                if real in seen:
                    continue
                seen.add(real)
                if HASHED_NAME_RE.match(name) or name.endswith((".pem", ".crt")):
                    try:
                        count += len(PEM_BEGIN_RE.findall(_read_head(full, 1024 * 1024))) or 0
                    except (IOError, OSError):
                        pass
            return "dir", count
        if os.path.isfile(path):
            return "file", len(PEM_BEGIN_RE.findall(_read_head(path)))
        return "missing", 0
    except (IOError, OSError):
        return "unreadable", 0


def describe_path(path, env_name=None):
    """What is at a CA path: exists, kind, certificate count, and what looks wrong."""
    info = {"path": _short(path), "exists": False, "kind": "missing", "certificates": 0, "problem": None}
    if path is None or path == "":
        info["problem"] = "empty"
        return info
    if PLACEHOLDER_PATH_RE.search(path):
        info["problem"] = "placeholder"
    elif not os.path.isabs(os.path.expanduser(path)):
        info["problem"] = "relative"
    kind, count = count_certificates(os.path.expanduser(path))
    info["kind"] = kind
    info["exists"] = kind in ("file", "dir")
    info["certificates"] = count
    if kind == "missing":
        info["problem"] = info["problem"] or "missing"
    elif kind == "unreadable":
        info["problem"] = "unreadable"
    elif count == 0:
        info["problem"] = info["problem"] or "no-certificates"
    if env_name == "SSL_CERT_DIR" and kind == "file":
        info["problem"] = "not-a-directory"
    return info


def _version_tuple(text):
    parts = []
    for piece in re.split(r"[.+-]", text or ""):
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return tuple(parts)


def _read_version(path):
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as handle:
            match = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", handle.read(20000), re.M)
        return match.group(1) if match else None
    except (IOError, OSError, UnicodeDecodeError):
        return None


def _module_dir(name):
    """Where a top-level package lives, found without importing it."""
    try:
        import importlib.util
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, AttributeError):
        return None
    if spec is None:
        return None
    locations = list(getattr(spec, "submodule_search_locations", None) or [])
    if locations:
        return locations[0]
    origin = getattr(spec, "origin", None)
    return os.path.dirname(origin) if origin else None


def gather_python():
    import platform
    info = {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": _short(sys.executable),
        "prefix": _short(sys.prefix),
        "platform": sys.platform,
        "machine": platform.machine(),
        "venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix) or hasattr(sys, "real_prefix"),
        "conda": os.path.isdir(os.path.join(sys.prefix, "conda-meta")),
        "conda_active": bool(os.environ.get("CONDA_PREFIX")),
        "os": platform.system() + " " + platform.release(),
    }
    if sys.platform.startswith("linux"):
        try:
            with open("/etc/os-release", encoding="utf-8", errors="replace") as handle:
                match = re.search(r'^PRETTY_NAME="?([^"\n]*)', handle.read(), re.M)
            if match:
                info["os"] = match.group(1)
        except (IOError, OSError):
            pass
    elif sys.platform == "darwin":
        info["os"] = "macOS " + (platform.mac_ver()[0] or "?")
    info["python_org_macos"] = sys.platform == "darwin" and os.path.realpath(sys.executable).startswith(
        "/Library/Frameworks/Python.framework")
    return info


def gather_ssl():
    info = {"available": ssl is not None, "import_error": SSL_IMPORT_ERROR}
    if ssl is None:
        return info
    info["openssl"] = ssl.OPENSSL_VERSION
    info["openssl_version_info"] = list(ssl.OPENSSL_VERSION_INFO)
    info["has_tls12"] = bool(getattr(ssl, "HAS_TLSv1_2", ssl.OPENSSL_VERSION_INFO >= (1, 0, 1)))
    info["has_tls13"] = bool(getattr(ssl, "HAS_TLSv1_3", False))
    try:
        paths = ssl.get_default_verify_paths()
        info["default_verify_paths"] = {
            "cafile": describe_path(paths.openssl_cafile) if paths.openssl_cafile else None,
            "capath": describe_path(paths.openssl_capath) if paths.openssl_capath else None,
            "cafile_env": paths.openssl_cafile_env,
            "capath_env": paths.openssl_capath_env,
        }
    except Exception as exc:  # pragma: no cover - broken OpenSSL builds
        info["default_verify_paths"] = {"error": str(exc)}
    info["strict_default"] = bool(getattr(ssl, "VERIFY_X509_STRICT", 0)) and sys.version_info >= (3, 13)
    return info


def gather_pip(config):
    pip_dir = _module_dir("pip")
    info = {"installed": bool(pip_dir), "version": None, "path": _short(pip_dir), "certifi": None,
            "certifi_version": None, "truststore_vendored": False}
    if pip_dir:
        info["version"] = _read_version(os.path.join(pip_dir, "__init__.py"))
        cacert = os.path.join(pip_dir, "_vendor", "certifi", "cacert.pem")
        if os.path.exists(cacert):
            info["certifi"] = describe_path(cacert)
            info["certifi_path_raw"] = cacert
            info["certifi_version"] = _read_version(os.path.join(pip_dir, "_vendor", "certifi", "__init__.py"))
        info["truststore_vendored"] = os.path.isdir(os.path.join(pip_dir, "_vendor", "truststore"))
    deprecated = " ".join(v for v in (config["effective"].get("use-deprecated", {}).get("value"),) if v)
    features = config["effective"].get("use-feature", {}).get("value") or ""
    version = _version_tuple(info["version"])
    legacy = "legacy-certs" in deprecated
    if not version:
        mode = "unknown"
    elif version >= (24, 2) and sys.version_info >= (3, 10) and not legacy:
        mode = "truststore"
    elif version >= (22, 2) and sys.version_info >= (3, 10) and "truststore" in features and not legacy:
        mode = "truststore"
    else:
        mode = "certifi"
    info["trust_mode"] = mode
    info["told_legacy_certs"] = legacy
    info["os_store_default"] = bool(version) and version >= (24, 2) and sys.version_info >= (3, 10)
    standalone = _module_dir("certifi")
    info["standalone_certifi"] = describe_path(os.path.join(standalone, "cacert.pem")) if standalone else None
    info["standalone_certifi_path_raw"] = os.path.join(standalone, "cacert.pem") if standalone else None
    return info


def _pip_config_files(environ):
    """(kind, path) in pip's override order: global, user, site, PIP_CONFIG_FILE."""
    env_file = environ.get("PIP_CONFIG_FILE")
    if env_file == os.devnull:
        return [], True
    home = os.path.expanduser("~")
    files = []
    if sys.platform == "win32":
        program_data = environ.get("ALLUSERSPROFILE") or environ.get("PROGRAMDATA") or r"C:\ProgramData"
        files.append(("global", os.path.join(program_data, "pip", "pip.ini")))
        user = [os.path.join(home, "pip", "pip.ini")]
        appdata = environ.get("APPDATA")
        if appdata:
            user.append(os.path.join(appdata, "pip", "pip.ini"))
        site_name = "pip.ini"
    else:
        dirs = (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(os.pathsep)
        if sys.platform == "darwin":
            dirs = ["/Library/Application Support"]
        for directory in dirs:
            if directory:
                files.append(("global", os.path.join(directory, "pip", "pip.conf")))
        files.append(("global", "/etc/pip.conf"))
        user = [os.path.join(home, ".pip", "pip.conf")]
        mac_dir = os.path.join(home, "Library", "Application Support", "pip")
        if sys.platform == "darwin" and os.path.isdir(mac_dir):
            user.append(os.path.join(mac_dir, "pip.conf"))
        else:
            config_home = environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
            user.append(os.path.join(config_home, "pip", "pip.conf"))
        site_name = "pip.conf"
    if not (env_file and os.path.exists(env_file)):
        files.extend(("user", path) for path in user)
    files.append(("site", os.path.join(sys.prefix, site_name)))
    if env_file:
        files.append(("env", env_file))
    return files, False


def read_pip_config(environ=None):
    """pip's configuration as pip would load it: every value, its file, and which wins."""
    environ = os.environ if environ is None else environ
    try:
        import configparser
    except ImportError:  # pragma: no cover
        configparser = None
    files, disabled = _pip_config_files(environ)
    settings = []
    effective = {}
    loaded = []
    for kind, path in files:
        if not os.path.isfile(path) or configparser is None:
            continue
        parser = configparser.RawConfigParser()
        try:
            with open(path, "r", encoding="utf-8", errors="replace") as handle:
                parser.read_string(handle.read(), source=path)
        except Exception as exc:
            settings.append({"key": None, "value": None, "file": _short(path), "section": None,
                             "error": "%s: %s" % (type(exc).__name__, exc)})
            continue
        loaded.append({"kind": kind, "file": _short(path)})
        for section in ("global", "install", "download", "index"):
            if not parser.has_section(section):
                continue
            for key, value in parser.items(section):
                key = key.lower().replace("_", "-")
                if key not in PIP_CONFIG_KEYS:
                    continue
                entry = {"key": key, "value": value.strip(), "file": path, "kind": kind, "section": section}
                settings.append(entry)
                previous = effective.get(key)
                # install/download/index sections override global within the same file
                if previous is None or not (previous["file"] == path and section == "global"
                                            and previous["section"] != "global"):
                    effective[key] = entry
    for key in PIP_CONFIG_KEYS:
        name = "PIP_" + key.upper().replace("-", "_")
        if environ.get(name):
            entry = {"key": key, "value": environ[name], "file": None, "kind": "env-var", "variable": name,
                     "section": None}
            settings.append(entry)
            effective[key] = entry
    return {"files": loaded, "disabled": disabled, "settings": settings, "effective": effective}


def ca_settings(environ, config, pip):
    """Every certificate-related setting, what it points at, and which CA file pip uses."""
    rows = []
    for name in CERT_VARIABLES:
        if name in environ:
            row = {"name": name, "source": "environment", "value": _short(environ[name])}
            row.update({"target": describe_path(environ[name], name)})
            rows.append(row)
    for name in INDEX_VARIABLES:
        if name in environ:
            rows.append({"name": name, "source": "environment", "value": _short(environ[name]), "target": None})
    for entry in config["settings"]:
        if entry.get("key") is None or entry.get("kind") == "env-var":
            continue
        row = {"name": entry["key"], "source": "%s [%s]" % (_short(entry["file"]), entry["section"]),
               "value": _short(entry["value"]), "target": None}
        if entry["key"] in ("cert", "client-cert"):
            row["target"] = describe_path(entry["value"])
        rows.append(row)
    # Which bundle pip verifies with (FACTS: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE beat --cert,
    # PIP_CERT and cert =; since pip 24.2 with truststore a bundle is added to OS + certifi).
    winner = None
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if environ.get(name):
            winner = {"name": name, "path": environ[name], "source": "environment"}
            break
    cert = config["effective"].get("cert")
    if winner is None and cert:
        winner = {"name": cert.get("variable") or "cert", "path": cert["value"],
                  "source": "environment" if cert["kind"] == "env-var" else _short(cert["file"])}
    overridden = []

    def _same(path):
        try:
            return os.path.realpath(os.path.expanduser(path)) == os.path.realpath(
                os.path.expanduser(winner["path"]))
        except (TypeError, ValueError):
            return False

    if winner and winner["name"] in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if cert and not _same(cert["value"]):
            overridden.append(cert.get("variable") or "cert")
        if winner["name"] == "REQUESTS_CA_BUNDLE" and environ.get("CURL_CA_BUNDLE") and not _same(
                environ["CURL_CA_BUNDLE"]):
            overridden.append("CURL_CA_BUNDLE")
    mode = pip.get("trust_mode")
    result = {"bundle": None, "overridden": overridden, "mode": mode}
    if winner:
        result["bundle"] = {"name": winner["name"], "source": winner["source"],
                            "target": describe_path(winner["path"]), "path_raw": winner["path"],
                            "added_to_default": mode == "truststore"}
    return rows, result


def _parse_proxy(value):
    if not value:
        return None
    raw = value.strip()
    if "://" not in raw:
        raw_full = "http://" + raw
        scheme = None
    else:
        raw_full = raw
        scheme = raw.split("://", 1)[0].lower()
    rest = raw_full.split("://", 1)[1].split("/", 1)[0]
    userinfo, _, hostport = rest.rpartition("@")
    host, port = hostport, None
    if hostport.startswith("["):
        host, _, tail = hostport[1:].partition("]")
        port = tail[1:] if tail.startswith(":") else None
    elif hostport.count(":") == 1:
        host, port = hostport.split(":")
    try:
        port = int(port) if port else (443 if scheme == "https" else 1080 if (scheme or "").startswith("socks") else 80)
    except ValueError:
        port = None
    return {"value": redact(value), "scheme": scheme, "host": host, "port": port,
            "credentials": bool(userinfo), "userinfo_raw": userinfo}


def gather_proxies(environ, config):
    rows = []
    for name in PROXY_VARIABLES:
        if environ.get(name):
            row = {"name": name, "source": "environment"}
            if name.lower() != "no_proxy":
                row.update(_parse_proxy(environ[name]) or {})
            else:
                row["value"] = environ[name]
            rows.append(row)
    entry = config["effective"].get("proxy")
    if entry and entry["kind"] != "env-var":
        row = {"name": "proxy", "source": _short(entry["file"])}
        row.update(_parse_proxy(entry["value"]) or {})
        rows.append(row)
    return rows


def _no_proxy_match(host, no_proxy):
    for item in (no_proxy or "").replace(" ", "").split(","):
        item = item.lstrip(".").lower().split(":")[0]
        if item == "*" or (item and (host == item or host.endswith("." + item))):
            return True
    return False


def proxy_for(host, environ, config):
    """The proxy pip would use for https://host (its --proxy wins over the environment)."""
    entry = config["effective"].get("proxy")
    if entry and entry.get("value"):
        return _parse_proxy(entry["value"])
    no_proxy = environ.get("no_proxy") or environ.get("NO_PROXY")
    if _no_proxy_match(host.lower(), no_proxy):
        return None
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        if environ.get(name):
            return _parse_proxy(environ[name])
    return None


def index_urls(config, override=None):
    """The index URLs to probe: --index-url, else pip's configured ones, else PyPI."""
    if override:
        urls = [override]
    else:
        entry = config["effective"].get("index-url")
        urls = entry["value"].split()[:1] if entry and entry.get("value") else []
        urls = urls or ["https://pypi.org/simple/"]
        entry = config["effective"].get("extra-index-url")
        if entry and entry.get("value"):
            urls.extend(entry["value"].split())
    targets = []
    seen = set()
    for url in urls:
        match = re.match(r"(?i)^([a-z][a-z0-9+.\-]*)://(?:[^/@]*@)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?", url.strip())
        if not match:
            scheme = url.split(":", 1)[0].lower() if ":" in url else None
            targets.append({"url": redact(url), "scheme": scheme, "host": None, "port": None})
            continue
        scheme = match.group(1).lower()
        host = match.group(2).strip("[]")
        port = int(match.group(3)) if match.group(3) else (443 if scheme == "https" else 80)
        key = (scheme, host.lower(), port)
        if key in seen:
            continue
        seen.add(key)
        targets.append({"url": redact(url), "scheme": scheme, "host": host, "port": port})
        if host.lower() == "pypi.org" and scheme == "https":
            seen.add(("https", "files.pythonhosted.org", 443))
            targets.append({"url": "https://files.pythonhosted.org/", "scheme": "https",
                            "host": "files.pythonhosted.org", "port": 443})
    return targets[:MAX_HOSTS]


# --- DER: just enough of X.509 to name a certificate's issuer -------------------

_NAME_OIDS = {b"\x55\x04\x03": "CN", b"\x55\x04\x0a": "O", b"\x55\x04\x0b": "OU", b"\x55\x04\x06": "C",
              b"\x55\x04\x07": "L", b"\x55\x04\x08": "ST",
              b"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01": "emailAddress"}
_WEAK_SIGNATURES = {b"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05": "sha1WithRSAEncryption",
                    b"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04": "md5WithRSAEncryption",
                    b"\x2a\x86\x48\xce\x3d\x04\x01": "ecdsa-with-SHA1"}
# 1.3.6.1.4.1.11129.2.4.2, embedded Certificate Transparency timestamps (RFC 6962): public
# CAs add them to every server certificate because browsers require them; private CAs and
# TLS-inspection products do not log what they issue.
_SCT_LIST_OID = b"\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x02"


def _tlv(data, pos):
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    return tag, pos, pos + length


def _children(data, start, end):
    items = []
    while start < end:
        tag, content, stop = _tlv(data, start)
        items.append((tag, content, stop))
        start = stop
    return items


def _der_string(tag, raw):
    if tag == 0x1E:
        return raw.decode("utf-16-be", "replace")
    if tag == 0x1C:
        return raw.decode("utf-32-be", "replace")
    if tag == 0x14:
        return raw.decode("latin-1")
    return raw.decode("utf-8", "replace")


def _der_name(data, start, end):
    parts = []
    for _, set_start, set_end in _children(data, start, end):
        for _, seq_start, seq_end in _children(data, set_start, set_end):
            fields = _children(data, seq_start, seq_end)
            if len(fields) >= 2:
                oid = data[fields[0][1]:fields[0][2]]
                tag, vs, ve = fields[1]
                parts.append((_NAME_OIDS.get(oid, "OID"), _der_string(tag, data[vs:ve])))
    return parts


def _der_time(tag, raw):
    import calendar
    text = raw.decode("ascii", "replace").rstrip("Z")
    if tag == 0x17:
        year = int(text[:2])
        text = ("20" if year < 50 else "19") + text
    return calendar.timegm((int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[8:10]),
                            int(text[10:12]), int(text[12:14] or 0), 0, 0, 0))


def parse_certificate(der):
    """Subject, issuer, validity, names and signature of a DER certificate; None if unreadable."""
    try:
        _, cert_start, cert_end = _tlv(der, 0)
        top = _children(der, cert_start, cert_end)
        tbs = _children(der, top[0][1], top[0][2])
        index = 1 if tbs[0][0] == 0xA0 else 0
        issuer = tbs[index + 2]
        validity = _children(der, tbs[index + 3][1], tbs[index + 3][2])
        subject = tbs[index + 4]
        sig_fields = _children(der, top[1][1], top[1][2])
        sig_oid = der[sig_fields[0][1]:sig_fields[0][2]]
        names = []
        ct_logged = False
        for tag, start, _ in tbs[index + 6:]:
            if tag != 0xA3:
                continue
            _, seq_start, seq_end = _tlv(der, start)
            for _, ext_start, ext_end in _children(der, seq_start, seq_end):
                fields = _children(der, ext_start, ext_end)
                ext_oid = der[fields[0][1]:fields[0][2]]
                if ext_oid == _SCT_LIST_OID:
                    ct_logged = True
                if ext_oid != b"\x55\x1d\x11":
                    continue
                _, octet_start, _ = fields[-1]
                _, gn_start, gn_end = _tlv(der, octet_start)
                for gtag, gs, ge in _children(der, gn_start, gn_end):
                    if gtag == 0x82:
                        names.append(der[gs:ge].decode("ascii", "replace"))
                    elif gtag == 0x87 and ge - gs == 4:
                        names.append(".".join(str(b) for b in der[gs:ge]))
        issuer_parts = _der_name(der, issuer[1], issuer[2])
        subject_parts = _der_name(der, subject[1], subject[2])
        not_before = _der_time(validity[0][0], der[validity[0][1]:validity[0][2]])
        not_after = _der_time(validity[1][0], der[validity[1][1]:validity[1][2]])
    except Exception:
        return None

    def _join(parts):
        return ", ".join("%s=%s" % item for item in parts)

    return {
        "subject": _join(subject_parts),
        "issuer": _join(issuer_parts),
        "subject_orgs": [value for key, value in subject_parts if key == "O"],
        "issuer_orgs": [value for key, value in issuer_parts if key == "O"],
        "not_before": not_before,
        "not_after": not_after,
        "names": names,
        "self_signed": der[issuer[1]:issuer[2]] == der[subject[1]:subject[2]],
        "weak_signature": _WEAK_SIGNATURES.get(sig_oid),
        "ct_logged": ct_logged,
    }


def _iso(epoch):
    import time
    return time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(epoch)) if epoch is not None else None


def _der_to_pem(der):
    import base64
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


# --- network ------------------------------------------------------------------

class _ProxyStatus(Exception):
    """The proxy answered CONNECT with a status other than 2xx."""

    def __init__(self, status, reason):
        Exception.__init__(self, "Tunnel connection failed: %s %s" % (status, reason))
        self.status = status


def _remaining(deadline, cap):
    import time
    return max(0.05, min(cap, deadline - time.monotonic()))


def _open_transport(host, port, proxy, deadline, log):
    """A connected socket to host:port, directly or through the proxy's CONNECT tunnel."""
    import socket
    if not proxy:
        sock = socket.create_connection((host, port), timeout=_remaining(deadline, CONNECT_TIMEOUT))
        log.append("tcp %s:%d" % (host, port))
        return sock
    scheme = proxy.get("scheme") or "http"
    if scheme.startswith("socks"):
        raise OSError("SOCKS proxies are not probed (%s)" % proxy["value"])
    sock = socket.create_connection((proxy["host"], proxy["port"]),
                                    timeout=_remaining(deadline, CONNECT_TIMEOUT))
    log.append("tcp proxy %s:%s" % (proxy["host"], proxy["port"]))
    if scheme == "https":
        context = ssl.create_default_context()
        sock.settimeout(_remaining(deadline, TLS_TIMEOUT))
        sock = context.wrap_socket(sock, server_hostname=proxy["host"])
        log.append("tls to proxy")
    request = "CONNECT %s:%d HTTP/1.1\r\nHost: %s:%d\r\n" % (host, port, host, port)
    if proxy.get("userinfo_raw"):
        import base64
        try:
            from urllib.parse import unquote
        except ImportError:  # pragma: no cover
            unquote = lambda value: value  # noqa: E731
        user, _, password = proxy["userinfo_raw"].partition(":")
        token = base64.b64encode(("%s:%s" % (unquote(user), unquote(password))).encode("utf-8")).decode("ascii")
        request += "Proxy-Authorization: Basic %s\r\n" % token
    request += "User-Agent: pip_ssl_check/%s\r\n\r\n" % __version__
    sock.settimeout(_remaining(deadline, TLS_TIMEOUT))
    sock.sendall(request.encode("latin-1"))
    log.append("CONNECT %s:%d" % (host, port))
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    match = re.match(r"HTTP/\d(?:\.\d)?\s+(\d{3})\s*(.*)", status_line)
    if not match:
        sock.close()
        raise _ProxyStatus(0, "no HTTP answer from the proxy: %r" % status_line[:80])
    if not match.group(1).startswith("2"):
        sock.close()
        raise _ProxyStatus(int(match.group(1)), match.group(2))
    return sock


_WIRE_KEEP = 256 * 1024  # bytes of the server's handshake kept for certificates_on_the_wire


def certificates_on_the_wire(data):
    """DER certificates of the Certificate message in a server's TLS <= 1.2 handshake bytes.

    Returns them leaf first, or None when the bytes hold no readable Certificate message
    (TLS 1.3 encrypts it; a cut-off handshake ends early).
    """
    handshake = bytearray()
    pos = 0
    while pos + 5 <= len(data):
        record_type = data[pos]
        length = int.from_bytes(data[pos + 3:pos + 5], "big")
        if record_type == 20:  # ChangeCipherSpec: what follows is encrypted
            break
        if record_type == 22:
            handshake += data[pos + 5:pos + 5 + length]
        pos += 5 + length
    pos = 0
    while pos + 4 <= len(handshake):
        message_type = handshake[pos]
        length = int.from_bytes(bytes(handshake[pos + 1:pos + 4]), "big")
        body = bytes(handshake[pos + 4:pos + 4 + length])
        if len(body) < length:
            return None
        if message_type == 11:
            end = min(len(body), 3 + int.from_bytes(body[0:3], "big"))
            certificates = []
            offset = 3
            while offset + 3 <= end:
                size = int.from_bytes(body[offset:offset + 3], "big")
                certificates.append(body[offset + 3:offset + 3 + size])
                offset += 3 + size
            return certificates or None
        pos += 4 + length
    return None


class _TLS(object):
    """A TLS session over any connected socket (even one to an HTTPS proxy), via memory BIOs."""

    def __init__(self, sock, context, hostname, deadline):
        self.sock = sock
        self.deadline = deadline
        self.received = bytearray()  # the server's bytes, kept to read a TLS 1.2 Certificate message
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.obj = context.wrap_bio(self.incoming, self.outgoing, server_hostname=hostname)
        self._pump(self.obj.do_handshake)

    def _flush(self):
        data = self.outgoing.read()
        if data:
            self.sock.settimeout(_remaining(self.deadline, TLS_TIMEOUT))
            self.sock.sendall(data)

    def _pump(self, operation, *args):
        import socket
        while True:
            try:
                result = operation(*args)
                self._flush()
                return result
            except ssl.SSLWantReadError:
                self._flush()
                self.sock.settimeout(_remaining(self.deadline, TLS_TIMEOUT))
                try:
                    data = self.sock.recv(65536)
                except socket.timeout:
                    raise socket.timeout("The handshake operation timed out")
                if data:
                    if len(self.received) < _WIRE_KEEP:
                        self.received += data[:_WIRE_KEEP - len(self.received)]
                    self.incoming.write(data)
                else:
                    self.incoming.write_eof()

    def peer_der(self):
        return self.obj.getpeercert(binary_form=True)

    def chain_der(self):
        """The certificates the server sent, leaf first; None when they cannot be seen.

        Python 3.13 hands them out (get_unverified_chain); older versions only give the
        leaf, so the chain is read from the handshake itself, which is plain text up to
        TLS 1.2 (look_at_certificate asks for at most TLS 1.2 there).
        """
        getter = getattr(self.obj, "get_unverified_chain", None)
        if getter is not None:
            try:
                chain = getter() or []
            except Exception:
                chain = []
            if chain:
                return [c if isinstance(c, bytes) else c.public_bytes(ssl._ssl.ENCODING_DER) for c in chain]
        return certificates_on_the_wire(bytes(self.received))

    def server_date(self, host):
        """The Date header of a HEAD / request, as epoch seconds (None if absent)."""
        import email.utils
        request = "HEAD / HTTP/1.1\r\nHost: %s\r\nUser-Agent: pip_ssl_check/%s\r\nConnection: close\r\n\r\n" % (
            host, __version__)
        self._pump(self.obj.write, request.encode("latin-1"))
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            try:
                chunk = self._pump(self.obj.read, 65536)
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                break
            if not chunk:
                break
            head += chunk
        match = re.search(rb"(?im)^date:\s*([^\r\n]+)", head)
        if not match:
            return None
        parsed = email.utils.parsedate_tz(match.group(1).decode("latin-1"))
        return email.utils.mktime_tz(parsed) if parsed else None


def _error_text(exc):
    text = "%s: %s" % (type(exc).__name__, exc)
    verify = getattr(exc, "verify_message", None)
    if verify and verify not in text:
        text += " (%s)" % verify
    return text


def pip_context(ca, pip):
    """An SSLContext that trusts what pip trusts (no strict flag, like pip's own contexts)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    loaded = []
    if pip.get("trust_mode") == "truststore":
        context.load_default_certs()
        loaded.append("os")
    bundle = ca.get("bundle")
    certifi = pip.get("certifi_path_raw")
    if bundle and bundle["target"]["exists"]:
        path = os.path.expanduser(bundle["path_raw"])
        if os.path.isdir(path):
            context.load_verify_locations(capath=path)
        else:
            context.load_verify_locations(cafile=path)
        loaded.append(bundle["name"])
        if pip.get("trust_mode") == "truststore" and certifi:
            context.load_verify_locations(cafile=certifi)
            loaded.append("certifi")
    elif certifi:
        context.load_verify_locations(cafile=certifi)
        loaded.append("certifi")
    elif "os" not in loaded:
        context.load_default_certs()
        loaded.append("os")
    return context, loaded


def probe_host(target, environ, config, ca, pip, deadline):
    """TCP, TLS with pip's trust and with the system's, and an unverified look if they fail."""
    import socket
    import time
    host, port = target["host"], target["port"]
    proxy = proxy_for(host, environ, config) if target["scheme"] in ("https", "http") else None
    result = {"url": target["url"], "host": host, "port": port,
              "proxy": proxy["value"] if proxy else None, "tcp": None, "pip_tls": None,
              "system_tls": None, "presented": None, "server_date": None, "sent": [], "done": False}
    log = result["sent"]
    started = time.monotonic()
    try:
        try:
            sock = _open_transport(host, port, proxy, deadline, log)
        except _ProxyStatus as exc:
            result["tcp"] = {"ok": False, "error": str(exc), "proxy_status": exc.status}
            return result
        except (socket.timeout, OSError, ValueError) as exc:
            result["tcp"] = {"ok": False, "error": _error_text(exc),
                             "timeout": isinstance(exc, socket.timeout), "via_proxy": bool(proxy),
                             "dns": isinstance(exc, socket.gaierror)}
            return result
        result["tcp"] = {"ok": True, "ms": int((time.monotonic() - started) * 1000)}
        if target["scheme"] != "https":
            sock.close()
            return result
        if ssl is None:
            sock.close()
            return result
        timed_out = False
        for name in ("pip_tls", "system_tls"):
            if timed_out:
                result[name] = {"ok": False, "error": "skipped after a timeout", "skipped": True}
                continue
            loaded = None
            try:
                if sock is None:
                    sock = _open_transport(host, port, proxy, deadline, log)
                if name == "pip_tls":
                    context, loaded = pip_context(ca, pip)
                else:
                    context, loaded = ssl.create_default_context(), ["system default"]
                tls = _TLS(sock, context, host, deadline)
                log.append("tls handshake (%s)" % ", ".join(loaded))
                result[name] = {"ok": True, "trust": loaded, "version": tls.obj.version()}
            except (ssl.SSLError, ValueError, socket.timeout, OSError, _ProxyStatus) as exc:
                text = _error_text(exc)
                timed_out = isinstance(exc, socket.timeout) or "timed out" in text
                result[name] = {"ok": False, "error": text, "symptom": classify(text)[0]}
                if name == "pip_tls":
                    result[name]["trust"] = loaded
            finally:
                if sock is not None:
                    try:
                        sock.close()
                    except OSError:
                        pass
                sock = None
        failed = not result["pip_tls"]["ok"] or not result["system_tls"]["ok"]
        if failed and not timed_out:
            result["presented"] = look_at_certificate(host, port, proxy, deadline, log, result)
        return result
    except Exception as exc:  # never let one host break the report
        result["error"] = _error_text(exc)
        return result
    finally:
        result["done"] = True
        result["seconds"] = round(time.monotonic() - started, 2)


def _clock_in_question(result):
    """Only a date-related failure (or an impossible local date) justifies asking the server
    for its Date header: the probe sends nothing else but the handshakes it reports."""
    import time

    if time.time() < EARLIEST_REAL_TIME:
        return True
    symptoms = [(result.get(name) or {}).get("symptom") for name in ("pip_tls", "system_tls")]
    return any(s in ("cert-expired", "cert-not-yet-valid") for s in symptoms)


def _cap_at_tls12(context):
    """At most TLS 1.2: its handshake carries the server's certificates in plain text."""
    try:
        if hasattr(ssl, "TLSVersion"):
            context.maximum_version = ssl.TLSVersion.TLSv1_2
        else:  # Python 3.6
            context.options |= getattr(ssl, "OP_NO_TLSv1_3", 0)
    except (ValueError, AttributeError):
        pass


def look_at_certificate(host, port, proxy, deadline, log, result):
    """The one unverified look: what certificate does the server present, and who issued it?

    Verification is off for this connection only. Nothing is sent over it, except a
    HEAD / (no credentials) for the Date header when the failure is about dates, and the
    report labels what it shows as unverified. Before Python 3.13 the ssl module shows
    only the leaf, so the look asks for at most TLS 1.2 to read the whole chain the
    server sent from the handshake (and looks again without that cap if the server
    refuses TLS 1.2).
    """
    caps = (False,) if getattr(ssl.SSLObject, "get_unverified_chain", None) else (True, False)
    sock = None
    try:
        for cap in caps:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False  # sitelint: allow SAF001 -- same labelled look (see docstring)
            context.verify_mode = ssl.CERT_NONE  # sitelint: allow SAF001 -- the labelled unverified look at a presented certificate
            if cap:
                _cap_at_tls12(context)
            sock = _open_transport(host, port, proxy, deadline, log)
            try:
                tls = _TLS(sock, context, host, deadline)
                break
            except ssl.SSLError:
                sock.close()
                sock = None
                if not cap:
                    raise
                log.append("tls handshake refused at most TLS 1.2 (UNVERIFIED look); again without the cap")
        log.append("tls handshake (UNVERIFIED look at the certificate%s)" % (
            ", at most TLS 1.2 to read the chain" if cap else ""))
        sent = tls.chain_der()
        leaf = parse_certificate(tls.peer_der() or b"") or {}
        chain = [parse_certificate(der) for der in (sent or [])[1:]]
        leaf["chain"] = [c for c in chain if c]
        leaf["chain_seen"] = sent is not None
        # None: the chain could not be seen; True: the server sent the certificate that
        # issued its own (or its own is self-signed); False: the chain stops short.
        leaf["issuer_in_chain"] = None
        if sent is not None and leaf.get("issuer") is not None:
            leaf["issuer_in_chain"] = bool(leaf.get("self_signed")) or any(
                c["subject"] == leaf["issuer"] for c in leaf["chain"])
        issuers = [leaf.get("issuer") or ""] + [c["issuer"] for c in leaf["chain"]] + [
            c["subject"] for c in leaf["chain"]]
        leaf["vendor"] = None
        for issuer in issuers:
            leaf["vendor"] = vendor_from_issuer(issuer)
            if leaf["vendor"]:
                break
        if result.get("server_date") is None and _clock_in_question(result):
            try:
                result["server_date"] = tls.server_date(host)
                log.append("HEAD / (Date header, over the unverified connection)")
            except Exception:
                pass
        return leaf
    except Exception as exc:
        return {"error": _error_text(exc)}
    finally:
        if sock is not None:
            try:
                sock.close()
            except Exception:
                pass


def run_network_probes(targets, environ, config, ca, pip):
    """Probe every target in parallel threads under one deadline; never longer than the budget."""
    import threading
    import time
    deadline = time.monotonic() + PROBE_BUDGET
    results = []
    threads = []
    for target in targets:
        if target.get("scheme") not in ("https", "http") or not target.get("host"):
            results.append({"url": target["url"], "host": target.get("host"), "port": target.get("port"),
                            "skipped": "not a network index (%s)" % (target.get("scheme") or "?"),
                            "done": True})
            continue
        holder = {"url": target["url"], "host": target["host"], "port": target["port"], "done": False}
        results.append(holder)

        def work(target=target, holder=holder):
            holder.update(probe_host(target, environ, config, ca, pip, deadline))

        thread = threading.Thread(target=work, name="probe-" + target["host"])
        thread.daemon = True
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(max(0.0, deadline + 0.5 - time.monotonic()))
    for holder in results:
        if not holder.get("done"):
            holder["unfinished"] = True
    return results


# ---------------------------------------------------------------------------
# Findings and diagnosis
# ---------------------------------------------------------------------------

def _finding(severity, symptom, causes, text, **extra):
    item = {"severity": severity, "symptom": symptom, "causes": list(causes), "text": text}
    item.update(extra)
    return item


def offline_findings(lang, py, sslinfo, pip, ca_rows, ca, proxies, config):
    found = []
    if not sslinfo["available"]:
        error = sslinfo["import_error"] or ""
        causes = ["python-without-ssl", "conda-ssl-dll"]
        if sys.platform == "win32" and ("DLL load failed" in error or py["conda"]):
            causes = ["conda-ssl-dll", "python-without-ssl"]
        found.append(_finding("problem", "ssl-module-missing", causes, _t(
            lang, "Python's ssl module cannot be imported: %s. pip cannot use HTTPS at all; "
                  "`pip install certifi` cannot help." % error,
            "无法导入 Python 的 ssl 模块：%s。pip 完全无法使用 HTTPS；`pip install certifi` 无济于事。" % error)))
    elif not sslinfo.get("has_tls12", True):
        found.append(_finding("problem", "tls-version", ["old-tls"], _t(
            lang, "%s cannot speak TLS 1.2, which PyPI requires." % sslinfo["openssl"],
            "%s 不支持 PyPI 要求的 TLS 1.2。" % sslinfo["openssl"])))
    for row in ca_rows:
        target = row.get("target")
        if not target or not target.get("problem"):
            continue
        problem = target["problem"]
        words = {
            "missing": ("does not exist", "不存在"),
            "empty": ("is set but empty", "已设置但值为空"),
            "placeholder": ("is a placeholder copied from documentation", "是从文档里照抄的占位路径"),
            "relative": ("is a relative path (it depends on the current directory)", "是相对路径（取决于当前目录）"),
            "no-certificates": ("holds no PEM certificate", "里面没有 PEM 格式的证书"),
            "unreadable": ("cannot be read", "无法读取"),
            "not-a-directory": ("is a file, but SSL_CERT_DIR must be a directory", "是文件，但 SSL_CERT_DIR 必须是目录"),
        }[problem]
        severe = problem in ("missing", "placeholder", "no-certificates", "unreadable")  # "" is ignored
        if row["name"] in ("SSL_CERT_FILE", "SSL_CERT_DIR") and pip.get("trust_mode") != "truststore":
            severe = False  # pip with certifi only does not read them (other tools do)
        if row["name"] == "client-cert":
            severe = False
        found.append(_finding("problem" if severe else "warning", "ca-bundle-invalid" if severe else None,
                              ["ca-bundle-setting"], _t(
            lang, "%s (%s) = %s %s." % (row["name"], row["source"], row["value"], words[0]),
            "%s（%s）= %s %s。" % (row["name"], row["source"], row["value"], words[1]))))
    if ca.get("overridden"):
        found.append(_finding("warning", None, ["ca-bundle-setting"], _t(
            lang, "%s overrides %s: pip verifies with %s." % (
                ca["bundle"]["name"], ", ".join(ca["overridden"]), ca["bundle"]["name"]),
            "%s 覆盖了 %s：pip 使用 %s 进行验证。" % (
                ca["bundle"]["name"], "、".join(ca["overridden"]), ca["bundle"]["name"]))))
    trusted = config["effective"].get("trusted-host")
    if trusted and trusted.get("value"):
        found.append(_finding("warning", None, ["trusted-host"], _t(
            lang, "trusted-host is set (%s): pip does not verify those hosts at all." % trusted["value"],
            "设置了 trusted-host（%s）：pip 完全不验证这些主机。" % trusted["value"])))
    for row in proxies:
        if row.get("scheme") == "https":
            found.append(_finding("warning", "wrong-version-number", ["proxy-settings"], _t(
                lang, "%s uses https:// for the proxy; most proxies speak plain HTTP on their port, "
                      "which gives WRONG_VERSION_NUMBER. Use http://host:port unless the proxy really speaks TLS."
                % row["name"],
                "%s 的代理地址用了 https://；多数代理在该端口只支持 HTTP，会导致 WRONG_VERSION_NUMBER。"
                "除非代理确实支持 TLS，请改用 http://主机:端口。" % row["name"])))
    if _now() < EARLIEST_REAL_TIME:
        found.append(_finding("problem", "cert-not-yet-valid", ["clock-skew"], _t(
            lang, "The system clock says %s, before this checker was even written." % _iso(_now()),
            "系统时间显示为 %s，早于本脚本的编写时间。" % _iso(_now()))))
    if py.get("python_org_macos") and sslinfo.get("available"):
        cafile = (sslinfo.get("default_verify_paths") or {}).get("cafile") or {}
        if not cafile.get("exists"):
            found.append(_finding("warning", "unable-to-get-local-issuer", ["macos-install-certificates"], _t(
                lang, "This python.org build has no CA file at OpenSSL's default path: urllib and other "
                      "tools fail until you run Install Certificates.command (pip itself uses its certifi).",
                "这个 python.org 版本在 OpenSSL 的默认路径下没有 CA 文件：在运行 Install Certificates.command "
                "之前，urllib 等工具都会失败（pip 自己使用其内置的 certifi）。")))
    if sys.platform == "win32" and py["conda"] and not py["conda_active"]:
        found.append(_finding("warning", None, ["conda-ssl-dll"], _t(
            lang, "This is a conda Python that is not activated: its OpenSSL DLLs may not be found.",
            "这是未激活的 conda Python：可能找不到它的 OpenSSL DLL。")))
    if sys.platform == "darwin" and pip.get("trust_mode") == "truststore":
        found.append(_finding("info", None, [], _t(
            lang, "On macOS pip (truststore) asks the keychain; the standard library cannot, so the "
                  "\"pip's trust\" handshake below uses OpenSSL's files and certifi and may fail where pip succeeds.",
            "在 macOS 上，pip（truststore）会查询钥匙串；标准库做不到，因此下面“pip 的信任设置”这次握手使用的是 "
            "OpenSSL 的文件和 certifi，可能在 pip 能成功时失败。")))
    if pip.get("installed") and pip.get("trust_mode") == "certifi" and sys.version_info >= (3, 10):
        found.append(_finding("info", None, ["outdated-certificates"], _t(
            lang, "pip %s trusts only its own certifi bundle; pip 24.2 or newer also trusts the OS store."
                  % pip.get("version"),
            "pip %s 只信任自带的 certifi 证书包；pip 24.2 及更新版本还会信任系统信任存储。" % pip.get("version"))))
    return found


# --- evidence: what the probe saw, turned into the order of causes ---------------

CLOCK_TOLERANCE = 300  # seconds two clocks may differ and still agree
# Words in a CA's name that say it re-signs traffic, for what TLS_INSPECTION_VENDORS
# cannot know: an organisation's own "Contoso SSL Inspection CA", "Proxy CA", "Forward Trust".
_INSPECTION_WORDS_RE = re.compile(
    r"inspect|intercept|decrypt|proxy|firewall|forward(?:un)?trust|sslvisibility|webfilter"
    r"|contentfilter|webgateway|mitm|deeppacket")
# Symptoms that mean "no trusted root for this chain", the ones a trust store decides.
_TRUST_SYMPTOMS = ("unable-to-get-local-issuer", "self-signed-in-chain", "verify-failed-no-reason")
_PUBLIC_CA_ORGS = {}


def _org_key(name):
    return re.sub(r"[^0-9a-z]+", "", (name or "").lower())


def public_ca_organisations(path):
    """The organisations (normalised) that own a certificate in a certifi bundle.

    certifi is Mozilla's list of public CAs, so an organisation in it runs a public CA,
    even when the list is too old to hold that CA's newest root.
    """
    if not path:
        return frozenset()
    if path not in _PUBLIC_CA_ORGS:
        import base64
        import binascii
        orgs = set()
        try:
            blocks = _pem_blocks(_read_head(path))
        except (IOError, OSError):
            blocks = []
        for block in blocks:
            try:
                cert = parse_certificate(base64.b64decode(block)) or {}
            except (ValueError, binascii.Error):
                cert = {}
            orgs.update(_org_key(org) for org in cert.get("subject_orgs") or [])
        orgs.discard("")
        _PUBLIC_CA_ORGS[path] = frozenset(orgs)
    return _PUBLIC_CA_ORGS[path]


def inspection_signs(presented):
    """The product or CA name that says the presented chain was re-signed, or None."""
    if presented.get("vendor"):
        return presented["vendor"]
    chain = presented.get("chain") or []
    for name in [presented.get("issuer")] + [c.get("subject") for c in chain] + [c.get("issuer") for c in chain]:
        if name and _INSPECTION_WORDS_RE.search(_compact(name)):
            return name
    return None


def public_ca_signs(lang, presented, pip):
    """A phrase saying why the presented chain looks issued by a public CA, or None."""
    if presented.get("ct_logged"):
        return _t(lang, "its certificate carries Certificate Transparency timestamps, which public CAs add",
                  "它的证书带有证书透明度（CT）时间戳，这是公共 CA 才会添加的")
    known = public_ca_organisations(pip.get("certifi_path_raw") or pip.get("standalone_certifi_path_raw"))
    orgs = list(presented.get("issuer_orgs") or [])
    for cert in presented.get("chain") or []:
        orgs.extend((cert.get("subject_orgs") or []) + (cert.get("issuer_orgs") or []))
    for org in orgs:
        if _org_key(org) in known:
            return _t(lang, "its issuer's organisation (%s) runs a public CA in pip's certifi list" % org,
                      "其签发者所属的组织（%s）在 pip 的 certifi 列表中有公共 CA" % org)
    return None


def _same_first_fix(lang):
    """The fix that works whether pip's certifi is old or the root is the organisation's."""
    if sys.version_info >= (3, 10):
        return _t(lang, "whether pip's list is old or the root is your organisation's, the first fix is the same: "
                        "upgrade pip to 24.2 or newer, which trusts the system store on Python 3.10 or newer",
                  "无论是 pip 的证书列表过旧，还是根证书属于你所在的组织，第一步修复都相同：把 pip 升级到 24.2 "
                  "或更新版本，它在 Python 3.10 及以上会信任系统信任存储")
    return _t(lang, "whether pip's list is old or the root is your organisation's, the first fix is the same: "
                    "let pip trust the system store (pip 24.2 or newer does so on Python 3.10 or newer; on this "
                    "Python, point pip at a bundle made with --export-bundle)",
              "无论是 pip 的证书列表过旧，还是根证书属于你所在的组织，第一步修复都相同：让 pip 信任系统信任存储"
              "（Python 3.10 及以上的 pip 24.2+ 会这样做；在这个 Python 上，请让 pip 使用 --export-bundle 导出的证书包）")


def weigh_evidence(lang, host, symptom, pip, ca):
    """The probe's evidence step: reorder the causes of ``symptom`` on what it saw.

    ``symptom`` is what pip's own handshake failed with; the evidence is the other
    handshake (the system's trust), the certificate the server presented (the
    unverified look), the vendor or CA names in it, pip's certifi list and the
    server's Date header. Returns (causes most likely first, sentences in ``lang``
    saying why, ids of the rules that applied). The rules run from weaker to
    stronger evidence, so a later promotion ends up in front.
    """
    causes = list(SYMPTOM_CAUSES.get(symptom, ()))
    why, rules = [], []
    system_tls = host.get("system_tls") or {}
    system_ok = bool(system_tls.get("ok"))
    system_failed = bool(system_tls) and not system_ok and not system_tls.get("skipped")
    presented = host.get("presented") or {}
    if presented.get("error"):
        presented = {}
    bundle = ca.get("bundle")
    certifi_only = pip.get("trust_mode") == "certifi"
    inspection = inspection_signs(presented) if presented else None
    public = public_ca_signs(lang, presented, pip) if presented and not inspection else None
    now = _now()
    server_date = host.get("server_date")

    def apply(rule, promotions, sentence):
        for cause, position in promotions:
            causes[:] = _promote(causes, cause, position)
        rules.append(rule)
        if sentence:
            why.append(sentence)

    # bundle-rejects: the system verifies what the bundle pip is pointed at rejects,
    # so that setting is what differs.
    if system_ok and bundle:
        apply("bundle-rejects", [("ca-bundle-setting", 0)], _t(
            lang, "the system trusts this server, the bundle pip is pointed at does not",
            "系统信任该服务器，而 pip 使用的证书包不信任"))
    # os-store-has-root: the root is in the OS store and not in pip's certifi. A public
    # CA's new root (an old list) and the corporate root IT put in the OS store look
    # the same, so the issuer decides the order; pip >= 24.2 using the OS store fixes both.
    elif system_ok and certifi_only and symptom in _TRUST_SYMPTOMS:
        if public:
            apply("os-store-has-root", [("outdated-certificates", 0)], _t(
                lang, "the system trusts this server, pip's own certifi does not, and %s: pip's "
                      "certificate list is out of date; %s" % (public, _same_first_fix(lang)),
                "系统信任该服务器，pip 自带的 certifi 不信任，而且%s：pip 的证书列表过旧了；%s"
                % (public, _same_first_fix(lang))))
        else:
            apply("os-store-has-root", [("corporate-proxy", 0), ("outdated-certificates", 1)], _t(
                lang, "the system trusts this server, pip's own certifi does not, and its issuer (%s) "
                      "does not look like a public CA: probably your organisation's CA, installed in the "
                      "system store only; %s" % (presented.get("issuer") or "?", _same_first_fix(lang)),
                "系统信任该服务器，pip 自带的 certifi 不信任，而且其签发者（%s）看起来不是公共 CA："
                "多半是你所在组织的 CA，只装进了系统信任存储；%s"
                % (presented.get("issuer") or "?", _same_first_fix(lang))))
    issuer_in_chain = presented.get("issuer_in_chain")
    # Python 3.6 names no reason for the same failure (verify-failed-no-reason).
    unknown_issuer = symptom in ("unable-to-get-local-issuer", "verify-failed-no-reason")
    pip_has_certifi = not (bundle and not bundle.get("added_to_default"))
    # public-root-unknown: a complete chain from a public CA that no store here can
    # anchor means the stores are older than that CA's root.
    if unknown_issuer and system_failed and issuer_in_chain is True and public and pip_has_certifi:
        apply("public-root-unknown", [("outdated-certificates", 0)], _t(
            lang, "the server sent a complete chain and %s, yet neither pip's trust nor the system's has "
                  "its root: those certificate lists are out of date (upgrade pip first: every release "
                  "carries a current certifi)" % public,
            "服务器发送了完整的证书链，而且%s，但 pip 和系统的信任设置里都没有它的根证书：这些证书列表过旧了"
            "（先升级 pip：每个版本都带有最新的 certifi）" % public))
    # incomplete-chain: the server left out the certificate that issued its own, so no
    # trust store can finish the chain (browsers fetch it, pip cannot: truststore#118);
    # an inspecting proxy sends short chains too, so only a public issuer puts the server first.
    if unknown_issuer and system_failed and issuer_in_chain is False:
        issuer = presented.get("issuer") or "?"
        if public:
            apply("incomplete-chain", [("server-certificate", 0)], _t(
                lang, "the server did not send the certificate that issued its own (%s), and %s: its "
                      "chain is incomplete (browsers fetch a missing intermediate certificate "
                      "themselves; pip does not)" % (issuer, public),
                "服务器没有发送签发其证书的那张证书（%s），而且%s：它的证书链不完整（浏览器会自己下载缺少的"
                "中间证书，pip 不会）" % (issuer, public)))
        elif inspection:
            apply("incomplete-chain", [("corporate-proxy", 0), ("server-certificate", 1)], _t(
                lang, "the server did not send the certificate that issued its own (%s), but that name "
                      "looks like a TLS-inspection CA, which sends such short chains too" % issuer,
                "服务器没有发送签发其证书的那张证书（%s），但这个名称像是 TLS 检查用的 CA，它们也会发送"
                "这样不完整的证书链" % issuer))
        else:
            apply("incomplete-chain", [("corporate-proxy", 0), ("server-certificate", 1)], _t(
                lang, "the server did not send the certificate that issued its own (%s), but that issuer "
                      "does not look like a public CA: an inspecting proxy or your organisation's CA sends "
                      "such short chains too" % issuer,
                "服务器没有发送签发其证书的那张证书（%s），但这个签发者看起来不是公共 CA：TLS 检查代理或你所在"
                "组织的 CA 也会发送这样不完整的证书链" % issuer))
    if presented:
        names = presented.get("names") or []
        # hostname-*: a name of the same organisation is the server's slip; an unrelated
        # one means something else answered.
        if symptom == "hostname-mismatch" and names:
            domain = _registrable(host["host"])
            if any(_registrable(n) == domain for n in names):
                apply("hostname-same-organisation", [("server-certificate", 0)], None)
            else:
                apply("hostname-unrelated", [("network-block", 0)], None)
        # well-known-host-self-signed: pypi.org never presents a self-signed certificate.
        if symptom in ("self-signed-cert",) and host["host"] in WELL_KNOWN_HOSTS:
            apply("well-known-host-self-signed", [("network-block", 0), ("corporate-proxy", 0)], None)
        not_before, not_after = presented.get("not_before"), presented.get("not_after")
        if server_date is not None and not_before is not None and not_after is not None:
            valid_locally = not_before <= now <= not_after
            valid_by_server = not_before <= server_date <= not_after
            clocks_agree = abs(now - server_date) <= CLOCK_TOLERANCE
            # valid-by-server-clock: the server's clock says the certificate is fine, ours does not.
            if not valid_locally and valid_by_server:
                apply("valid-by-server-clock", [("clock-skew", 0)], _t(
                    lang, "the certificate is valid by the server's clock (%s) but not by yours (%s)"
                    % (_iso(server_date), _iso(now)),
                    "按服务器时间（%s）证书有效，按本机时间（%s）无效" % (_iso(server_date), _iso(now))))
            # clocks-agree: the server's Date matches our clock, so the clock is right and
            # the certificate's own dates are wrong.
            elif (not valid_locally and clocks_agree
                  and symptom in ("cert-expired", "cert-not-yet-valid")):
                expired = now > not_after
                apply("clocks-agree", [("server-certificate", 0)], _t(
                    lang, "the server's clock (%s) agrees with yours, and by both clocks the certificate %s: "
                          "the server's certificate is at fault, not your clock"
                    % (_iso(server_date), "has expired" if expired else "is not valid yet"),
                    "服务器时间（%s）与本机时间一致，按两者计算证书都%s：问题出在服务器的证书，而不是你的时钟"
                    % (_iso(server_date), "已过期" if expired else "尚未生效")))
        # vendor-issued: a named TLS-inspection product re-signed the certificate; the
        # strongest evidence there is, so it comes last (except for crypto policy symptoms).
        vendor = presented.get("vendor")
        if vendor and symptom not in ("strict-x509", "weak-crypto"):
            apply("vendor-issued", [("corporate-proxy", 0)], _t(
                lang, "the certificate was issued by %s, a TLS-inspection product" % vendor,
                "证书由 TLS 检查产品 %s 签发" % vendor))
    # clock-off: no certificate to compare, but our clock and the server's disagree.
    elif (server_date is not None and abs(now - server_date) > CLOCK_TOLERANCE
          and symptom in ("cert-expired", "cert-not-yet-valid")):
        apply("clock-off", [("clock-skew", 0)], None)
    return causes, why, rules


def host_findings(lang, host, pip, ca, py):
    """What one host's probe says, as findings with a symptom and ranked causes."""
    name = "%s:%s" % (host.get("host"), host.get("port"))
    found = []
    if host.get("skipped"):
        return found
    if host.get("unfinished"):
        return [_finding("problem", "connection-interrupted", ["network-block", "proxy-settings"], _t(
            lang, "%s: no answer within the %d s budget." % (name, PROBE_BUDGET),
            "%s：在 %d 秒内没有响应。" % (name, PROBE_BUDGET)), host=name)]
    if host.get("error"):
        return [_finding("problem", "unrecognized", [], "%s: %s" % (name, host["error"]), host=name)]
    tcp = host.get("tcp") or {}
    if not tcp.get("ok"):
        status = tcp.get("proxy_status")
        if status == 407:
            return [_finding("problem", "proxy-auth", ["proxy-settings"], _t(
                lang, "%s: the proxy wants credentials (407)." % name,
                "%s：代理要求身份验证（407）。" % name), host=name)]
        if status is not None:
            return [_finding("problem", "proxy-refused", ["proxy-settings", "network-block"], "%s: %s" % (name, tcp.get("error")), host=name)]
        error = tcp.get("error") or ""
        symptom = classify(error)[0]
        if tcp.get("via_proxy"):
            return [_finding("problem", symptom if symptom != "unrecognized" else "proxy-refused",
                             ["proxy-settings", "network-block"], _t(
                lang, "%s: cannot reach the proxy: %s" % (name, error),
                "%s：无法连接到代理：%s" % (name, error)), host=name)]
        return [_finding("problem", symptom, ["network-block", "proxy-settings"], _t(
            lang, "%s: no TCP connection: %s" % (name, error),
            "%s：无法建立 TCP 连接：%s" % (name, error)), host=name)]
    pip_tls = host.get("pip_tls")
    system_tls = host.get("system_tls")
    if pip_tls is None:
        return found
    presented = host.get("presented") or {}
    vendor = presented.get("vendor")
    now = _now()
    server_date = host.get("server_date")
    clock_off = server_date is not None and abs(now - server_date) > CLOCK_TOLERANCE
    if pip_tls.get("ok"):
        if system_tls and not system_tls.get("ok") and not system_tls.get("skipped"):
            symptom = system_tls.get("symptom") or "unrecognized"
            causes = list(SYMPTOM_CAUSES.get(symptom, ()))
            if py.get("python_org_macos"):
                causes = _promote(causes, "macos-install-certificates")
            found.append(_finding("warning", symptom, causes, _t(
                lang, "%s: pip connects, but Python's default context does not (%s); urllib, requests with "
                      "urllib3 2.x and other tools may fail." % (name, system_tls.get("error")),
                "%s：pip 可以连接，但 Python 的默认设置不行（%s）；urllib 以及使用 urllib3 2.x 的 requests 等工具可能失败。"
                % (name, system_tls.get("error"))), host=name))
        if clock_off:
            found.append(_finding("warning", None, ["clock-skew"], _t(
                lang, "%s: the local clock is off by %d s compared with the server's Date header." % (
                    name, int(now - server_date)),
                "%s：本机时间与服务器 Date 头相差 %d 秒。" % (name, int(now - server_date))), host=name))
        return found
    symptom = pip_tls.get("symptom") or "unrecognized"
    causes, why, rules = weigh_evidence(lang, host, symptom, pip, ca)
    if symptom == "unrecognized" and "timed out" in (pip_tls.get("error") or ""):
        symptom = "connection-interrupted"
        causes = list(SYMPTOM_CAUSES[symptom])
    text = _t(lang, "%s: TLS with pip's trust failed: %s" % (name, pip_tls.get("error")),
              "%s：使用 pip 的信任设置进行 TLS 连接失败：%s" % (name, pip_tls.get("error")))
    if why:
        text += " (" + "; ".join(why) + ")"
    found.append(_finding("problem", symptom, causes, text, host=name, vendor=vendor, rules=rules))
    return found


def diagnose(findings):
    """(symptom, causes, exit code): the most specific problem wins; none -> ('none', [], 0)."""
    problems = [f for f in findings if f["severity"] == "problem"]
    if not problems:
        return "none", [], 0
    order = list(SYMPTOM_PRIORITY) + ["unrecognized"]
    problems.sort(key=lambda f: order.index(f["symptom"]) if f["symptom"] in order else len(order))
    main = problems[0]
    return main["symptom"] or "unrecognized", [c for c in main["causes"] if c in CAUSE_IDS], 1


def probe(offline=False, index_url=None, lang="en", environ=None):
    """Everything the checker finds on this machine, as one JSON-ready dict."""
    import time
    environ = dict(os.environ if environ is None else environ)
    lang = normalize_lang(lang)
    started = time.monotonic()
    py = gather_python()
    sslinfo = gather_ssl()
    config = read_pip_config(environ)
    pip = gather_pip(config)
    ca_rows, ca = ca_settings(environ, config, pip)
    proxies = gather_proxies(environ, config)
    targets = index_urls(config, index_url)
    findings = offline_findings(lang, py, sslinfo, pip, ca_rows, ca, proxies, config)
    hosts = []
    if not offline:
        hosts = run_network_probes(targets, environ, config, ca, pip)
        for host in hosts:
            findings.extend(host_findings(lang, host, pip, ca, py))
    symptom, causes, code = diagnose(findings)
    report = {
        "mode": "probe",
        "version": __version__,
        "lang": lang,
        "symptom": symptom,
        "symptom_title": symptom_title(symptom, lang) if symptom in SYMPTOM_IDS else None,
        "symptom_url": symptom_url(symptom, lang) if symptom in SYMPTOM_IDS else None,
        "causes": causes,
        "causes_detail": [_detail(c, lang) for c in causes],
        "exit_code": code,
        "offline": bool(offline),
        "time": _iso(_now()),
        "python": py,
        "ssl": sslinfo,
        "pip": dict((k, v) for k, v in pip.items() if not k.endswith("_raw")),
        "pip_config": {"files": config["files"], "disabled": config["disabled"],
                       "settings": [dict((k, _short(v) if k in ("file",) else v) for k, v in s.items())
                                    for s in config["settings"]]},
        "cert_settings": ca_rows,
        "ca": {"mode": ca["mode"], "overridden": ca["overridden"],
               "bundle": dict((k, v) for k, v in (ca["bundle"] or {}).items() if k != "path_raw") or None},
        "proxies": [dict((k, v) for k, v in p.items() if k != "userinfo_raw") for p in proxies],
        "targets": targets,
        "hosts": hosts,
        "timeouts": {"connect": CONNECT_TIMEOUT, "tls": TLS_TIMEOUT, "budget": PROBE_BUDGET},
        "findings": findings,
        "seconds": round(time.monotonic() - started, 2),
    }
    report = redact_obj(report)
    report["ticket"] = ticket_block(report)
    return report


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------

TICKET_START = "----- 8< ----- pip_ssl_check: paste from here into your support ticket -----"
TICKET_END = "----- >8 ----- end of pip_ssl_check summary -----"


def ticket_block(report):
    """A short summary marked for pasting into a ticket (English, for whoever reads the ticket)."""
    py, sslinfo, pip = report["python"], report["ssl"], report["pip"]
    lines = [TICKET_START,
             "checker %s at %s%s" % (report["version"], report["time"], " (offline)" if report["offline"] else ""),
             "python %s %s on %s (%s)%s%s" % (py["version"], py["implementation"], py["os"], py["machine"],
                                             " venv" if py["venv"] else "", " conda" if py["conda"] else ""),
             "ssl: %s" % (sslinfo.get("openssl") if sslinfo["available"] else "MISSING - " + str(sslinfo["import_error"])),
             "pip %s, trust: %s" % (pip.get("version") or "not installed", pip.get("trust_mode"))]
    bundle = report["ca"]["bundle"]
    if bundle:
        target = bundle["target"]
        lines.append("CA bundle: %s=%s (%s, %s certs)%s" % (
            bundle["name"], target["path"], target["problem"] or "ok", target["certificates"],
            " added to OS store + certifi" if bundle.get("added_to_default") else ""))
    for proxy in report["proxies"]:
        if proxy.get("scheme") is not None or proxy.get("host"):
            lines.append("proxy %s=%s" % (proxy["name"], proxy.get("value")))
    for host in report["hosts"]:
        lines.append("host " + _host_summary(host))
    for finding in report["findings"]:
        if finding["severity"] in ("problem", "warning"):
            lines.append("%s: %s %s" % (finding["severity"], finding["symptom"] or "-", ",".join(finding["causes"])))
    if report["symptom"] == "none":
        lines.append("diagnosis: no problem found")
    else:
        lines.append("diagnosis: %s -> %s" % (report["symptom"], ", ".join(report["causes"]) or "?"))
        for cause in report["causes"][:2]:
            lines.append("  " + fix_url(cause, "en"))
    lines.append(TICKET_END)
    return "\n".join(lines)


def _host_summary(host):
    name = "%s:%s" % (host.get("host"), host.get("port"))
    if host.get("skipped"):
        return "%s skipped (%s)" % (host.get("url"), host["skipped"])
    if host.get("unfinished"):
        return "%s unfinished (budget)" % name
    parts = [name + (" via proxy" if host.get("proxy") else "")]
    tcp = host.get("tcp") or {}
    parts.append("tcp " + ("ok" if tcp.get("ok") else "FAIL " + str(tcp.get("error"))))
    for key, label in (("pip_tls", "tls/pip"), ("system_tls", "tls/system")):
        value = host.get(key)
        if value:
            parts.append("%s %s" % (label, "ok" if value.get("ok") else "FAIL " + (value.get("symptom") or "?")))
    presented = host.get("presented") or {}
    if presented.get("issuer"):
        parts.append("issuer (unverified) \"%s\"%s" % (
            presented["issuer"], " [%s]" % presented["vendor"] if presented.get("vendor") else ""))
    return "; ".join(parts)


def format_report(report):
    """The probe's text report in the report's language, ending with the ticket block."""
    lang = report["lang"]
    zh = lang == "zh"
    py, sslinfo, pip = report["python"], report["ssl"], report["pip"]
    out = ["pip_ssl_check %s — %s%s" % (report["version"], report["time"],
                                        _t(lang, " (offline: no network)", "（离线：不访问网络）") if report["offline"] else "")]

    def head(en, zh_text):
        out.append("")
        out.append("== " + (zh_text if zh else en))

    head("Python", "Python")
    out.append("  %s %s, %s" % (py["implementation"], py["version"], py["executable"]))
    out.append("  %s (%s)%s%s" % (py["os"], py["machine"], _t(lang, ", virtual environment", "，虚拟环境") if py["venv"] else "",
                                  ", conda" if py["conda"] else ""))
    head("ssl / OpenSSL", "ssl / OpenSSL")
    if sslinfo["available"]:
        out.append("  " + sslinfo["openssl"] + ("" if sslinfo.get("has_tls12") else _t(lang, " (no TLS 1.2!)", "（不支持 TLS 1.2！）")))
        paths = sslinfo.get("default_verify_paths") or {}
        for key in ("cafile", "capath"):
            target = paths.get(key)
            if target:
                out.append("  %s: %s (%s)" % (key, target["path"], _describe_target(target, lang)))
        if sslinfo.get("strict_default"):
            out.append(_t(lang, "  Python 3.13+: ssl.create_default_context() rejects non-RFC-5280 CA certificates (VERIFY_X509_STRICT)",
                          "  Python 3.13+：ssl.create_default_context() 会拒绝不符合 RFC 5280 的 CA 证书（VERIFY_X509_STRICT）"))
    else:
        out.append(_t(lang, "  ssl cannot be imported: ", "  无法导入 ssl：") + str(sslinfo["import_error"]))
    head("pip", "pip")
    if pip.get("installed"):
        out.append("  pip %s (%s)" % (pip.get("version"), pip.get("path")))
        mode = pip.get("trust_mode")
        out.append("  " + {
            "truststore": _t(lang, "trusts the OS store + its certifi (truststore)", "信任系统信任存储 + 自带 certifi（truststore）"),
            "certifi": _t(lang, "trusts only its own certifi bundle", "只信任自带的 certifi 证书包"),
        }.get(mode, mode) + (_t(lang, "; told not to use the OS store (legacy-certs)", "；已设置不使用系统信任存储（legacy-certs）")
                             if pip.get("told_legacy_certs") else ""))
        if pip.get("certifi"):
            out.append("  certifi %s: %s (%s)" % (pip.get("certifi_version") or "?", pip["certifi"]["path"],
                                                  _describe_target(pip["certifi"], lang)))
    else:
        out.append(_t(lang, "  pip is not installed for this Python", "  这个 Python 没有安装 pip"))
    head("Certificate settings", "证书相关设置")
    if not report["cert_settings"]:
        out.append(_t(lang, "  none", "  无"))
    for row in report["cert_settings"]:
        line = "  %s = %s  [%s]" % (row["name"], row["value"], row["source"])
        if row.get("target"):
            line += " — " + _describe_target(row["target"], lang)
        out.append(line)
    bundle = report["ca"]["bundle"]
    if bundle:
        out.append(_t(lang, "  pip verifies with: %s%s" % (bundle["name"], " (added to the OS store and certifi)" if bundle.get("added_to_default") else ""),
                      "  pip 用于验证的是：%s%s" % (bundle["name"], "（附加到系统信任存储和 certifi 之上）" if bundle.get("added_to_default") else "")))
    if report["pip_config"]["disabled"]:
        out.append(_t(lang, "  PIP_CONFIG_FILE is the null device: pip reads no config file",
                      "  PIP_CONFIG_FILE 为空设备：pip 不读取任何配置文件"))
    head("Proxies", "代理")
    if not report["proxies"]:
        out.append(_t(lang, "  none", "  无"))
    for proxy in report["proxies"]:
        out.append("  %s = %s  [%s]%s" % (proxy["name"], proxy.get("value"), proxy["source"],
                                         (" scheme=%s" % proxy["scheme"]) if proxy.get("scheme") else ""))
    if not report["offline"]:
        head("Connections (timeouts: connect %g s, TLS %g s, all probes %g s)" % (CONNECT_TIMEOUT, TLS_TIMEOUT, PROBE_BUDGET),
             "连接（超时：TCP %g 秒，TLS %g 秒，全部探测 %g 秒）" % (CONNECT_TIMEOUT, TLS_TIMEOUT, PROBE_BUDGET))
        for host in report["hosts"]:
            out.append("  " + _host_summary(host))
            presented = host.get("presented") or {}
            if presented.get("subject") is not None:
                out.append(_t(lang, "    UNVERIFIED look (verification off for this one connection):",
                              "    未经验证的查看（仅这一次连接关闭了验证）："))
                out.append("      subject: %s" % presented["subject"])
                out.append("      issuer:  %s" % presented["issuer"])
                out.append("      valid:   %s .. %s" % (_iso(presented.get("not_before")), _iso(presented.get("not_after"))))
                if presented.get("names"):
                    out.append("      names:   %s" % ", ".join(presented["names"][:8]))
            if host.get("sent"):
                out.append(_t(lang, "    sent: ", "    已发送：") + "; ".join(host["sent"]))
    head("Diagnosis", "诊断")
    for finding in report["findings"]:
        label = {"problem": _t(lang, "problem", "问题"), "warning": _t(lang, "warning", "警告"),
                 "info": _t(lang, "note", "提示")}[finding["severity"]]
        out.append("  [%s] %s" % (label, finding["text"]))
        for cause in finding["causes"][:3]:
            out.append("      → %s: %s" % (cause_title(cause, lang), fix_url(cause, lang)))
    if report["symptom"] == "none":
        out.append(_t(lang, "  No problem found: pip should connect." if not report["offline"]
                      else "  No problem found offline (run without --offline to test the connection).",
                      "  未发现问题：pip 应该可以连接。" if not report["offline"]
                      else "  离线检查未发现问题（去掉 --offline 以测试网络连接）。"))
    else:
        out.append("")
        out.append(_t(lang, "Most likely: %s (%s)" % (report["symptom_title"], report["symptom"]),
                      "最可能的情况：%s（%s）" % (report["symptom_title"], report["symptom"])))
        if report["symptom_url"]:
            out.append("  " + report["symptom_url"])
        for number, cause in enumerate(report["causes_detail"], 1):
            out.append("  %d. %s — %s" % (number, cause["title"], cause["url"]))
    out.append("")
    out.append(report["ticket"])
    return "\n".join(out) + "\n"


def _describe_target(target, lang):
    if target.get("problem") == "missing":
        return _t(lang, "MISSING", "不存在")
    text = _t(lang, "%d certificates" % target["certificates"], "%d 个证书" % target["certificates"])
    if target.get("problem"):
        text += ", " + target["problem"]
    return text


# ---------------------------------------------------------------------------
# --export-bundle
# ---------------------------------------------------------------------------

LINUX_BUNDLES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                 "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/ca-bundle.pem",
                 "/etc/ssl/cert.pem", "/usr/local/etc/openssl/cert.pem", "/etc/ssl/certs/ca-bundle.crt")


def _pem_blocks(data):
    return [re.sub(rb"\s+", b"", m.group(1)) for m in PEM_BLOCK_RE.finditer(data)]


def os_store_pems():
    """(source description, list of base64 bodies) for the OS trust store."""
    import base64
    sources = []
    if sys.platform == "win32" and ssl is not None and hasattr(ssl, "enum_certificates"):
        bodies = []
        for store in ("ROOT", "CA"):
            try:
                for cert, encoding, trust in ssl.enum_certificates(store):
                    if encoding == "x509_asn" and (trust is True or "1.3.6.1.5.5.7.3.1" in trust):
                        bodies.append(base64.b64encode(cert))
            except (OSError, PermissionError):
                continue
        sources.append(("Windows certificate store (ROOT, CA)", bodies))
    elif sys.platform == "darwin":
        import subprocess
        keychains = ["/System/Library/Keychains/SystemRootCertificates.keychain",
                     "/Library/Keychains/System.keychain",
                     os.path.expanduser("~/Library/Keychains/login.keychain-db")]
        for keychain in keychains:
            if not os.path.exists(keychain):
                continue
            try:
                output = subprocess.run(["security", "find-certificate", "-a", "-p", keychain],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60).stdout
            except (OSError, subprocess.SubprocessError):
                continue
            sources.append(("macOS keychain " + _short(keychain), _pem_blocks(output)))
    else:
        paths = []
        if ssl is not None:
            defaults = ssl.get_default_verify_paths()
            paths.extend(p for p in (defaults.cafile, defaults.openssl_cafile) if p)
        paths.extend(LINUX_BUNDLES)
        for path in paths:
            if os.path.isfile(path):
                try:
                    sources.append(("system bundle " + path, _pem_blocks(_read_head(path, 64 * 1024 * 1024))))
                except (IOError, OSError):
                    continue
                break
        else:
            capath = ssl.get_default_verify_paths().capath if ssl is not None else None
            if capath and os.path.isdir(capath):
                bodies = []
                for name in sorted(os.listdir(capath)):
                    try:
                        bodies.extend(_pem_blocks(_read_head(os.path.join(capath, name), 1024 * 1024)))
                    except (IOError, OSError):
                        continue
                sources.append(("system directory " + capath, bodies))
    return sources


def export_bundle(path, force=False, lang="en"):
    """Write the OS trust store plus certifi's roots as one PEM file. Returns (exit code, text)."""
    if not path:
        return 2, _t(lang, "--export-bundle needs a file name.", "--export-bundle 需要一个文件名。")
    target = os.path.abspath(os.path.expanduser(path))
    if os.path.exists(target) and not force:
        return 2, _t(lang, "%s exists; add --force to overwrite it." % _short(target),
                     "%s 已存在；如需覆盖请加 --force。" % _short(target))
    sources = os_store_pems()
    pip_dir = _module_dir("pip")
    certifi_dir = _module_dir("certifi")
    for label, directory in (("pip's certifi", os.path.join(pip_dir, "_vendor", "certifi") if pip_dir else None),
                             ("certifi", certifi_dir)):
        if directory and os.path.isfile(os.path.join(directory, "cacert.pem")):
            sources.append((label, _pem_blocks(_read_head(os.path.join(directory, "cacert.pem")))))
    seen = set()
    pems = []
    counts = []
    import base64
    for label, bodies in sources:
        added = 0
        for body in bodies:
            if body in seen:
                continue
            seen.add(body)
            try:
                pems.append(_der_to_pem(base64.b64decode(body)))
            except Exception:
                continue
            added += 1
        counts.append("%s: %d" % (label, added))
    if not pems:
        return 1, _t(lang, "No certificates found to export.", "没有找到可导出的证书。")
    header = "# Written by pip_ssl_check %s --export-bundle: %d certificates (%s)\n" % (
        __version__, len(pems), "; ".join(counts))
    directory = os.path.dirname(target)
    if directory and not os.path.isdir(directory):
        os.makedirs(directory)
    with open(target, "w" if force else "x", encoding="ascii") as handle:
        handle.write(header + "".join(pems))
    exe = sys.executable or "python"
    command = '"%s" -m pip config --user set global.cert "%s"' % (exe, target) if " " in exe + target else \
        "%s -m pip config --user set global.cert %s" % (exe, target)
    text = _t(lang, "Wrote %d certificates to %s (%s).\nPoint pip at it with:\n  %s\n" % (
        len(pems), _short(target), "; ".join(counts), redact(command)),
        "已将 %d 个证书写入 %s（%s）。\n用下面的命令让 pip 使用它：\n  %s\n" % (
        len(pems), _short(target), "; ".join(counts), redact(command)))
    return 0, text


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def _read_explain_input(name):
    """Bytes of the file (or stdin for '-'); past 64 MB only its head and tail (explain() cuts further)."""
    limit = 64 * 1024 * 1024
    if name == "-":
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        data = stream.read()
        return data if isinstance(data, bytes) else data.encode("utf-8", "replace")
    size = os.path.getsize(name)
    with open(name, "rb") as handle:
        if size <= limit:
            return handle.read()
        head = handle.read(limit // 2)
        handle.seek(size - limit // 2)
        return head + b"\n" + handle.read()


def build_parser():
    import argparse
    parser = argparse.ArgumentParser(
        prog="pip_ssl_check.py",
        description="Find out why pip fails with SSL/certificate errors and link the fix "
                    "(%s). Exit 0: pip should connect; 1: a problem was found; 2: usage error." % SITE_URL)
    parser.add_argument("--explain", metavar="FILE", help="classify a pasted error from FILE ('-' for stdin)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    parser.add_argument("--lang", choices=LANGS, help="report language (default: from the locale)")
    parser.add_argument("--offline", action="store_true", help="no network access at all")
    parser.add_argument("--index-url", metavar="URL", help="probe this index instead of pip's configured ones")
    parser.add_argument("--export-bundle", metavar="PATH",
                        help="write the OS trust store plus certifi's roots as a PEM bundle")
    parser.add_argument("--force", action="store_true", help="let --export-bundle overwrite PATH")
    parser.add_argument("--version", action="version", version="pip_ssl_check " + __version__)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang or detect_lang()
    if args.explain is not None:
        if args.export_bundle or args.index_url:
            parser.error("--explain cannot be combined with --export-bundle or --index-url")
        try:
            data = _read_explain_input(args.explain)
        except (IOError, OSError) as exc:
            _write(sys.stderr, "pip_ssl_check: cannot read %s: %s\n" % (args.explain, redact(str(exc))))
            return 2
        result = explain(data, lang)
        result["mode"] = "explain"
        if args.json:
            _write(sys.stdout, json.dumps(result, ensure_ascii=True, indent=2, sort_keys=True) + "\n")
        else:
            _write(sys.stdout, format_explanation(result))
        return 0 if result["symptom"] == "unrecognized" else 1
    if args.export_bundle:
        try:
            code, text = export_bundle(args.export_bundle, args.force, lang)
        except (IOError, OSError) as exc:
            code, text = 1, "pip_ssl_check: %s\n" % redact(str(exc))
        if args.json:
            _write(sys.stdout, json.dumps({"mode": "export-bundle", "exit_code": code, "symptom": "none",
                                           "causes": [], "message": redact(text)}, ensure_ascii=True) + "\n")
        else:
            _write(sys.stdout if code == 0 else sys.stderr, text if text.endswith("\n") else text + "\n")
        return code
    if args.force:
        parser.error("--force only applies to --export-bundle")
    if args.index_url and not re.match(r"(?i)^[a-z][a-z0-9+.\-]*://", args.index_url):
        parser.error("--index-url must be a URL such as https://pypi.org/simple/")
    report = probe(offline=args.offline, index_url=args.index_url, lang=lang)
    if args.json:
        _write(sys.stdout, json.dumps(report, ensure_ascii=True, indent=2, sort_keys=True) + "\n")
    else:
        _write(sys.stdout, format_report(report))
    return report["exit_code"]


if __name__ == "__main__":
    sys.exit(main())
