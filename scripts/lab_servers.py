"""Loopback servers the lab points pip at: a PEP 503 index over TLS, proxies, broken peers.

Everything listens on 127.0.0.1 on a port the OS picks, and every server is a context
manager whose exit stops it (threads joined, sockets closed, child process groups
killed), so a failing test leaves nothing behind.

- ``IndexServer``: a static PEP 503 index (``/simple/``) serving one small wheel, over
  TLS with whatever chain a scenario needs, or over a TLS version pip refuses.
- ``HelloDropServer``: reads the ClientHello, then closes: the handshake is cut.
- ``IndexServer(page_delay=…)``: answers index pages only after a delay (a slow path).
- Two servers on one port (``same_port``): on 127.0.0.1 and on 127.0.0.2 (a "block
  page" that a hijacked name leads to) or on ``::1`` (a broken IPv6 path; a machine
  without IPv6 loopback is a set-up error that says so).
- ``ClosedPort``: a port held bound but not listening, where a proxy is refused.
- ``DnsServer``: the resolver a fix namespace's ``/etc/resolv.conf`` names, on its own
  loopback address, port 53.
- ``ConnectProxy``: a plain-HTTP forward proxy (CONNECT tunnels); addressed as
  ``https://`` it makes ``WRONG_VERSION_NUMBER``; with ``deny=403`` it refuses tunnels.
- ``Mitmdump``: real mitmproxy re-signing traffic with ACME Corp's CA, optionally with
  ``proxyauth`` (407).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import http.server
import io
import os
import re
import secrets
import select
import signal
import socket
import socketserver
import ssl
import struct
import subprocess
import threading
import time
import warnings
import zipfile
from pathlib import Path

from lab_env import LabSetupError

HOST = "127.0.0.1"
# Loopback is all of 127.0.0.0/8: where a hijacked name leads, on the real server's port.
BLOCK_PAGE_ADDRESS = "127.0.0.2"
IPV6_LOOPBACK = "::1"
DEMO_PACKAGE = "lab-demo"
DEMO_VERSION = "1.0"


# --- the package the index serves ---------------------------------------------------


def build_demo_wheel(directory: Path) -> Path:
    """A minimal valid pure-Python wheel, written without any build tool."""
    dist = "lab_demo"
    files = {
        f"{dist}/__init__.py": b'"""Installed by the TLS lab."""\nVALUE = 42\n',
        f"{dist}-{DEMO_VERSION}.dist-info/METADATA": (
            f"Metadata-Version: 2.1\nName: {DEMO_PACKAGE}\nVersion: {DEMO_VERSION}\n"
            "Summary: the package the TLS lab installs\n"
        ).encode(),
        f"{dist}-{DEMO_VERSION}.dist-info/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: lab_servers\nRoot-Is-Purelib: true\n"
            b"Tag: py2.py3-none-any\n"
        ),
    }
    record_name = f"{dist}-{DEMO_VERSION}.dist-info/RECORD"
    record = io.StringIO()
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.write(f"{name},sha256={digest},{len(data)}\n")
    record.write(f"{record_name},,\n")
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"{dist}-{DEMO_VERSION}-py2.py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr(record_name, record.getvalue())
    return wheel


def build_index_tree(root: Path, extra_wheels: tuple[Path, ...] = (),
                     file_base: str | None = None) -> Path:
    """A PEP 503 tree: /simple/, /simple/<project>/, /packages/<wheel>.

    It serves the demo package, plus ``extra_wheels`` (linked, not copied: the pip
    releases the lab has, so a documented ``pip install --upgrade pip`` finds one here, as
    it would on PyPI; certifi releases; Poetry and its dependencies). With
    ``file_base`` the project pages link to the files on that other server, as PyPI's
    pages link to files.pythonhosted.org.
    """
    prefix = f"{file_base.rstrip('/')}/packages/" if file_base else "../../packages/"
    packages = root / "packages"
    wheels = [build_demo_wheel(packages)]
    for wheel in extra_wheels:
        packages.mkdir(parents=True, exist_ok=True)
        if not (packages / wheel.name).exists():
            (packages / wheel.name).symlink_to(wheel.resolve())
            wheels.append(packages / wheel.name)
    projects: dict[str, list[Path]] = {}
    for wheel in wheels:
        project = re.sub(r"[-_.]+", "-", wheel.name.split("-")[0]).lower()
        projects.setdefault(project, []).append(wheel)
    simple = root / "simple"
    simple.mkdir(parents=True, exist_ok=True)
    (simple / "index.html").write_text(
        "<!DOCTYPE html><html><body>"
        + "".join(f'<a href="{p}/">{p}</a>' for p in sorted(projects))
        + "</body></html>\n")
    for project, files in projects.items():
        (simple / project).mkdir(exist_ok=True)
        links = "".join(
            f'<a href="{prefix}{w.name}#sha256={hashlib.sha256(w.read_bytes()).hexdigest()}"'
            f'>{w.name}</a>' for w in sorted(files))
        (simple / project / "index.html").write_text(
            f"<!DOCTYPE html><html><body>{links}</body></html>\n")
    return root


# --- servers --------------------------------------------------------------------------


class _Quiet:
    def log_message(self, format, *args):  # noqa: A002 - base-class signature
        pass


class _StaticHandler(_Quiet, http.server.SimpleHTTPRequestHandler):
    page_delay: float = 0.0

    def do_GET(self):  # noqa: N802 - http.server naming
        # A slow path to the index: project pages arrive late, files at once (so one
        # delay per pip run, whatever the connection reuse).
        if self.page_delay and self.path.startswith("/simple/"):
            time.sleep(self.page_delay)
        super().do_GET()


class _ThreadedServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def server_bind(self):
        # HTTPServer asks the resolver for its own name (socket.getfqdn); on 127.0.0.2
        # or ::1 that is a DNS query the machine may take seconds to answer. Not needed.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        # Clients that reject our certificate hang up mid-handshake: that is the point.
        pass


class _TLSServer(_ThreadedServer):
    """Handshake in the connection's own thread, so one stalled client blocks nobody."""

    context: ssl.SSLContext

    def finish_request(self, request, client_address):
        request.settimeout(15)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            super().finish_request(tls, client_address)
        finally:
            with contextlib.suppress(OSError):
                tls.close()


