"""Session fixtures for the checker: test CAs, loopback servers, interpreters, a scrubbed home."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import trustme
from checker_support import fake_pip, find_interpreters, scrubbed_env
from tls_servers import BlackHole, Proxy, TLSIndex, ct_logged_leaf, utc


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
        # Stand-ins for a public CA: its old root is in every certifi (fake_pip adds it),
        # its new root only in the "system" store a test names with SSL_CERT_FILE.
        public = "Example Trust Services"
        self.public_root = trustme.CA(organization_name=public, organization_unit_name="R1")
        self.public_root_new = trustme.CA(organization_name=public, organization_unit_name="R2")
        public_issuing = self._intermediate(self.public_root, public, "Issuing CA 1")
        public_issuing_new = self._intermediate(self.public_root_new, public, "Issuing CA R2-1")
        # An organisation's own CA (no product name, not in certifi), one of its CAs named
        # like the inspection CA it is, a vendor's intermediate, and a CA whose server
        # certificates carry Certificate Transparency timestamps but whose name no certifi
        # knows.
        org = "Globex Corporation"
        self.org_root = trustme.CA(organization_name=org, organization_unit_name="Root CA")
        org_issuing = self._intermediate(self.org_root, org, "Issuing CA")
        org_inspection = self._intermediate(self.org_root, org, "SSL Inspection CA")
        vendor_issuing = self._intermediate(
            self.vendor_ca, "Zscaler Inc.", "Zscaler Intermediate Root CA"
        )
        self.ct_root = trustme.CA(organization_name="Fresh Roots Ltd", organization_unit_name="X1")
        ct_issuing = self._intermediate(self.ct_root, "Fresh Roots Ltd", "Issuing CA X1-1")
        self.files = {}
        for name, ca in (
            ("public-root-new", self.public_root_new),
            ("org-root", self.org_root),
            ("ct-root", self.ct_root),
        ):
            self.files[name] = base / f"{name}.pem"
            ca.cert_pem.write_to_path(str(self.files[name]))
        self.pips = {
            version: fake_pip(base, version, [self.public_root.cert_pem.bytes()])
            for version in ("23.3.2", "26.3")
        }
        here = ("localhost", "127.0.0.1")
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
            "not-yet-valid": TLSIndex(
                self.ca.issue_cert(*here, not_before=utc(2), not_after=utc(60))
            ),
            # expired two days ago; the server's clock says it is ten days earlier
            "expired-by-our-clock": TLSIndex(
                self.ca.issue_cert(*here, not_before=utc(-60), not_after=utc(-2)),
                date=time.time() - 10 * 86400,
            ),
            "missing-intermediate": TLSIndex(public_issuing.issue_cert(*here), leaf_only=True),
            "missing-intermediate-tls13": TLSIndex(
                public_issuing.issue_cert(*here), leaf_only=True, tls13_only=True
            ),
            "vendor-short": TLSIndex(vendor_issuing.issue_cert(*here), leaf_only=True),
            "inspection-short": TLSIndex(org_inspection.issue_cert(*here), leaf_only=True),
            "new-root": TLSIndex(public_issuing_new.issue_cert(*here)),
            "org-root": TLSIndex(org_issuing.issue_cert(*here)),
            "ct-logged": TLSIndex(ct_logged_leaf(ct_issuing)),
            "blackhole": BlackHole(),
            "tunnel": Proxy(200),
            "proxy407": Proxy(407, "Proxy Authentication Required"),
        }

    @staticmethod
    def _intermediate(parent: trustme.CA, organization: str, unit: str) -> trustme.CA:
        return trustme.CA(
            parent_cert=parent,
            path_length=0,
            organization_name=organization,
            organization_unit_name=unit,
        )

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
