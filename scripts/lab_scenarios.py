"""The lab's scenarios: one real failure each, what symptom it shows and what truly causes it.

A ``Lab`` (a context manager) builds the PKI, the package index and every server and proxy
on 127.0.0.1 once; ``run_pip`` runs a scenario's pip in a scrubbed environment and returns
its real output. Tests (``tests/lab``) and ``scripts/lab_fixtures.py`` share this, so the
saved fixtures are exactly what the tests saw.

Scenario fields name lab endpoints in ``{braces}``; ``Lab.values`` fills them in.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import glob
import shlex
import shutil
import ssl
import subprocess
from pathlib import Path

import lab_env
import lab_ns
import lab_pki
import lab_servers
from filelock import FileLock

PROXY_USER, PROXY_PASSWORD = "alice", "s3cr3t"
# libfaketime offsets: the clock five years ahead (the leaf has expired), three years back
# (the issuing CA and the leaf are not valid yet; the long-lived root still is).
CLOCK_AHEAD, CLOCK_BEHIND = "+1825d", "-1000d"
PIP_FLAGS = ("--no-cache-dir", "--disable-pip-version-check", "--retries", "1",
             "--timeout", "10")
# The slow index answers its pages this late: more than pip's default timeout (15 s),
# less than the 60 s that connection-interrupted's fix-timeout sets.
SLOW_INDEX_DELAY = 17.0


@dataclasses.dataclass(frozen=True)
class Scenario:
    """One reproduced failure.

    ``causes``: the true causes, most likely first (index.json's ``causes``).
    ``expect``: the text real pip (or ``runner``) prints that the symptoms page quotes.
    ``explain_top``: the true cause must be among the first N causes ``--explain`` gives.
    ``probe``: the probe (``--index-url``) must name ``causes[0]`` here.
    """

    id: str
    symptom: str
    causes: tuple[str, ...]
    venv: str
    index: str  # a Lab.values key naming the index URL
    expect: str
    env: tuple[tuple[str, str], ...] = ()
    pip_args: tuple[str, ...] = ()
    clock: str | None = None  # libfaketime offset
    # "pip", "urllib" (Python's stdlib), "requests"; in fix runs also "uv", and "poetry"
    # (``poetry install`` of a project in HOME whose only source is the scenario's index)
    runner: str = "pip"
    explain_top: int = 2
    probe: bool = True
    probe_issuer: str | None = None  # a name the probe must print (interception)
    expect_also: tuple[str, ...] = ()  # more text the output must contain
    requirement: str | None = None  # what to install instead of the demo package's name
    # The user's pip.conf ($XDG_CONFIG_HOME/pip/pip.conf): pip then reads config files, so
    # the run happens in a mount namespace without the machine's global ones (lab_ns).
    user_config: str | None = None
    # Fix runs only (each in a namespace of its own, see lab_fixes): lines added to its
    # /etc/hosts; its DNS server ("lab": answers lab_pki.INDEX_HOST with 127.0.0.1,
    # "stale-cache": a caching resolver still answering with the block page's address);
    # pip's flags instead of PIP_FLAGS.
    hosts: tuple[str, ...] = ()
    dns: str | None = None
    pip_flags: tuple[str, ...] | None = None
    note: str = ""

    def env_dict(self, values: dict[str, str]) -> dict[str, str]:
        return {k: v.format(**values) for k, v in self.env}


S = Scenario
SCENARIOS: tuple[Scenario, ...] = (
    S("corporate-proxy-intermediate", "unable-to-get-local-issuer", ("corporate-proxy",),
      "pip-new", "index_valid", "unable to get local issuer certificate",
      env=(("HTTPS_PROXY", "{mitm_issuing}"),), probe_issuer="ACME Corp",
      note="mitmproxy re-signs with ACME Corp's issuing CA and sends it, not the root"),
    S("corporate-proxy-intermediate-pip23", "unable-to-get-local-issuer", ("corporate-proxy",),
      "pip-old", "index_valid", "unable to get local issuer certificate",
      env=(("HTTPS_PROXY", "{mitm_issuing}"),), probe_issuer="ACME Corp",
      note="the same interception seen by pip 23.3 (certifi only, no OS store)"),
    S("corporate-proxy-root", "self-signed-in-chain", ("corporate-proxy",),
      "pip-new", "index_valid", "self-signed certificate in certificate chain",
      env=(("HTTPS_PROXY", "{mitm_root}"),), probe_issuer="ACME Corp",
      note="mitmproxy re-signs with ACME Corp's CA and sends the whole chain, root included"),
    S("internal-index-corporate-ca", "unable-to-get-local-issuer", ("corporate-proxy",),
      "pip-new", "index_corporate", "unable to get local issuer certificate",
      probe_issuer="ACME Corp",
      note="an internal index whose certificate the organization's own CA issued"),
    S("missing-intermediate", "unable-to-get-local-issuer", ("server-certificate",),
      "pip-new", "index_missing_intermediate", "unable to get local issuer certificate",
      explain_top=5,
      note="the server sends its leaf without the intermediate; the text cannot tell this "
           "from interception, only the probe can"),
    S("file-host-corporate-ca", "unable-to-get-local-issuer", ("corporate-proxy",),
      "pip-new", "index_files_elsewhere", "unable to get local issuer certificate",
      expect_also=("error: ssl-verification-failed", "Failed to establish a secure connection"),
      probe=False,
      note="the index pages verify; the files' host is signed by ACME Corp's CA (pip 26.3 "
           "reports a failed download in its newer format); the probe of --index-url sees "
           "only the pages' host"),
    S("outdated-bundle-pip23", "unable-to-get-local-issuer", ("outdated-certificates",),
      "pip-old-stale", "index_new_root", "unable to get local issuer certificate",
      note="pip 23.3 whose vendored certifi predates the newer public root (R2) the index "
           "uses; the OS store and pip 26.3 have it"),
    S("self-signed-server", "self-signed-cert", ("server-certificate",),
      "pip-new", "index_self_signed", "self-signed certificate"),
    S("expired-server", "cert-expired", ("server-certificate",),
      "pip-new", "index_expired", "certificate has expired"),
    S("clock-ahead", "cert-expired", ("clock-skew",),
      "pip-new", "index_valid", "certificate has expired", clock=CLOCK_AHEAD,
      note="libfaketime: the client's clock is five years ahead"),
    S("clock-behind", "cert-not-yet-valid", ("clock-skew",),
      "pip-new", "index_valid", "certificate is not yet valid", clock=CLOCK_BEHIND,
      note="libfaketime: the client's clock is three years behind"),
    S("not-yet-valid-server", "cert-not-yet-valid", ("server-certificate",),
      "pip-new", "index_not_yet_valid", "certificate is not yet valid"),
    S("hostname-mismatch", "hostname-mismatch", ("server-certificate", "network-block"),
      "pip-new", "index_wrong_host_by_name", "Hostname mismatch, certificate is not valid for",
      note="the server at localhost presents a certificate for pypi.example.com"),
    S("ip-address-mismatch", "hostname-mismatch", ("server-certificate", "network-block"),
      "pip-new", "index_wrong_host", "IP address mismatch, certificate is not valid for",
      note="the same server addressed by IP"),
    S("hostname-mismatch-pip23", "hostname-mismatch", ("server-certificate", "network-block"),
      "pip-old", "index_wrong_host_by_name", "doesn't match",
      expect_also=("Certificate did not match expected hostname",),
      note="pip 23.3's urllib3 1.26 matches host names itself and words it differently"),
    S("strict-x509-urllib-py313", "strict-x509", ("strict-certificate",),
      "pip-new-py313", "index_strict", "Basic Constraints of CA cert not marked critical",
      runner="urllib", env=(("SSL_CERT_FILE", "{strict_root}"),), probe=False,
      note="Python 3.13 urllib (ssl.create_default_context sets VERIFY_X509_STRICT) "
           "trusting a legacy CA through SSL_CERT_FILE"),
    S("strict-x509-requests-py313", "strict-x509", ("strict-certificate",),
      "pip-new-py313", "index_strict", "Basic Constraints of CA cert not marked critical",
      runner="requests", env=(("REQUESTS_CA_BUNDLE", "{strict_root}"),), probe=False,
      note="requests 2.x on urllib3 2.8 (strict on 3.13) with REQUESTS_CA_BUNDLE"),
    S("strict-x509-pip-legacy-certs-py313", "strict-x509", ("strict-certificate",),
      "pip-new-py313", "index_strict", "Basic Constraints of CA cert not marked critical",
      env=(("PIP_CERT", "{strict_root}"),), pip_args=("--use-deprecated=legacy-certs",),
      probe=False,
      note="pip 26.3 on 3.13 without truststore uses its vendored urllib3 2.8: strict; "
           "the default (truststore) path accepts the same chain"),
    S("strict-x509-pip-env-py313", "strict-x509", ("strict-certificate",),
      "pip-new-py313", "index_strict", "Basic Constraints of CA cert not marked critical",
      env=(("PIP_CERT", "{strict_root}"), ("PIP_USE_DEPRECATED", "legacy-certs")),
      probe=False,
      note="the same, with legacy-certs set in the environment (PIP_USE_DEPRECATED)"),
    S("weak-signature-sha1", "weak-crypto", ("weak-crypto",),
      "pip-new", "index_sha1", "CA signature digest algorithm too weak"),
    S("weak-key-rsa1024", "weak-crypto", ("weak-crypto",),
      "pip-new", "index_rsa1024", "EE certificate key too weak"),
    S("ca-false-issuer", "invalid-ca", ("server-certificate", "corporate-proxy"),
      "pip-new", "index_ca_false", "invalid CA certificate",
      note="the leaf was issued by a certificate marked CA:FALSE"),
    S("no-reason-python36", "verify-failed-no-reason", ("outdated-certificates",),
      "pip-py36", "index_new_root", "certificate verify failed (_ssl.c:",
      note="Python 3.6's ssl gives no reason; its pip's certifi predates the newer root"),
    S("python-without-ssl", "ssl-module-missing", ("python-without-ssl",),
      "no-ssl", "index_valid", "the ssl module in Python is not available",
      note="CPython 3.11 whose `_ssl` cannot be imported"),
    S("python-without-ssl-file-url", "ssl-module-missing", ("python-without-ssl",),
      "no-ssl", "index_valid", "the ssl module in Python is not available",
      expect_also=("error: ssl-missing",), requirement="{wheel_url_valid}",
      note="the same interpreter installing a wheel by its https:// URL"),
    S("ca-bundle-placeholder", "ca-bundle-invalid", ("ca-bundle-setting",),
      "pip-new", "index_valid",
      "Could not find a suitable TLS CA certificate bundle, invalid path: path/to/ca-bundle.crt",
      env=(("REQUESTS_CA_BUNDLE", "path/to/ca-bundle.crt"),),
      note="REQUESTS_CA_BUNDLE copied verbatim from a how-to"),
    S("ca-bundle-config-placeholder", "ca-bundle-invalid", ("ca-bundle-setting",),
      "pip-old", "index_valid",
      "Could not find a suitable TLS CA certificate bundle, invalid path: path/to/ca-bundle.crt",
      user_config="[global]\ncert = path/to/ca-bundle.crt\n",
      note="`cert =` in the user's pip.conf copied verbatim from a how-to; pip 23.3"),
    S("proxy-https-scheme", "wrong-version-number", ("proxy-settings",),
      "pip-new", "index_valid", "[SSL: WRONG_VERSION_NUMBER] wrong version number",
      env=(("HTTPS_PROXY", "{http_proxy_as_https}"),),
      note="an HTTP proxy addressed as https://"),
    S("proxy-https-scheme-pip23", "wrong-version-number", ("proxy-settings",),
      "pip-old", "index_valid", "Your proxy appears to only use HTTP and not HTTPS",
      env=(("HTTPS_PROXY", "{http_proxy_as_https}"),)),
    S("handshake-dropped", "connection-interrupted", ("connection-interrupted",),
      "pip-new", "index_drops_hello", "EOF occurred in violation of protocol",
      note="the peer closes the connection after reading the ClientHello"),
    S("tls-1.1-only-server", "tls-version", ("old-tls",),
      "pip-new", "index_tls11", "tlsv1 alert protocol version",
      note="the server speaks at most TLS 1.1; the symptom is the same as a client too old"),
    S("proxy-needs-credentials", "proxy-auth", ("proxy-settings",),
      "pip-new", "index_valid", "407 Proxy Authentication Required",
      env=(("HTTPS_PROXY", "{mitm_auth}"),),
      note="mitmproxy with proxyauth (not inspecting), no credentials in the proxy URL"),
    S("proxy-denies-tunnel", "proxy-refused", ("proxy-settings", "network-block"),
      "pip-new", "index_valid", "Tunnel connection failed: 403",
      env=(("HTTPS_PROXY", "{proxy_denying}"),)),
    S("proxy-port-closed", "proxy-refused", ("proxy-settings", "network-block"),
      "pip-old", "index_valid", "Cannot connect to proxy",
      env=(("HTTPS_PROXY", "{proxy_closed_port}"),)),
)
SCENARIOS_BY_ID = {s.id: s for s in SCENARIOS}

# Failures that are not TLS symptoms but that a documented fix starts from. They are run
# by the fix tests only (no fixture: the checker rightly calls them unrecognized).
HIJACKED = f"Hostname mismatch, certificate is not valid for '{lab_pki.INDEX_HOST}'"
FIX_ONLY_SCENARIOS: tuple[Scenario, ...] = (
    S("http-mirror-refused", "unrecognized", (), "pip-new", "index_mirror_http",
      "is not a trusted or secure host", probe=False,
      note="a global pip.conf names a mirror over http://; pip ignores it"),
    S("index-too-slow", "connection-interrupted", ("connection-interrupted",),
      "pip-new", "index_slow", "didn't respond within 15 seconds", probe=False,
      pip_flags=("--no-cache-dir", "--disable-pip-version-check", "--retries", "0", "-vv"),
      note=f"the index answers its pages after {SLOW_INDEX_DELAY:g} s, more than pip's "
           "default timeout; no --timeout, so pip's own or its config's applies; "
           "--retries 0: one attempt (the command line beats the config); -vv: pip names "
           "the timeout it gave up after"),
    S("hosts-hijack", "hostname-mismatch", ("network-block",), "pip-new", "index_by_name",
      HIJACKED, probe=False, dns="lab",
      hosts=(f"{lab_servers.BLOCK_PAGE_ADDRESS} {lab_pki.INDEX_HOST}",),
      note="/etc/hosts sends the index's name to a filter's block page (127.0.0.2, "
           "another name's certificate); DNS knows the right address"),
    S("dns-cache-stale", "hostname-mismatch", ("network-block",), "pip-new", "index_by_name",
      HIJACKED, probe=False, dns="stale-cache",
      note="the local caching resolver still answers with the block page's address"),
    S("ipv6-path-cut", "connection-interrupted", ("connection-interrupted",),
      "pip-new", "index_dual_stack", "EOF occurred in violation of protocol", probe=False,
      hosts=(f"{lab_servers.IPV6_LOOPBACK} {lab_pki.DUAL_STACK_HOST}",
             f"{lab_servers.HOST} {lab_pki.DUAL_STACK_HOST}"),
      note="the name has an IPv6 and an IPv4 address; IPv6 comes first and its path cuts "
           "the handshake (::1), the IPv4 path works"),
    S("requests-stale-certifi", "unable-to-get-local-issuer", ("outdated-certificates",),
      "requests-stale", "index_new_root", "unable to get local issuer certificate",
      runner="requests", probe=False,
      note="requests whose certifi predates the newer public root (R2) of the server"),
    S("uv-bundled-roots", "unable-to-get-local-issuer", ("outdated-certificates",),
      "uv", "index_new_root", "invalid peer certificate: UnknownIssuer", runner="uv",
      probe=False,
      note="uv trusts its bundled roots, which lack the newer public root (R2) that the "
           "OS store has"),
    S("poetry-strict-py313", "strict-x509", ("strict-certificate",),
      "pipx", "index_strict", "Basic Constraints of CA cert not marked critical",
      runner="poetry", probe=False,
      env=(("REQUESTS_CA_BUNDLE", "{strict_root}"), ("POETRY_VIRTUALENVS_IN_PROJECT", "true"),
           ("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")),
      note="Poetry installed with pipx on Python 3.13 (requests on urllib3 2.8: strict), "
           "trusting a legacy CA through REQUESTS_CA_BUNDLE"),
    S("poetry-stale-certifi", "unable-to-get-local-issuer", ("outdated-certificates",),
      "poetry", "index_new_root", "unable to get local issuer certificate", runner="poetry",
      probe=False, env=(("POETRY_VIRTUALENVS_IN_PROJECT", "true"),
                        ("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")),
      note="Poetry's requests and certifi predate the newer public root (R2) of its source"),
)

POETRY_PROJECT = """\
[project]
name = "lab-project"
version = "0"
requires-python = ">=3.8"
dependencies = ["{package}"]

[tool.poetry]
package-mode = false

[[tool.poetry.source]]
name = "internal"
url = "{index_url}"
priority = "primary"
"""
ALL_SCENARIOS_BY_ID = {s.id: s for s in SCENARIOS + FIX_ONLY_SCENARIOS}

# Symptom ids that cannot be reproduced on Linux, and why (the report and the test say so).
NOT_ON_LINUX = {
    "unrecognized": "not a failure: the id for text that matches no known symptom",
}


def faketime_library() -> Path:
    """libfaketime from Debian's ``faketime`` package; a clear error if it is missing."""
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob(
        "/usr/lib/faketime/libfaketime.so.1")
    if not found:
        raise lab_env.LabSetupError(
            "libfaketime is missing: run scripts/install_test_tools.sh "
            "(Debian: apt-get install faketime)")
    return Path(found[0])


def clock_env(offset: str | None = None, timestamp_file: Path | None = None) -> dict[str, str]:
    """Environment that makes a process see a shifted clock (and nothing else changed)."""
    env = {"LD_PRELOAD": str(faketime_library()), "FAKETIME_DONT_FAKE_MONOTONIC": "1",
           "FAKETIME_DONT_RESET": "1"}
    if timestamp_file is not None:
        env.update(FAKETIME_TIMESTAMP_FILE=str(timestamp_file), FAKETIME_NO_CACHE="1")
    else:
        env["FAKETIME"] = offset or "+0"
    return env


class Lab(contextlib.ExitStack):
    """PKI, index tree, venvs and every loopback endpoint the scenarios name.

    ``Lab(workdir).start()`` builds everything; leaving the ``with`` block stops every
    server and process, whatever happened inside.
    """

    def __init__(self, workdir: Path):
        super().__init__()
        self.workdir = Path(workdir)
        self.values: dict[str, str] = {}
        self.venvs: dict[str, Path] = {}

    def start(self) -> Lab:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def _start(self) -> None:
        lab_env.LAB_DIR.mkdir(parents=True, exist_ok=True)
        self.workdir.mkdir(parents=True, exist_ok=True)
        lab_ns.check_namespaces_work(self.workdir)  # before anything takes minutes
        self.openssl_conf = lab_env.install_openssl_config(self.workdir / "openssl")
        self.callback(lab_env.forget_openssl_config)
        with FileLock(str(lab_env.LAB_DIR / "pki.lock")):  # made once, by one process
            roots = {
                "r1": lab_pki.load_or_make_public_root(lab_env.LAB_DIR / "pki"),
                "r2": lab_pki.load_or_make_public_root(
                    lab_env.LAB_DIR / "pki", "public-root-r2", lab_pki.NEW_PUBLIC_ROOT_NAME),
            }
        self.pki = pki = lab_pki.build_lab_pki(self.workdir / "pki", roots["r1"], roots["r2"])
        self.venvs = lab_env.ensure_venvs({k: v.pem for k, v in roots.items()})
        for name, venv in self.venvs.items():
            # The demo package in a shared venv would make "Requirement already
            # satisfied" look like a fix. Fix runs cannot write there (lab_ns mounts the
            # venvs read-only), so something else did: say so rather than hide it.
            stray = sorted(p.name for p in lab_env.site_packages(venv).glob("lab_demo*"))
            if stray:
                raise lab_env.LabSetupError(
                    f"the shared lab venv {venv} has the demo package installed ({stray}); "
                    f"something installed into it outside the lab's fix runs. Delete {venv} "
                    "(the lab rebuilds it) and find what wrote there")
        pips = tuple(lab_env.pip_wheel(v) for v in sorted(set(lab_env.pip_pins().values())))
        certifis = tuple(lab_env.certifi_wheels(self.workdir / "wheels",
                                                {k: v.pem for k, v in roots.items()}))
        self.docroot = lab_servers.build_index_tree(
            self.workdir / "index", pips + certifis + tuple(lab_env.poetry_wheels()))
        v = self.values
        for name, leaf, kwargs in (
            ("index_valid", "valid", {}),
            ("index_new_root", "new-root", {}),
            ("index_corporate", "corporate", {}),
            ("index_missing_intermediate", "missing-intermediate", {}),
            ("index_self_signed", "self-signed", {}),
            ("index_expired", "expired", {}),
            ("index_not_yet_valid", "not-yet-valid", {}),
            ("index_wrong_host", "wrong-host", {}),
            ("index_strict", "strict", {}),
            ("index_sha1", "sha1", {"seclevel0": True}),
            ("index_rsa1024", "rsa1024", {"seclevel0": True}),
            ("index_ca_false", "ca-false", {}),
            ("index_tls11", "valid", {"max_tls": ssl.TLSVersion.TLSv1_1}),
        ):
            server = self.enter_context(lab_servers.IndexServer(
                self.docroot, pki.path(f"{leaf}.chain.pem"), pki.path(f"{leaf}.key"), **kwargs))
            v[name] = server.index_url
        v["index_wrong_host_by_name"] = v["index_wrong_host"].replace("127.0.0.1", "localhost")
        # A mirror by name (resolvable only where /etc/hosts says so: fix namespaces).
        mirror = lab_pki.MIRROR_HOST
        v["index_mirror_https"] = self.enter_context(lab_servers.IndexServer(
            self.docroot, pki.path("mirror.chain.pem"), pki.path("mirror.key"),
            host_name=mirror)).index_url
        v["index_mirror_http"] = self.enter_context(lab_servers.IndexServer(
            self.docroot, None, None, host_name=mirror)).index_url
        # PyPI's shape: pages on one host, files on another (here: signed by ACME Corp's CA).
        files_host = v["index_corporate"].removesuffix("/simple/")
        split = lab_servers.build_index_tree(self.workdir / "index-files-elsewhere",
                                             file_base=files_host)
        v["index_files_elsewhere"] = self.enter_context(lab_servers.IndexServer(
            split, pki.path("valid.chain.pem"), pki.path("valid.key"))).index_url
        wheel = next((self.docroot / "packages").glob("lab_demo-*.whl")).name
        v["wheel_url_valid"] = v["index_valid"].removesuffix("simple/") + f"packages/{wheel}"
        v["index_drops_hello"] = self.enter_context(lab_servers.HelloDropServer()).index_url
        v["index_slow"] = self.enter_context(lab_servers.IndexServer(
            self.docroot, pki.path("valid.chain.pem"), pki.path("valid.key"),
            page_delay=SLOW_INDEX_DELAY)).index_url
        named = pki.path("named.chain.pem"), pki.path("named.key")
        # One name, two places on one port: the index (127.0.0.1) and a filter's block
        # page with another name's certificate (127.0.0.2), where a hijack sends it.
        for server in lab_servers.same_port(
                lambda port: lab_servers.IndexServer(
                    self.docroot, *named, host_name=lab_pki.INDEX_HOST, port=port),
                lambda port: lab_servers.IndexServer(
                    self.docroot, pki.path("wrong-host.chain.pem"), pki.path("wrong-host.key"),
                    address=lab_servers.BLOCK_PAGE_ADDRESS, port=port)):
            self.enter_context(server)
            v.setdefault("index_by_name", server.index_url)
        # A name with two addresses: IPv6 (::1) cuts the handshake, IPv4 serves the index.
        dual, cut = lab_servers.same_port(
            lambda port: lab_servers.IndexServer(
                self.docroot, *named, host_name=lab_pki.DUAL_STACK_HOST, port=port),
            lambda port: lab_servers.HelloDropServer(lab_servers.IPV6_LOOPBACK, port))
        v["index_dual_stack"] = self.enter_context(dual).index_url
        self.enter_context(cut)
        proxy = self.enter_context(lab_servers.ConnectProxy())
        v["http_proxy"] = proxy.url
        v["http_proxy_as_https"] = proxy.url.replace("http://", "https://")
        v["proxy_denying"] = self.enter_context(lab_servers.ConnectProxy(deny=403)).url
        v["proxy_closed_port"] = self.enter_context(lab_servers.ClosedPort()).url
        mitm_venv = self.venvs["mitmproxy"]
        upstream = pki.path("public-root.pem")
        mitms = {
            "mitm_issuing": lab_servers.Mitmdump(mitm_venv, pki.path(
                "mitm-issuing/mitmproxy-ca.pem").parent, upstream),
            "mitm_root": lab_servers.Mitmdump(mitm_venv, pki.path(
                "mitm-root/mitmproxy-ca.pem").parent, upstream),
            "mitm_auth": lab_servers.Mitmdump(mitm_venv, self.workdir / "mitm-auth", upstream,
                                              proxyauth=f"{PROXY_USER}:{PROXY_PASSWORD}",
                                              passthrough=True),
        }
        (self.workdir / "mitm-auth").mkdir(exist_ok=True)
        for mitm in mitms.values():
            self.callback(mitm.stop)  # registered first: stopped even if a start fails
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(mitms)) as pool:
            for future in [pool.submit(m.start) for m in mitms.values()]:
                future.result()
        for name, mitm in mitms.items():
            v[name] = mitm.url
        for name in ("public_root", "public_root_r2", "corporate_root", "strict_root",
                     "other_root"):
            v[name] = str(pki.path(name.replace("_", "-") + ".pem"))
        self.mitms = mitms


