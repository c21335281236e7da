#!/usr/bin/env bash
# Snippets for docs/fix/server-certificate (Linux and macOS alike).

# --8<-- [start:diagnose-server]
openssl s_client -connect <index-host>:443 -servername <index-host> -showcerts </dev/null 2>/dev/null \
  | grep -E "^ *[0-9]+ s:|^ *i:|^ *v:|Verify return code"
# --8<-- [end:diagnose-server]

# --8<-- [start:diagnose-names]
openssl s_client -connect <index-host>:443 -servername <index-host> </dev/null 2>/dev/null \
  | openssl x509 -noout -text | grep -E -A1 "Not Before|Subject Alternative Name"
# --8<-- [end:diagnose-names]

# --8<-- [start:diagnose-checker]
python3 pip_ssl_check.py --index-url <index-url>
# --8<-- [end:diagnose-checker]

# --8<-- [start:diagnose-config]
python3 -m pip config debug
# --8<-- [end:diagnose-config]

# --8<-- [start:fix-mirror]
export PIP_INDEX_URL="<mirror-index-url>"
# --8<-- [end:fix-mirror]

# --8<-- [start:undo-mirror]
unset PIP_INDEX_URL
# --8<-- [end:undo-mirror]

# --8<-- [start:verify-mirror]
python3 -m pip index versions <package>
# --8<-- [end:verify-mirror]
