#!/usr/bin/env bash
# Snippets for docs/fix/network-block (Linux and macOS alike).

# --8<-- [start:diagnose-dns]
nslookup pypi.org
nslookup pypi.org 1.1.1.1
# --8<-- [end:diagnose-dns]

# --8<-- [start:diagnose-cert]
openssl s_client -connect pypi.org:443 -servername pypi.org </dev/null 2>/dev/null \
  | openssl x509 -noout -subject -issuer
# --8<-- [end:diagnose-cert]

# --8<-- [start:diagnose-hosts]
grep -nE "pypi|pythonhosted|<index-host>" /etc/hosts
# --8<-- [end:diagnose-hosts]

# --8<-- [start:fix-hosts]
sudo cp /etc/hosts /etc/hosts.bak
grep -vE '[[:space:]](pypi\.org|files\.pythonhosted\.org|<index-host>)([[:space:]]|$)' /etc/hosts.bak \
  | sudo tee /etc/hosts >/dev/null
# --8<-- [end:fix-hosts]

# --8<-- [start:undo-hosts]
sudo cp /etc/hosts.bak /etc/hosts
# --8<-- [end:undo-hosts]

# --8<-- [start:verify]
python3 -m pip index versions <package>
# --8<-- [end:verify]
