#!/usr/bin/env bash
# Corporate proxy or TLS inspection: macOS only. Linted, not run.

# --8<-- [start:fix-export-root]
# Export the root from the System and login keychains as PEM (-c matches part of its name):
security find-certificate -a -p -c "<root-ca-name>" \
    /Library/Keychains/System.keychain "$HOME/Library/Keychains/login.keychain-db" \
    > "$HOME/corporate-root-ca.pem"
# --8<-- [end:fix-export-root]

# --8<-- [start:fix-keychain]
# Only if the root is not in the System keychain yet (needs an administrator):
sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "<corporate-root-ca.pem>"
# --8<-- [end:fix-keychain]

# --8<-- [start:undo-keychain]
# Only the root in this file (matched by its SHA-1 hash), not others with a similar name:
sha1=$(openssl x509 -in "<corporate-root-ca.pem>" -noout -fingerprint -sha1 | cut -d= -f2 | tr -d :)
sudo security remove-trusted-cert -d "<corporate-root-ca.pem>"
sudo security delete-certificate -Z "$sha1" /Library/Keychains/System.keychain
# --8<-- [end:undo-keychain]

# --8<-- [start:fix-upgrade-pip]
# pip 24.2+ (25.2+ behind a proxy) on Python 3.10+ trusts the keychains.
# --cert lets this one command through.
python3 -m pip install --cert "<corporate-root-ca.pem>" "pip>=25.2"
# --8<-- [end:fix-upgrade-pip]
