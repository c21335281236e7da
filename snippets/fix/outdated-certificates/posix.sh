#!/usr/bin/env bash
# Fix page "outdated-certificates": commands that work the same on Linux and macOS.
# Sections: diagnose-*, fix-*, verify, undo-* (see CONTRIBUTING.md, "Fix-page snippets").

# --8<-- [start:diagnose-versions]
python3 -m pip --version
python3 -m pip debug --verbose 2>/dev/null | grep certifi
python3 -c 'import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'
# --8<-- [end:diagnose-versions]

# --8<-- [start:fix-upgrade-pip]
python3 -m pip install --upgrade pip
# --8<-- [end:fix-upgrade-pip]

# --8<-- [start:undo-upgrade-pip]
python3 -m pip install "pip==<pip-version>"
# --8<-- [end:undo-upgrade-pip]

# --8<-- [start:fix-upgrade-pip-os-bundle]
for os_bundle in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
  [ -f "$os_bundle" ] && break
done
python3 -m pip install --upgrade pip --cert "$os_bundle"
# --8<-- [end:fix-upgrade-pip-os-bundle]

# --8<-- [start:undo-upgrade-pip-os-bundle]
python3 -m pip install "pip==<pip-version>"
# --8<-- [end:undo-upgrade-pip-os-bundle]

# --8<-- [start:fix-ensurepip]
python3 -m ensurepip --upgrade
# --8<-- [end:fix-ensurepip]

# --8<-- [start:undo-ensurepip]
python3 -m pip install "pip==<pip-version>"
# --8<-- [end:undo-ensurepip]

# --8<-- [start:fix-cert-os-bundle]
for os_bundle in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
  [ -f "$os_bundle" ] && break
done
python3 -m pip config --user set global.cert "$os_bundle"
# --8<-- [end:fix-cert-os-bundle]

# --8<-- [start:undo-cert-os-bundle]
python3 -m pip config --user unset global.cert
# --8<-- [end:undo-cert-os-bundle]

# --8<-- [start:verify]
python3 -m pip download --no-deps --dest "${TMPDIR:-/tmp}/pip-ssl-verify" <package>
# --8<-- [end:verify]

# Neighbours of pip. These change requests, uv, conda or Poetry, not pip itself.

# --8<-- [start:fix-requests-certifi]
python3 -m pip install --upgrade certifi
# --8<-- [end:fix-requests-certifi]

# --8<-- [start:verify-requests-certifi]
python3 -c 'import certifi; print(certifi.__version__, certifi.where())'
# --8<-- [end:verify-requests-certifi]

# --8<-- [start:undo-requests-certifi]
python3 -m pip install "certifi==<certifi-version>"
# --8<-- [end:undo-requests-certifi]

# --8<-- [start:fix-uv-upgrade]
uv self update
# --8<-- [end:fix-uv-upgrade]

# --8<-- [start:fix-uv-system-certs]
uv pip install --system-certs <package>
# --8<-- [end:fix-uv-system-certs]

# --8<-- [start:fix-conda-update]
conda update -n base ca-certificates certifi
# --8<-- [end:fix-conda-update]

# --8<-- [start:fix-conda-truststore]
conda config --set ssl_verify truststore
# --8<-- [end:fix-conda-truststore]

# --8<-- [start:undo-conda-truststore]
conda config --remove-key ssl_verify
# --8<-- [end:undo-conda-truststore]

# --8<-- [start:fix-poetry-os-bundle]
for os_bundle in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
  [ -f "$os_bundle" ] && break
done
REQUESTS_CA_BUNDLE="$os_bundle" poetry install
# --8<-- [end:fix-poetry-os-bundle]