def _family(address: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in address else socket.AF_INET


# bind() errors that mean "this machine has no such address", not "the port is taken".
NO_ADDRESS_ERRNOS = (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT)


def _make_server(base: type, address: str, port: int, handler, **attributes):
    """``base`` bound to (address, port), IPv6 when the address is.

    A machine without IPv6 loopback cannot give the lab ``::1``: that is a set-up
    error that says what is missing, not a port to try again.
    """
    cls = type(base.__name__, (base,), {"address_family": _family(address), **attributes})
    try:
        return cls((address, port), handler)
    except OSError as error:
        if _family(address) == socket.AF_INET6 and error.errno in NO_ADDRESS_ERRNOS:
            raise LabSetupError(
                f"the lab needs IPv6 loopback ({address}) for the scenario whose IPv6 path "
                f"cuts the handshake, and this machine refused it ({error.strerror}); enable "
                "it (sysctl -w net.ipv6.conf.lo.disable_ipv6=0)") from error
        raise


class _Running:
    """Start ``serve_forever`` in a thread; stop and close on exit."""

    server: socketserver.BaseServer

    def __enter__(self):
        self._thread = threading.Thread(target=self.server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    @property
    def port(self) -> int:
        return self.server.server_address[1]


class IndexServer(_Running):
    """The package index over HTTPS with a given chain (or over plain HTTP if none)."""

    def __init__(self, docroot: Path, chain: Path | None, key: Path | None, *,
                 max_tls: ssl.TLSVersion | None = None, seclevel0: bool = False,
                 host_name: str = HOST, address: str = HOST, port: int = 0,
                 page_delay: float = 0.0):
        handler_class = type("Handler", (_StaticHandler,), {"page_delay": page_delay})
        handler = lambda *a: handler_class(*a, directory=str(docroot))  # noqa: E731
        if chain is None:
            self.server = _make_server(_ThreadedServer, address, port, handler)
            self.scheme = "http"
        else:
            self.server = _make_server(_TLSServer, address, port, handler)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            if seclevel0 or max_tls:
                # Let the server use what modern OpenSSL refuses by default (old TLS,
                # RSA-1024, SHA-1): the client's refusal is what the scenario shows.
                ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            if max_tls:
                with warnings.catch_warnings():  # deprecated on purpose: that is the scenario
                    warnings.simplefilter("ignore", DeprecationWarning)
                    ctx.minimum_version = ssl.TLSVersion.TLSv1
                    ctx.maximum_version = max_tls
            ctx.load_cert_chain(str(chain), str(key))
            self.server.context = ctx
            self.scheme = "https"
        self.host_name = host_name

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host_name}:{self.port}"

    @property
    def index_url(self) -> str:
        return f"{self.base_url}/simple/"


class HelloDropServer(_Running):
    """Accepts, reads the ClientHello, closes: the peer sees an EOF mid-handshake."""

    def __init__(self, address: str = HOST, port: int = 0):
        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.settimeout(5)
                with contextlib.suppress(OSError):
                    self.request.recv(4096)
                # Shut down both ways without a TLS alert, like a middlebox that drops it.
                with contextlib.suppress(OSError):
                    self.request.shutdown(socket.SHUT_RDWR)

        self.server = _make_server(socketserver.ThreadingTCPServer, address, port, Handler,
                                   daemon_threads=True, allow_reuse_address=True)

    @property
    def index_url(self) -> str:
        return f"https://{HOST}:{self.port}/simple/"


class _ConnectHandler(_Quiet, http.server.BaseHTTPRequestHandler):
    """A forward proxy: CONNECT host:port opens a tunnel (only to 127.0.0.1)."""

    deny: int | None = None
    protocol_version = "HTTP/1.1"

    def do_CONNECT(self):  # noqa: N802 - http.server naming
        if self.deny:
            self.send_response(self.deny)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        host, _, port = self.path.rpartition(":")
        if host not in (HOST, "localhost"):
            self.send_error(403, "the lab proxy only tunnels to loopback")
            return
        try:
            upstream = socket.create_connection((HOST, int(port)), timeout=10)
        except OSError:
            self.send_error(502)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 15)
                if not readable:
                    break
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        except OSError:
            pass
        finally:
            upstream.close()