@dataclasses.dataclass
class Run:
    """What a scenario printed, and how to run it again by hand."""

    returncode: int | None  # None: stopped at its time limit
    output: str
    command: list[str]
    env: dict[str, str]

    @property
    def succeeded(self) -> bool:
        return self.returncode == 0


class RunTimedOut(Exception):
    """A command outlived its time limit; ``run`` holds what it printed until then."""

    def __init__(self, run_: Run, timeout: float):
        super().__init__(f"{shlex.join(run_.command)} ran longer than {timeout:g} s and was "
                         f"stopped; it printed:\n{run_.output[-4000:]}")
        self.run, self.timeout = run_, timeout


def pip_install_command(python: Path, index_url: str, target: Path,
                        extra_args: tuple[str, ...] = (),
                        flags: tuple[str, ...] = PIP_FLAGS) -> list[str]:
    """``pip install`` of the demo package into a fresh target: never "already satisfied"."""
    return [str(python), "-m", "pip", "install", *flags, "--no-deps", "--target",
            str(target), "--index-url", index_url, *extra_args, lab_servers.DEMO_PACKAGE]


URLLIB_PROBE = (
    "import sys, urllib.request; "
    "print(urllib.request.urlopen(sys.argv[1], timeout=10).status)"
)
REQUESTS_PROBE = "import sys, requests; print(requests.get(sys.argv[1], timeout=10).status_code)"


