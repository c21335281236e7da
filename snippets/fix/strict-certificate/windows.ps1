# Snippets for docs/fix/strict-certificate (Windows PowerShell).

# --8<-- [start:diagnose-python]
py -c "import ssl, sys; print(sys.version.split()[0], 'VERIFY_X509_STRICT:', bool(ssl.create_default_context().verify_flags & ssl.VERIFY_X509_STRICT))"
# --8<-- [end:diagnose-python]

# --8<-- [start:diagnose-ca]
certutil -dump "<corporate-root-ca.pem>"
# --8<-- [end:diagnose-ca]

# --8<-- [start:verify]
py -c "import ssl, urllib.request; ctx = ssl.create_default_context(cafile=r'<corporate-root-ca.pem>'); print(urllib.request.urlopen('<index-url>', context=ctx).status)"
# --8<-- [end:verify]

# --8<-- [start:diagnose-pip-verifier]
py -m pip --version
py -m pip config list
Get-ChildItem Env:PIP_USE_DEPRECATED -ErrorAction SilentlyContinue
# --8<-- [end:diagnose-pip-verifier]

# --8<-- [start:fix-pip-verifier]
Remove-Item Env:PIP_USE_DEPRECATED -ErrorAction SilentlyContinue
# "ERROR: No such key" below only means that the setting was not there.
py -m pip config unset global.use-deprecated
# --8<-- [end:fix-pip-verifier]

# --8<-- [start:undo-pip-verifier]
py -m pip config --user set global.use-deprecated legacy-certs
# --8<-- [end:undo-pip-verifier]

# --8<-- [start:fix-python312]
py -3.12 -m venv "$env:USERPROFILE\.venvs\py312"
& "$env:USERPROFILE\.venvs\py312\Scripts\python.exe" -m pip install <package>
# --8<-- [end:fix-python312]

# --8<-- [start:undo-python312]
Remove-Item -Recurse -Force "$env:USERPROFILE\.venvs\py312"
# --8<-- [end:undo-python312]