class ConnectProxy(_Running):
    """A plain-HTTP CONNECT proxy; ``deny=403`` answers every tunnel with that status."""

    def __init__(self, deny: int | None = None):
        handler = type("Handler", (_ConnectHandler,), {"deny": deny})
        self.server = _ThreadedServer((HOST, 0), handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def same_port(*factories, attempts: int = 20) -> list:
    """Servers made by ``factories`` (each called with a port), all on one port.

    The first gets a port from the OS; the others bind the same port on their own
    addresses. If one of those is taken there, all are closed and a new port is tried;
    any other error (no IPv6 loopback: ``LabSetupError``) closes them and is raised.
    """
    for _attempt in range(attempts):
        first = factories[0](0)
        servers = [first]
        try:
            for factory in factories[1:]:
                servers.append(factory(first.port))
            return servers
        except BaseException as error:
            for server in servers:
                server.server.server_close()
            if not (isinstance(error, OSError) and error.errno == errno.EADDRINUSE):
                raise
    raise RuntimeError(f"no port free on every address after {attempts} attempts")


class ClosedPort:
    """A loopback port nothing listens on, held for as long as the context lasts.

    The socket is bound but never listens, so a connection to it is refused (RST), and
    the OS cannot hand the port to another server meanwhile, as it could a port that was
    free a moment ago.
    """

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((HOST, 0))
        self.port = self.sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()


class DnsServer:
    """A small DNS server for the names in ``zone`` (A records; others: NXDOMAIN).

    It listens on port 53 of its own loopback address (127.53.x.y), so several run at
    once and none touches the machine's resolver; a fix namespace's ``/etc/resolv.conf``
    names it. With ``cache_file``, it stands for a caching stub resolver
    (systemd-resolved): while that file exists, its address is the (stale) cached answer
    for every name in the zone; flushing the cache deletes the file.
    """

    bound: set[str] = set()  # addresses of this process's servers not yet stopped

    def __init__(self, zone: dict[str, str], cache_file: Path | None = None):
        self.zone = {name.lower(): address for name, address in zone.items()}
        self.cache_file = cache_file
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _attempt in range(50):
            address = f"127.53.{secrets.randbelow(254) + 1}.{secrets.randbelow(254) + 1}"
            try:
                self.sock.bind((address, 53))
                break
            except OSError:
                continue
        else:
            self.sock.close()
            raise RuntimeError("no free 127.53.x.y:53 for the lab's DNS server")
        self.address = address
        DnsServer.bound.add(address)
        self.sock.settimeout(0.2)  # so the thread sees the stop flag
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def answer(self, query: bytes) -> bytes | None:
        """The response to one query packet (None: not a query we can parse)."""
        if len(query) < 12:
            return None
        tid, flags = struct.unpack("!HH", query[:4])
        labels, i = [], 12
        while i < len(query) and query[i]:
            labels.append(query[i + 1:i + 1 + query[i]].decode("ascii", "replace"))
            i += 1 + query[i]
        if i + 5 > len(query):
            return None
        qtype = struct.unpack("!H", query[i + 1:i + 3])[0]
        question = query[12:i + 5]
        name = ".".join(labels).lower()
        records, rcode = b"", 0
        if name not in self.zone:
            rcode = 3  # NXDOMAIN
        elif qtype == 1:  # A; AAAA and the rest: no data, no error
            address = self.zone[name]
            if self.cache_file is not None and self.cache_file.exists():
                address = self.cache_file.read_text().strip()
            records = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 5, 4) + socket.inet_aton(address)
        header = struct.pack("!HHHHHH", tid, 0x8180 | (flags & 0x0100) | rcode, 1,
                             1 if records else 0, 0, 0)
        return header + question + records

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                query, client = self.sock.recvfrom(512)
            except TimeoutError:
                continue
            except OSError:
                return
            response = self.answer(query)
            if response is not None:
                with contextlib.suppress(OSError):
                    self.sock.sendto(response, client)

    def resolv_conf(self) -> str:
        return f"nameserver {self.address}\noptions timeout:1 attempts:1\n"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self.sock.close()
        DnsServer.bound.discard(self.address)