def scenario_command(lab: Lab, scenario: Scenario, workdir: Path) -> list[str]:
    python = lab.venvs[scenario.venv] / "bin" / "python"
    url = lab.values[scenario.index] + lab_servers.DEMO_PACKAGE + "/"
    if scenario.runner == "urllib":
        return [str(python), "-c", URLLIB_PROBE, url]
    if scenario.runner == "requests":
        return [str(python), "-c", REQUESTS_PROBE, url]
    target = workdir / "target"
    shutil.rmtree(target, ignore_errors=True)
    if scenario.runner == "poetry":  # in HOME, where scenario_env wrote the project
        # The reader's poetry on PATH (the venv's, or the one pipx installed). Without a
        # lock file or cache, every check resolves again, so it always asks the index;
        # -v: Poetry names the TLS error only then ("All attempts to connect … failed").
        return ["sh", "-c", "rm -f poetry.lock && exec poetry install --no-interaction "
                "--no-cache -v"]
    if scenario.runner == "uv":
        return [str(lab.venvs[scenario.venv] / "bin" / "uv"), "pip", "install", "--no-cache",
                "--python", str(python), "--target", str(target), "--index-url",
                lab.values[scenario.index], lab_servers.DEMO_PACKAGE]
    command = pip_install_command(python, lab.values[scenario.index], target, scenario.pip_args,
                                  scenario.pip_flags or PIP_FLAGS)
    if scenario.requirement:
        command[-1] = scenario.requirement.format(**lab.values)
    return command


