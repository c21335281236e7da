"""Loopback servers the probe talks to: TLS indexes with test CAs, proxies, a black hole."""

from __future__ import annotations

import datetime
import email.utils
import socket
import ssl
import threading
import time

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


class TLSIndex(_Server):
    """An HTTPS 'index' that answers every request with 200 and a chosen Date header."""

    def __init__(self, cert: trustme.LeafCert, date: float | None = None) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert.configure_cert(self.context)
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