def leftovers(marker: Path) -> list[str]:
    """What a finished lab left behind: processes naming ``marker`` (the lab's temporary
    directory) and this process's DNS servers still bound. (Its overlay mounts live in
    private mount namespaces, which end with their last process.)"""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if str(marker) in cmdline:
            found.append(f"process {proc.name}: {cmdline.strip()}")
    found += [f"DNS server still bound: {address}:53" for address in sorted(DnsServer.bound)]
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {HOST}:{port} after {timeout}s")


def stop_process_group(proc: subprocess.Popen, timeout: float = 5) -> None:
    """SIGTERM the whole group, then SIGKILL what is left; never leave a child behind."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout)
    else:
        # The leader is gone; its group may not be.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


class Mitmdump:
    """mitmproxy's ``mitmdump`` as the corporate TLS-inspection proxy, on 127.0.0.1.

    ``confdir`` holds ``mitmproxy-ca.pem`` (key + the ACME Corp CA it signs with);
    ``upstream_ca`` is what it trusts upstream (the lab's public root), as a real
    inspection proxy trusts public CAs. ``passthrough`` makes it a plain (authenticating)
    proxy that does not inspect.
    """

    def __init__(self, venv: Path, confdir: Path, upstream_ca: Path, *,
                 proxyauth: str | None = None, passthrough: bool = False,
                 log: Path | None = None):
        self.venv, self.confdir, self.upstream_ca = venv, confdir, upstream_ca
        self.proxyauth, self.passthrough = proxyauth, passthrough
        self.log = log or confdir / "mitmdump.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> Mitmdump:
        exe = self.venv / "bin" / "mitmdump"
        if not exe.exists():
            raise RuntimeError(f"mitmdump not found at {exe}: the lab set-up did not install it")
        for _attempt in range(3):
            self.port = free_port()
            cmd = [str(exe), "--listen-host", HOST, "--listen-port", str(self.port),
                   "--set", f"confdir={self.confdir}",
                   "--set", f"ssl_verify_upstream_trusted_ca={self.upstream_ca}",
                   "--set", "termlog_verbosity=warn", "--set", "flow_detail=0"]
            if self.proxyauth:
                cmd += ["--set", f"proxyauth={self.proxyauth}"]
            if self.passthrough:  # tunnel TLS untouched: an authenticating proxy only
                cmd += ["--ignore-hosts", ".*"]
            env = {"PATH": "/usr/bin:/bin", "HOME": str(self.confdir), "LANG": "C.UTF-8"}
            with open(self.log, "ab") as log:
                self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, env=env,
                                             start_new_session=True)
            try:
                wait_for_port(self.port, 30, self.proc)
                return self
            except RuntimeError:
                stop_process_group(self.proc)  # lost the port race: try another
            except TimeoutError:
                stop_process_group(self.proc)
                raise
        raise RuntimeError(f"mitmdump did not start; see {self.log}:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"
