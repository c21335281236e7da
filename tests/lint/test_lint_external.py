"""--external fetches every allowlisted link; a dead one is LNK009 (on a loopback HTTPS server)."""

from __future__ import annotations

import http.server
import ssl
import threading

import pytest
import trustme

from lintsite import Edit, copy_base
from sitelint.cli import main


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def https_server(tmp_path, monkeypatch):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    # The linter uses Python's default verification; point it at this CA only.
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_dead_external_link_is_reported_only_with_external(https_server, tmp_path, capsys):
    root = copy_base(tmp_path / "site-src", [
        Edit("scripts/sitelint/external-links.txt", None, f"{https_server}/*  # the test server\nhttps://pip.pypa.io/en/stable/topics/*  # pip docs\n"),
        Edit("docs/index.md", "--8<--", f"[ok]({https_server}/ok) [gone]({https_server}/gone)\n\n--8<--"),
    ])
    # pip's documentation is not reachable from here either; keep only the loopback links.
    for name in ("docs/index.md", "docs/index.en.md"):
        page = root / name
        page.write_text(page.read_text().replace("https://pip.pypa.io/en/stable/topics/https-certificates/", "fix/trusted-host.md"))
    assert main(["--root", str(root)]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "--external"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"docs/index.md:12: LNK009: `{https_server}/gone` fails: HTTP 404; replace or remove the link (and its allowlist entry)"
    ]