def scenario_env(lab: Lab, scenario: Scenario, home: Path) -> dict[str, str]:
    """The scenario's environment; with ``user_config``, also writes that file into HOME."""
    extra = scenario.env_dict(lab.values)
    if scenario.clock:
        extra.update(clock_env(scenario.clock))
    if scenario.user_config is not None:
        config = home / ".config" / "pip" / "pip.conf"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(scenario.user_config)
        extra["PIP_CONFIG_FILE"] = ""
    if scenario.runner == "poetry":
        home.mkdir(parents=True, exist_ok=True)
        (home / "pyproject.toml").write_text(POETRY_PROJECT.format(
            package=lab_servers.DEMO_PACKAGE, index_url=lab.values[scenario.index]))
    return lab_env.scrubbed_env(home, lab.venvs[scenario.venv], **extra)


def run(command: list[str], env: dict[str, str], timeout: float = 60,
        cwd: Path | None = None) -> Run:
    """Run with stdout and stderr interleaved as a terminal shows them.

    The command gets a process group of its own, and whatever is left of that group when
    it ends, times out (``RunTimedOut``, with what it printed) or is interrupted is
    stopped: a run leaves no process behind.
    """
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True, errors="replace", cwd=cwd,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
    except BaseException as error:
        lab_servers.stop_process_group(proc)
        output = _rest_of_output(proc)
        if isinstance(error, subprocess.TimeoutExpired):
            raise RunTimedOut(Run(None, output, command, env), timeout) from None
        raise
    lab_servers.stop_process_group(proc)  # what the command left running in its group
    return Run(proc.returncode, output, command, env)


def _rest_of_output(proc: subprocess.Popen) -> str:
    """What a stopped process printed (a descendant that left its group and holds the pipe
    open gets a few seconds, not forever)."""
    try:
        output, _ = proc.communicate(timeout=5)
        return output or ""
    except (subprocess.TimeoutExpired, ValueError, OSError):
        if proc.stdout is not None:
            proc.stdout.close()
        return ""


def run_scenario(lab: Lab, scenario: Scenario, workdir: Path) -> Run:
    home = workdir / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    command = scenario_command(lab, scenario, workdir)
    env = scenario_env(lab, scenario, home)
    if scenario.user_config is not None:
        command = lab_ns.namespace_command(command, workdir / "ns")
    return run(command, env, cwd=home)


def shell_line(run_: Run) -> str:
    """The command as one line a person could paste (environment changes included)."""
    base = lab_env.scrubbed_env(Path(run_.env["HOME"]))
    changed = {k: v for k, v in run_.env.items() if base.get(k) != v and k != "PATH"}
    prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(changed.items()))
    return (prefix + " " if prefix else "") + shlex.join(run_.command)
