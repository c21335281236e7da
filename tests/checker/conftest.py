"""Session fixtures for the checker: test CAs, loopback servers, interpreters, a scrubbed home."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import trustme
from checker_support import find_interpreters, scrubbed_env
from tls_servers import BlackHole, Proxy, TLSIndex, utc


class PKI:
    """Test CAs and the servers that present their certificates."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.ca = trustme.CA()  # "trustme" names: no product anyone would recognise
        self.vendor_ca = trustme.CA(
            organization_name="Zscaler Inc.", organization_unit_name="Zscaler Root CA"
        )
        self.ca_file = base / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.vendor_ca_file = base / "zscaler-root-ca.pem"
        self.vendor_ca.cert_pem.write_to_path(str(self.vendor_ca_file))
        self.servers = {
            "trusted": TLSIndex(self.ca.issue_cert("localhost", "127.0.0.1")),
            "vendor": TLSIndex(self.vendor_ca.issue_cert("localhost", "127.0.0.1")),
            "expired": TLSIndex(
                self.ca.issue_cert("localhost", "127.0.0.1", not_before=utc(-60), not_after=utc(-2))
            ),
            "mismatch": TLSIndex(self.ca.issue_cert("other.example.org")),
            # valid from the day after tomorrow; the server's clock says it is already three days later
            "future": TLSIndex(
                self.ca.issue_cert("localhost", "127.0.0.1", not_before=utc(2), not_after=utc(60)),
                date=time.time() + 3 * 86400,
            ),
            "blackhole": BlackHole(),
            "tunnel": Proxy(200),
            "proxy407": Proxy(407, "Proxy Authentication Required"),
        }

    def url(self, name: str, host: str = "localhost") -> str:
        return f"https://{host}:{self.servers[name].port}/simple/"

    def close(self) -> None:
        for server in self.servers.values():
            server.close()


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    pki = PKI(tmp_path_factory.mktemp("pki"))
    yield pki
    pki.close()


@pytest.fixture(scope="session")
def home(tmp_path_factory) -> Path:
    """An empty home directory: no pip config, no certificates, nothing of this machine's."""
    path = tmp_path_factory.mktemp("home")
    (path / ".config").mkdir()
    return path


@pytest.fixture(scope="session")
def env(home):
    def make(**extra):
        return scrubbed_env(home, **extra)

    return make


@pytest.fixture(scope="session")
def interpreters():
    found, missing = find_interpreters()
    if missing:
        pytest.fail("interpreters the checker must run on are missing:\n  " + "\n  ".join(missing))
    return found
