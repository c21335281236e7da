"""Loopback servers the probe talks to: TLS indexes with test CAs, proxies, a black hole."""

from __future__ import annotations

import dataclasses
import datetime
import email.utils
import socket
import ssl
import tempfile
import threading
import time
from pathlib import Path

import trustme


class _Server:
    """A listening socket on 127.0.0.1 with an accept loop in a daemon thread."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self.connections = 0
        self._stop = False
        self._held: list[socket.socket] = []
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve_safely, args=(conn,), daemon=True).start()

    def _serve_safely(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(15)
            self.serve(conn)
        except (OSError, ssl.SSLError):
            pass
        finally:
            if conn not in self._held:
                conn.close()

    def serve(self, conn: socket.socket) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def close(self) -> None:
        self._stop = True
        self.sock.close()
        for conn in self._held:
            conn.close()


def read_head(conn) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@dataclasses.dataclass
class PemCert:
    """A server certificate trustme cannot make (built with cryptography), as PEM."""

    key_pem: bytes
    chain_pems: list[bytes]  # the server's certificate first, then what it sends with it


def _load_certificate(
    context: ssl.SSLContext, cert: trustme.LeafCert | PemCert, leaf_only: bool
) -> None:
    if isinstance(cert, PemCert):
        key, chain = cert.key_pem, cert.chain_pems
    else:
        key, chain = cert.private_key_pem.bytes(), [b.bytes() for b in cert.cert_chain_pems]
    with tempfile.TemporaryDirectory() as folder:
        certfile, keyfile = Path(folder) / "chain.pem", Path(folder) / "key.pem"
        certfile.write_bytes(b"".join(chain[:1] if leaf_only else chain))
        keyfile.write_bytes(key)
        context.load_cert_chain(str(certfile), str(keyfile))


class TLSIndex(_Server):
    """An HTTPS 'index' that answers every request with 200 and a chosen Date header.

    ``leaf_only`` sends the server's certificate without the intermediates that issued
    it (a misconfigured server); ``tls13_only`` refuses TLS 1.2 and older.
    """

    def __init__(
        self,
        cert: trustme.LeafCert | PemCert,
        date: float | None = None,
        leaf_only: bool = False,
        tls13_only: bool = False,
    ) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        _load_certificate(self.context, cert, leaf_only)
        if tls13_only:
            self.context.minimum_version = ssl.TLSVersion.TLSv1_3
        self.date = date
        super().__init__()

    def serve(self, conn: socket.socket) -> None:
        tls = self.context.wrap_socket(conn, server_side=True)
        head = read_head(tls)
        self.requests.append(head)
        when = self.date if self.date is not None else time.time()
        tls.sendall(
            b"HTTP/1.1 200 OK\r\nDate: "
            + email.utils.formatdate(when, usegmt=True).encode()
            + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        tls.close()


class BlackHole(_Server):
    """Accepts TCP and then says nothing, forever: the TLS handshake can only time out."""

    def serve(self, conn: socket.socket) -> None:
        self._held.append(conn)


class Proxy(_Server):
    """An HTTP proxy: answers CONNECT with ``status``; with 200 it tunnels to the target."""

    def __init__(self, status: int = 200, reason: str = "Connection established") -> None:
        self.status = status
        self.reason = reason
        super().__init__()

    def serve(self, conn: socket.socket) -> None:
        first = conn.recv(4096)
        if not first[
            :1
        ].isalpha():  # a TLS ClientHello sent to this plain-HTTP port, like squid sees it
            conn.sendall(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        head = first if b"\r\n\r\n" in first else first + read_head(conn)
        self.requests.append(head)
        if self.status != 200:
            conn.sendall(
                b'HTTP/1.1 %d %s\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n'
                b"Connection: close\r\n\r\n" % (self.status, self.reason.encode())
            )
            return
        if not head.startswith(b"CONNECT "):
            conn.sendall(
                b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        target = head.split()[1].decode()
        host, _, port = target.rpartition(":")
        upstream = socket.create_connection((host, int(port)), timeout=10)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        pump = threading.Thread(target=_relay, args=(upstream, conn), daemon=True)
        pump.start()
        _relay(conn, upstream)
        pump.join(10)
        upstream.close()


def _relay(src: socket.socket, dst: socket.socket) -> None:
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def utc(days: float) -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(days=days)


def _sct_list() -> bytes:
    """An embedded SCT list (RFC 6962 3.3) with one well-formed, unverifiable timestamp."""
    signature = b"\x30\x06\x02\x01\x01\x02\x01\x01"  # an ECDSA signature's shape, not a real one
    sct = (
        b"\x00"  # v1
        + bytes(32)  # log id
        + int(time.time() * 1000).to_bytes(8, "big")
        + b"\x00\x00"  # no extensions
        + b"\x04\x03"  # sha256, ecdsa
        + len(signature).to_bytes(2, "big")
        + signature
    )
    serialized = len(sct).to_bytes(2, "big") + sct
    listed = len(serialized).to_bytes(2, "big") + serialized
    return b"\x04" + bytes([len(listed)]) + listed  # the extension's value is an OCTET STRING


def ct_logged_leaf(issuer: trustme.CA, host: str = "localhost", ip: str = "127.0.0.1") -> PemCert:
    """A server certificate with embedded Certificate Transparency timestamps, as public CAs
    issue them (trustme cannot add the extension), sent with ``issuer``'s certificate."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    issuer_cert = x509.load_pem_x509_certificate(issuer.cert_pem.bytes())
    issuer_key = serialization.load_pem_private_key(issuer.private_key_pem.bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(utc(-1))
        .not_valid_after(utc(90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(host), x509.IPAddress(ipaddress.ip_address(ip))]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.UnrecognizedExtension(
                x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), _sct_list()
            ),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    leaf_pem = cert.public_bytes(serialization.Encoding.PEM)
    return PemCert(key_pem, [leaf_pem, issuer.cert_pem.bytes()])
