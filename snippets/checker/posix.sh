#!/usr/bin/env bash
# The checker on macOS and Linux: run in the folder where you saved pip_ssl_check.py,
# with the Python that runs pip (a virtual environment's python once it is activated).

# --8<-- [start:probe]
python3 pip_ssl_check.py
# --8<-- [end:probe]

# --8<-- [start:probe-offline]
python3 pip_ssl_check.py --offline
# --8<-- [end:probe-offline]

# --8<-- [start:explain-file]
python3 pip_ssl_check.py --explain error.txt
# --8<-- [end:explain-file]

# --8<-- [start:explain-clipboard-macos]
pbpaste | python3 pip_ssl_check.py --explain -
# --8<-- [end:explain-clipboard-macos]
