#!/usr/bin/env bash
# A wrong CA bundle setting: commands that work the same on Linux and macOS.

# --8<-- [start:diagnose-env]
env | grep -i -E 'cert|bundle'
# --8<-- [end:diagnose-env]

# --8<-- [start:diagnose-pip-config]
python3 -m pip config debug
# --8<-- [end:diagnose-pip-config]

# --8<-- [start:diagnose-shell-files]
# Where a variable is set for every new shell (the line number follows the file name):
grep -n -E 'REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|PIP_CERT|SSL_CERT_FILE' \
    "$HOME/.bashrc" "$HOME/.bash_profile" "$HOME/.profile" "$HOME/.zshrc" "$HOME/.zprofile" \
    /etc/environment /etc/profile /etc/profile.d/*.sh 2>/dev/null
# --8<-- [end:diagnose-shell-files]

# --8<-- [start:diagnose-file]
# Does the file exist, and how many certificates does it hold?
ls -l "<ca-bundle-file>"
grep -c 'BEGIN CERTIFICATE' "<ca-bundle-file>"
# --8<-- [end:diagnose-file]

# --8<-- [start:fix-unset-env]
# For this shell: remove every variable that names a CA bundle.
unset REQUESTS_CA_BUNDLE CURL_CA_BUNDLE PIP_CERT SSL_CERT_FILE
# --8<-- [end:fix-unset-env]

# --8<-- [start:undo-unset-env]
# Put back the one you removed, with its old value (REQUESTS_CA_BUNDLE as the example):
export REQUESTS_CA_BUNDLE="<ca-bundle-file>"
# --8<-- [end:undo-unset-env]

# --8<-- [start:fix-unset-config]
# A cert setting in your user pip config file:
python3 -m pip config --user unset global.cert
# --8<-- [end:fix-unset-config]

# --8<-- [start:undo-unset-config]
python3 -m pip config --user set global.cert "<ca-bundle-file>"
# --8<-- [end:undo-unset-config]

# --8<-- [start:verify]
python3 -m pip config list
python3 -m pip download --no-deps --no-cache-dir --dest "$(mktemp -d)" <package>
# --8<-- [end:verify]
