#!/usr/bin/env bash
# Last resort --trusted-host: commands that work the same on Linux and macOS.

# --8<-- [start:diagnose-trusted]
# Is any host already trusted, and from where?
python3 -m pip config debug
env | grep -i -E 'PIP_TRUSTED_HOST|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL'
# --8<-- [end:diagnose-trusted]

# --8<-- [start:fix-https-index]
# Use the index over HTTPS, with verification on (your user pip config file):
python3 -m pip config --user set global.index-url "<index-url>"
# --8<-- [end:fix-https-index]

# --8<-- [start:fix-https-once]
# Or for one command only:
python3 -m pip install --index-url "<index-url>" <package>
# --8<-- [end:fix-https-once]

# --8<-- [start:undo-https-index]
python3 -m pip config --user unset global.index-url
# --8<-- [end:undo-https-index]

# --8<-- [start:insecure-once]
# One command, one host: pip stops verifying <index-host> for this command only.
python3 -m pip install --index-url "<index-url>" --trusted-host <index-host> <package>
# --8<-- [end:insecure-once]

# --8<-- [start:insecure-pypi-once]
# PyPI is two hosts: the index (pypi.org) and the files (files.pythonhosted.org).
python3 -m pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org <package>
# --8<-- [end:insecure-pypi-once]

# --8<-- [start:insecure-env]
# Every pip command in this shell, until you close it or unset it:
export PIP_TRUSTED_HOST="<index-host>"
# --8<-- [end:insecure-env]

# --8<-- [start:fix-untrust-env]
unset PIP_TRUSTED_HOST
# --8<-- [end:fix-untrust-env]

# --8<-- [start:insecure-config]
# Every pip command from now on, until you remove it (your user pip config file):
python3 -m pip config --user set global.trusted-host "<index-host>"
# --8<-- [end:insecure-config]

# --8<-- [start:fix-untrust-config]
python3 -m pip config --user unset global.trusted-host
# --8<-- [end:fix-untrust-config]

# --8<-- [start:verify]
python3 -m pip config list
# --8<-- [end:verify]
