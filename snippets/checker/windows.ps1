# The checker in Windows PowerShell: run in the folder where you saved pip_ssl_check.py.
# `py` is the Python launcher; in an activated virtual environment use `python` instead.

# --8<-- [start:probe]
py pip_ssl_check.py
# --8<-- [end:probe]

# --8<-- [start:probe-offline]
py pip_ssl_check.py --offline
# --8<-- [end:probe-offline]

# --8<-- [start:explain-file]
py pip_ssl_check.py --explain error.txt
# --8<-- [end:explain-file]

# --8<-- [start:explain-clipboard]
Get-Clipboard | py pip_ssl_check.py --explain -
# --8<-- [end:explain-clipboard]
