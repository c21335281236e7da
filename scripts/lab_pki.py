"""The lab's certificate authorities and server certificates, one per way a chain can fail.

Made with ``cryptography`` directly (trustme cannot make the broken ones): a public-like
root and issuing CA, ACME Corp's TLS-inspection root and issuing CA, and server
certificates that are valid, expired, not yet valid, for another name, self-signed,
served without their intermediate, issued by a CA that Python 3.13's strict mode rejects,
signed with SHA-1 or on an RSA-1024 key, and issued by a ``CA:FALSE`` certificate.

The public root is long-lived and kept in ``.venv-lab/pki/`` because it is baked into the
lab venvs' certifi (see ``lab_env``); everything else is made fresh for each run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import shutil
import subprocess
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PUBLIC_ROOT_NAME = "Lab Public Root CA"
NEW_PUBLIC_ROOT_NAME = "Lab Public Root R2"
CORPORATE_ROOT_NAME = "ACME Corp TLS Inspection Root CA"
CORPORATE_ISSUING_NAME = "ACME Corp TLS Inspection Issuing CA"
ORG = "ACME Corp"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
# The window a faked clock must fall into to see these certificates as not yet valid,
# or as expired (lab_scenarios uses these).
PUBLIC_ROOT_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
PUBLIC_ROOT_NOT_AFTER = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)
LEAF_DAYS = 397
SERVER_NAMES = ("localhost",)
# A package mirror's name; the lab maps it to 127.0.0.1 in a namespace's /etc/hosts.
MIRROR_HOST = "mirror.lab.test"
# The index by name, where a fix namespace's /etc/hosts or the lab's DNS server says;
# and a name with an IPv6 and an IPv4 address (/etc/hosts in a fix namespace).
INDEX_HOST = "pypi.lab.test"
DUAL_STACK_HOST = "dual.lab.test"
SERVER_IPS = ("127.0.0.1",)


@dataclasses.dataclass
class Issued:
    """A certificate with its key, and the chain a server sends after it."""

    cert: x509.Certificate
    key: object
    chain: list[x509.Certificate] = dataclasses.field(default_factory=list)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )

    def chain_pem(self) -> bytes:
        """Leaf first, then what the server sends with it: a server's certfile."""
        return self.pem + b"".join(c.public_bytes(serialization.Encoding.PEM) for c in self.chain)

    @property
    def subject_cn(self) -> str:
        return self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value


def _name(cn: str, org: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.insert(0, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def rsa_key(bits: int = 2048):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def make_ca(
    cn: str,
    *,
    org: str | None = None,
    issuer: Issued | None = None,
    key=None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    critical_basic_constraints: bool = True,
    key_identifiers: bool = True,
    key_usage: bool = True,
    is_ca: bool = True,
) -> Issued:
    """A CA certificate; self-signed unless ``issuer`` is given.

    ``critical_basic_constraints=False``/``key_identifiers=False`` make the kind of CA
    that Python 3.13's VERIFY_X509_STRICT rejects; ``is_ca=False`` makes a certificate
    that is then (wrongly) used to issue others: OpenSSL's "invalid CA certificate".
    """
    key = key or ec_key()
    signer_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(issuer.cert.subject if issuer else _name(cn, org))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - DAY)
        .not_valid_after(not_after or NOW + 3650 * DAY)
        .add_extension(
            x509.BasicConstraints(ca=is_ca, path_length=None),
            critical=critical_basic_constraints,
        )
    )
    if key_usage:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=is_ca,
                crl_sign=is_ca, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
    if key_identifiers:
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        if issuer:
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
                critical=False,
            )
    cert = builder.sign(signer_key, hashes.SHA256())
    chain = [issuer.cert, *issuer.chain] if issuer else []
    return Issued(cert, key, chain)


