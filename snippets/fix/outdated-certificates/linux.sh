#!/usr/bin/env bash
# Fix page "outdated-certificates": Linux only, one section per distribution family.
# Updating ca-certificates refreshes the OS bundle that distribution-packaged pip
# (Debian/Ubuntu and Fedora/RHEL python3-pip), pip >= 24.2 on Python >= 3.10, curl and
# OpenSSL read. A package upgrade has no undo section: see the page's #undo.

# --8<-- [start:diagnose-os-bundle]
ls -l /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem 2>/dev/null
python3 -c 'import ssl; print(ssl.get_default_verify_paths())'
# --8<-- [end:diagnose-os-bundle]

# --8<-- [start:fix-ca-certificates-debian]
sudo apt-get update
sudo apt-get install -y ca-certificates
# --8<-- [end:fix-ca-certificates-debian]

# --8<-- [start:fix-ca-certificates-fedora]
sudo dnf upgrade -y ca-certificates
# --8<-- [end:fix-ca-certificates-fedora]

# --8<-- [start:fix-ca-certificates-alpine]
apk add --upgrade ca-certificates
# --8<-- [end:fix-ca-certificates-alpine]

# --8<-- [start:fix-ca-certificates-arch]
sudo pacman -Syu --needed ca-certificates
# --8<-- [end:fix-ca-certificates-arch]
