#!/usr/bin/env bash
# Fix page "old-tls": macOS only. The system Python 2.7 of macOS 10.12 and older is
# linked against OpenSSL 0.9.8; pip 9.0.3 and later switch to macOS's own TLS there.

# --8<-- [start:fix-get-pip-py27]
curl -fsSLo get-pip.py https://bootstrap.pypa.io/pip/2.7/get-pip.py
python get-pip.py --user
# --8<-- [end:fix-get-pip-py27]

# --8<-- [start:undo-get-pip-py27]
python -m pip uninstall -y pip
# --8<-- [end:undo-get-pip-py27]