def make_leaf(
    issuer: Issued | None,
    *,
    names: tuple[str, ...] = SERVER_NAMES,
    ips: tuple[str, ...] = SERVER_IPS,
    key=None,
    hash_algorithm: hashes.HashAlgorithm | None = None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    send_chain: bool = True,
    cn: str | None = None,
) -> Issued:
    """A TLS server certificate. ``issuer=None`` makes it self-signed."""
    key = key or ec_key()
    cn = cn or (names[0] if names else ips[0])
    alt = [x509.DNSName(n) for n in names] + [
        x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer.cert.subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - DAY)
        .not_valid_after(not_after or NOW + LEAF_DAYS * DAY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    cert = builder.sign(issuer.key if issuer else key, hash_algorithm or hashes.SHA256())
    chain = [issuer.cert, *issuer.chain] if (issuer and send_chain) else []
    # A server never sends the root: drop the self-signed top of the chain.
    chain = [c for c in chain if c.issuer != c.subject]
    return Issued(cert, key, chain)


def _openssl_sha1_leaf(issuer: Issued, workdir: Path) -> Issued:
    """A leaf signed with SHA-1. cryptography refuses to sign with SHA-1, so ask openssl."""
    leaf = make_leaf(issuer, key=rsa_key())  # same fields, re-signed below
    work = workdir / "sha1-work"
    work.mkdir(parents=True, exist_ok=True)
    (work / "ca.pem").write_bytes(issuer.pem)
    (work / "ca.key").write_bytes(issuer.key_pem)
    (work / "leaf.key").write_bytes(leaf.key_pem)
    alt_names = ",".join([f"DNS:{n}" for n in SERVER_NAMES] + [f"IP:{i}" for i in SERVER_IPS])
    (work / "ext.cnf").write_text(
        "basicConstraints=critical,CA:FALSE\n"
        f"subjectAltName={alt_names}\n"
        "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
    )
    openssl = shutil.which("openssl")
    if not openssl:
        raise RuntimeError("the lab needs the openssl command (Debian: apt-get install openssl)")
    for cmd in (
        [openssl, "req", "-new", "-key", "leaf.key", "-subj", f"/CN={SERVER_NAMES[0]}",
         "-out", "leaf.csr"],
        [openssl, "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-sha1", "-days", str(LEAF_DAYS), "-extfile", "ext.cnf",
         "-out", "leaf.pem"],
    ):
        subprocess.run(cmd, cwd=work, check=True, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "OPENSSL_CONF": "/dev/null"})
    cert = x509.load_pem_x509_certificate((work / "leaf.pem").read_bytes())
    shutil.rmtree(work)
    return Issued(cert, leaf.key, [issuer.cert])


def load_or_make_public_root(directory: Path, stem: str = "public-root",
                             name: str = PUBLIC_ROOT_NAME) -> Issued:
    """A long-lived public-like root, kept on disk because lab venvs' certifi holds it.

    ``public-root`` ("Lab Public Root CA") is in every trust store, like an old public
    root; ``public-root-r2`` ("Lab Public Root R2") is newer: only up-to-date stores
    (the OS store, a current pip's certifi) have it.
    """
    cert_file, key_file = directory / f"{stem}.pem", directory / f"{stem}.key"
    if cert_file.exists() and key_file.exists():
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        key = serialization.load_pem_private_key(key_file.read_bytes(), None)
        if cert.not_valid_after_utc > NOW + 365 * DAY:
            return Issued(cert, key)
    directory.mkdir(parents=True, exist_ok=True)
    root = make_ca(name, org="Lab Trust Services",
                   not_before=PUBLIC_ROOT_NOT_BEFORE, not_after=PUBLIC_ROOT_NOT_AFTER)
    tmp_key, tmp_cert = key_file.with_suffix(".tmp-key"), cert_file.with_suffix(".tmp-pem")
    tmp_key.write_bytes(root.key_pem)
    tmp_cert.write_bytes(root.pem)
    tmp_key.replace(key_file)
    tmp_cert.replace(cert_file)
    return root


@dataclasses.dataclass
class LabPKI:
    """Every CA and server certificate the scenarios use, written out under ``directory``."""

    directory: Path
    public_root: Issued
    public_issuing: Issued
    new_public_root: Issued
    corporate_root: Issued
    corporate_issuing: Issued
    strict_root: Issued  # basicConstraints not critical, no key identifiers
    other_root: Issued  # unrelated to everything: for precedence measurements
    leaves: dict[str, Issued]
    files: dict[str, Path]

    def path(self, name: str) -> Path:
        return self.files[name]


