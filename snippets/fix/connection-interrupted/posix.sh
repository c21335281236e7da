#!/usr/bin/env bash
# Snippets for docs/fix/connection-interrupted (Linux and macOS alike).

# --8<-- [start:diagnose-proxy]
env | grep -i '_proxy='
python3 -m pip config list
# --8<-- [end:diagnose-proxy]

# --8<-- [start:diagnose-without-proxy]
env -u https_proxy -u http_proxy -u all_proxy -u HTTPS_PROXY -u HTTP_PROXY -u ALL_PROXY -u PIP_PROXY \
  python3 -m pip index versions <package>
# --8<-- [end:diagnose-without-proxy]

# --8<-- [start:diagnose-paths]
for host in pypi.org files.pythonhosted.org; do
  for family in -4 -6; do
    curl "$family" -sS -o /dev/null --max-time 20 -w "$host $family: HTTP %{http_code}\n" "https://$host/"
  done
done
# --8<-- [end:diagnose-paths]

# --8<-- [start:fix-timeout]
python3 -m pip config --user set global.timeout 60
python3 -m pip config --user set global.retries 10
# --8<-- [end:fix-timeout]

# --8<-- [start:undo-timeout]
python3 -m pip config --user unset global.timeout
python3 -m pip config --user unset global.retries
# --8<-- [end:undo-timeout]

# --8<-- [start:verify]
python3 -m pip index versions <package>
# --8<-- [end:verify]
