# shellcheck shell=bash
# --8<-- [start:diagnose-versions]
python3 --version
python3 -m pip --version
# --8<-- [end:diagnose-versions]
# --8<-- [start:fix-upgrade-pip]
python3 -m pip install --upgrade pip
# --8<-- [end:fix-upgrade-pip]
# --8<-- [start:fix-upgrade-pip-cert]
python3 -m pip install --upgrade pip --cert "<corporate-root-ca.pem>"
# --8<-- [end:fix-upgrade-pip-cert]
# --8<-- [start:verify]
python3 -m pip download --no-deps --dest "$(mktemp -d)" pip
# --8<-- [end:verify]