def build_lab_pki(directory: Path, public_root: Issued, new_public_root: Issued) -> LabPKI:
    directory.mkdir(parents=True, exist_ok=True)
    public_issuing = make_ca("Lab Public Issuing CA 1", org="Lab Trust Services",
                             issuer=public_root)
    new_issuing = make_ca("Lab Public Issuing CA R2-1", org="Lab Trust Services",
                          issuer=new_public_root)
    corporate_root = make_ca(CORPORATE_ROOT_NAME, org=ORG, key=rsa_key())
    corporate_issuing = make_ca(CORPORATE_ISSUING_NAME, org=ORG, issuer=corporate_root,
                                key=rsa_key())
    strict_root = make_ca("Legacy Internal Root CA", org="Initech",
                          critical_basic_constraints=False, key_identifiers=False)
    other_root = make_ca("Unrelated Root CA", org="Elsewhere Inc")
    not_a_ca = make_leaf(public_issuing, names=("not-a-ca.example",), ips=())
    leaves = {
        "valid": make_leaf(public_issuing),
        "new-root": make_leaf(new_issuing),
        "mirror": make_leaf(public_issuing, names=(MIRROR_HOST,), ips=()),
        "named": make_leaf(public_issuing, names=(INDEX_HOST, DUAL_STACK_HOST), ips=()),
        "expired": make_leaf(public_issuing, not_before=NOW - 400 * DAY,
                             not_after=NOW - 30 * DAY),
        "not-yet-valid": make_leaf(public_issuing, not_before=NOW + 30 * DAY,
                                   not_after=NOW + 400 * DAY),
        "wrong-host": make_leaf(public_issuing, names=("pypi.example.com",), ips=()),
        "self-signed": make_leaf(None),
        "missing-intermediate": make_leaf(public_issuing, send_chain=False),
        "strict": make_leaf(strict_root),
        "sha1": _openssl_sha1_leaf(public_issuing, directory),
        "rsa1024": make_leaf(public_issuing, key=rsa_key(1024)),
        "ca-false": make_leaf(not_a_ca),
        "corporate": make_leaf(corporate_issuing),
        "corporate-root-only": make_leaf(corporate_root),
        "other": make_leaf(other_root),
    }
    files: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        files[name] = directory / name
        files[name].write_bytes(data)

    for ca_name, ca in (("public-root.pem", public_root),
                        ("public-root-r2.pem", new_public_root),
                        ("corporate-root.pem", corporate_root),
                        ("strict-root.pem", strict_root), ("other-root.pem", other_root),
                        ("public-issuing.pem", public_issuing)):
        write(ca_name, ca.pem)
    for name, leaf in leaves.items():
        write(f"{name}.chain.pem", leaf.chain_pem())
        write(f"{name}.key", leaf.key_pem)
    # mitmproxy's CA file: the key, the CA it signs with, then more certificates; with more
    # than one, mitmproxy loads the file as the chain store OpenSSL builds the sent chain
    # from. "mitm-issuing" sends leaf + issuing CA (the root stays unknown: "unable to get
    # local issuer certificate"); "mitm-root" sends leaf + issuing CA + root ("self-signed
    # certificate in certificate chain").
    (directory / "mitm-issuing").mkdir(exist_ok=True)
    (directory / "mitm-root").mkdir(exist_ok=True)
    write("mitm-issuing/mitmproxy-ca.pem",
          corporate_issuing.key_pem + corporate_issuing.pem + corporate_issuing.pem)
    write("mitm-root/mitmproxy-ca.pem",
          corporate_issuing.key_pem + corporate_issuing.pem + corporate_root.pem)
    return LabPKI(directory, public_root, public_issuing, new_public_root, corporate_root,
                  corporate_issuing,
                  strict_root, other_root, leaves, files)
