# --8<-- [start:diagnose-versions]
py --version
py -m pip --version
# --8<-- [end:diagnose-versions]
# --8<-- [start:fix-upgrade-pip]
py -m pip install --upgrade pip
# --8<-- [end:fix-upgrade-pip]
# --8<-- [start:fix-upgrade-pip-cert]
py -m pip install --upgrade pip --cert "<corporate-root-ca.pem>"
# --8<-- [end:fix-upgrade-pip-cert]
# --8<-- [start:verify]
py -m pip download --no-deps --dest "$env:TEMP\pip-check" pip
# --8<-- [end:verify]
