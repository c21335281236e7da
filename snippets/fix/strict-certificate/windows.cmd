@echo off
REM Snippets for docs/fix/strict-certificate (Windows cmd).

REM --8<-- [start:diagnose-python]
py -c "import ssl, sys; print(sys.version.split()[0], 'VERIFY_X509_STRICT:', bool(ssl.create_default_context().verify_flags & ssl.VERIFY_X509_STRICT))"
REM --8<-- [end:diagnose-python]

REM --8<-- [start:diagnose-ca]
certutil -dump "<corporate-root-ca.pem>"
REM --8<-- [end:diagnose-ca]

REM --8<-- [start:verify]
py -c "import ssl, urllib.request; ctx = ssl.create_default_context(cafile=r'<corporate-root-ca.pem>'); print(urllib.request.urlopen('<index-url>', context=ctx).status)"
REM --8<-- [end:verify]

REM --8<-- [start:diagnose-pip-verifier]
py -m pip --version
py -m pip config list
set PIP_USE_DEPRECATED
REM --8<-- [end:diagnose-pip-verifier]

REM --8<-- [start:fix-pip-verifier]
set "PIP_USE_DEPRECATED="
REM "ERROR: No such key" below only means that the setting was not there.
py -m pip config unset global.use-deprecated
REM --8<-- [end:fix-pip-verifier]

REM --8<-- [start:undo-pip-verifier]
py -m pip config --user set global.use-deprecated legacy-certs
REM --8<-- [end:undo-pip-verifier]

REM --8<-- [start:fix-python312]
py -3.12 -m venv "%USERPROFILE%\.venvs\py312"
"%USERPROFILE%\.venvs\py312\Scripts\python.exe" -m pip install <package>
REM --8<-- [end:fix-python312]

REM --8<-- [start:undo-python312]
rmdir /s /q "%USERPROFILE%\.venvs\py312"
REM --8<-- [end:undo-python312]
