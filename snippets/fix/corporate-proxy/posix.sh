#!/usr/bin/env bash
# Corporate proxy or TLS inspection: commands that work the same on Linux and macOS.

# --8<-- [start:diagnose-issuer]
# Who signed the certificate you get for pypi.org? Look at the last "i:" line.
openssl s_client -showcerts -connect pypi.org:443 -servername pypi.org </dev/null 2>/dev/null | grep -E '^ *([0-9]+ s:|i:)'
# --8<-- [end:diagnose-issuer]

# --8<-- [start:diagnose-issuer-proxy]
# The same through an explicit proxy (OpenSSL 1.1.0 or newer):
openssl s_client -proxy <proxy-host>:<proxy-port> -showcerts -connect pypi.org:443 -servername pypi.org </dev/null 2>/dev/null | grep -E '^ *([0-9]+ s:|i:)'
# --8<-- [end:diagnose-issuer-proxy]

# --8<-- [start:diagnose-root-file]
# Is the file a PEM certificate, and which one? Compare the fingerprint with IT's.
openssl x509 -noout -subject -issuer -enddate -fingerprint -sha256 -in "<corporate-root-ca.pem>"
# --8<-- [end:diagnose-root-file]

# --8<-- [start:diagnose-versions]
python3 -m pip --version
# --8<-- [end:diagnose-versions]

# --8<-- [start:diagnose-env]
env | grep -i -E 'cert|bundle'
# --8<-- [end:diagnose-env]

# --8<-- [start:fix-bundle]
# Public roots (pip's own certifi copy) + your root, in a file no upgrade touches:
mkdir -p "$HOME/.config/pip"
cat "$(python3 -c 'from pip._vendor import certifi; print(certifi.where())')" \
    "<corporate-root-ca.pem>" > "$HOME/.config/pip/ca-bundle.pem"
# Point pip at it, in your user pip config file:
python3 -m pip config --user set global.cert "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:fix-bundle]

# --8<-- [start:undo-bundle]
python3 -m pip config --user unset global.cert
rm -f "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:undo-bundle]

# --8<-- [start:verify-bundle]
python3 -m pip config list
grep -c 'BEGIN CERTIFICATE' "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:verify-bundle]

# --8<-- [start:fix-bundle-env]
# The same bundle, used through PIP_CERT for this shell only (CI jobs, one-off runs):
mkdir -p "$HOME/.config/pip"
cat "$(python3 -c 'from pip._vendor import certifi; print(certifi.where())')" \
    "<corporate-root-ca.pem>" > "$HOME/.config/pip/ca-bundle.pem"
export PIP_CERT="$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:fix-bundle-env]

# --8<-- [start:undo-bundle-env]
unset PIP_CERT
rm -f "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:undo-bundle-env]

# --8<-- [start:fix-requests]
# requests (and tools built on it: conda before 23.9, Poetry for PyPI) read
# REQUESTS_CA_BUNDLE. pip reads it too, and it wins over pip's own cert setting.
mkdir -p "$HOME/.config/pip"
cat "$(python3 -c 'from pip._vendor import certifi; print(certifi.where())')" \
    "<corporate-root-ca.pem>" > "$HOME/.config/pip/ca-bundle.pem"
export REQUESTS_CA_BUNDLE="$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:fix-requests]

# --8<-- [start:undo-requests]
unset REQUESTS_CA_BUNDLE
rm -f "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:undo-requests]

# --8<-- [start:verify]
python3 -m pip download --no-deps --no-cache-dir --dest "$(mktemp -d)" <package>
# --8<-- [end:verify]
