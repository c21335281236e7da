# Snippets for docs/fix/server-certificate (Windows PowerShell).

# --8<-- [start:diagnose-checker]
py pip_ssl_check.py --index-url <index-url>
# --8<-- [end:diagnose-checker]

# --8<-- [start:diagnose-config]
py -m pip config debug
# --8<-- [end:diagnose-config]

# --8<-- [start:fix-mirror]
$env:PIP_INDEX_URL = "<mirror-index-url>"
# --8<-- [end:fix-mirror]

# --8<-- [start:undo-mirror]
Remove-Item Env:PIP_INDEX_URL
# --8<-- [end:undo-mirror]

# --8<-- [start:verify-mirror]
py -m pip index versions <package>
# --8<-- [end:verify-mirror]
