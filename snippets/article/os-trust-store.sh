# shellcheck shell=bash
# --8<-- [start:fix-macos-keychain]
sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "<corporate-root-ca.pem>"
# --8<-- [end:fix-macos-keychain]
# --8<-- [start:fix-debian]
sudo cp "<corporate-root-ca.pem>" /usr/local/share/ca-certificates/corporate-root-ca.crt
sudo update-ca-certificates
# --8<-- [end:fix-debian]
# --8<-- [start:fix-fedora]
sudo cp "<corporate-root-ca.pem>" /etc/pki/ca-trust/source/anchors/corporate-root-ca.pem
sudo update-ca-trust
# --8<-- [end:fix-fedora]
