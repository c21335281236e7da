# Last resort --trusted-host: Windows PowerShell. Linted, not run.

# --8<-- [start:diagnose-trusted]
py -m pip config debug
Get-ChildItem Env: | Where-Object Name -Match 'PIP_TRUSTED_HOST|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL'
# --8<-- [end:diagnose-trusted]

# --8<-- [start:fix-https-index]
py -m pip config --user set global.index-url "<index-url>"
# --8<-- [end:fix-https-index]

# --8<-- [start:fix-https-once]
py -m pip install --index-url "<index-url>" <package>
# --8<-- [end:fix-https-once]

# --8<-- [start:undo-https-index]
py -m pip config --user unset global.index-url
# --8<-- [end:undo-https-index]

# --8<-- [start:insecure-once]
py -m pip install --index-url "<index-url>" --trusted-host <index-host> <package>
# --8<-- [end:insecure-once]

# --8<-- [start:insecure-pypi-once]
# PyPI is two hosts: the index (pypi.org) and the files (files.pythonhosted.org).
py -m pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org <package>
# --8<-- [end:insecure-pypi-once]

# --8<-- [start:insecure-env]
$env:PIP_TRUSTED_HOST = "<index-host>"
# --8<-- [end:insecure-env]

# --8<-- [start:fix-untrust-env]
Remove-Item Env:PIP_TRUSTED_HOST
# --8<-- [end:fix-untrust-env]

# --8<-- [start:insecure-config]
py -m pip config --user set global.trusted-host "<index-host>"
# --8<-- [end:insecure-config]

# --8<-- [start:fix-untrust-config]
py -m pip config --user unset global.trusted-host
# --8<-- [end:fix-untrust-config]

# --8<-- [start:verify]
py -m pip config list
# --8<-- [end:verify]
