#!/usr/bin/env bash
# Corporate proxy or TLS inspection: Linux-only commands. Shared with macOS: posix.sh.
# The *-debian sections run on Debian, Ubuntu and Alpine; the *-fedora sections on
# Fedora, RHEL, CentOS Stream, Rocky and Alma (update-ca-trust).

# --8<-- [start:fix-store-debian]
# 1. Add the root to the system trust store (the file must be PEM and end in .crt).
sudo cp "<corporate-root-ca.pem>" /usr/local/share/ca-certificates/corporate-root-ca.crt
sudo update-ca-certificates
# 2. Make sure pip is new enough to read the store (24.2+, or 25.2+ behind a proxy).
#    --cert lets this one command through; the system bundle now includes the root.
python3 -m pip install --cert /etc/ssl/certs/ca-certificates.crt "pip>=25.2"
# --8<-- [end:fix-store-debian]

# --8<-- [start:undo-store-debian]
sudo rm -f /usr/local/share/ca-certificates/corporate-root-ca.crt
sudo update-ca-certificates --fresh
# --8<-- [end:undo-store-debian]

# --8<-- [start:fix-store-config-debian]
# For Python 3.9 or older, or a pip you cannot upgrade: add the root to the
# system store, then point pip at the system bundle, which now holds both the
# public roots and yours (the OS keeps it up to date).
sudo cp "<corporate-root-ca.pem>" /usr/local/share/ca-certificates/corporate-root-ca.crt
sudo update-ca-certificates
python3 -m pip config --user set global.cert /etc/ssl/certs/ca-certificates.crt
# --8<-- [end:fix-store-config-debian]

# --8<-- [start:undo-store-config-debian]
python3 -m pip config --user unset global.cert
sudo rm -f /usr/local/share/ca-certificates/corporate-root-ca.crt
sudo update-ca-certificates --fresh
# --8<-- [end:undo-store-config-debian]

# --8<-- [start:verify-store-debian]
openssl verify -CAfile /etc/ssl/certs/ca-certificates.crt "<corporate-root-ca.pem>"
# --8<-- [end:verify-store-debian]

# --8<-- [start:fix-store-fedora]
# 1. Add the root to the system trust store.
sudo cp "<corporate-root-ca.pem>" /etc/pki/ca-trust/source/anchors/corporate-root-ca.pem
sudo update-ca-trust extract
# 2. Make sure pip is new enough to read the store (24.2+, or 25.2+ behind a proxy).
#    --cert lets this one command through; the system bundle now includes the root.
python3 -m pip install --cert /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem "pip>=25.2"
# --8<-- [end:fix-store-fedora]

# --8<-- [start:undo-store-fedora]
sudo rm -f /etc/pki/ca-trust/source/anchors/corporate-root-ca.pem
sudo update-ca-trust extract
# --8<-- [end:undo-store-fedora]

# --8<-- [start:fix-store-config-fedora]
# For Python 3.9 or older, or a pip you cannot upgrade: add the root to the
# system store, then point pip at the system bundle, which now holds both the
# public roots and yours (the OS keeps it up to date).
sudo cp "<corporate-root-ca.pem>" /etc/pki/ca-trust/source/anchors/corporate-root-ca.pem
sudo update-ca-trust extract
python3 -m pip config --user set global.cert /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem
# --8<-- [end:fix-store-config-fedora]

# --8<-- [start:undo-store-config-fedora]
python3 -m pip config --user unset global.cert
sudo rm -f /etc/pki/ca-trust/source/anchors/corporate-root-ca.pem
sudo update-ca-trust extract
# --8<-- [end:undo-store-config-fedora]

# --8<-- [start:verify-store-fedora]
openssl verify -CAfile /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem "<corporate-root-ca.pem>"
# --8<-- [end:verify-store-fedora]
