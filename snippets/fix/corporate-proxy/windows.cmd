@echo off
REM Corporate proxy or TLS inspection: Windows cmd. Linted, not run.

REM --8<-- [start:fix-export-root]
REM Export the root by its thumbprint from the machine store (add -user for your own store),
REM then convert to PEM:
certutil -store Root <root-ca-thumbprint> "%USERPROFILE%\corporate-root-ca.cer"
certutil -f -encode "%USERPROFILE%\corporate-root-ca.cer" "%USERPROFILE%\corporate-root-ca.pem"
REM --8<-- [end:fix-export-root]

REM --8<-- [start:fix-bundle]
REM Public roots (pip's own certifi copy) + your root, in a file no upgrade touches:
mkdir "%APPDATA%\pip" 2>nul
py -c "from pip._vendor import certifi; print(certifi.where())" > "%TEMP%\certifi-path.txt"
set /p CERTIFI=<"%TEMP%\certifi-path.txt"
copy /y /b "%CERTIFI%" + "<corporate-root-ca.pem>" "%APPDATA%\pip\ca-bundle.pem"
REM Point pip at it, in your user pip config file:
py -m pip config --user set global.cert "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:fix-bundle]

REM --8<-- [start:undo-bundle]
py -m pip config --user unset global.cert
del "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:undo-bundle]

REM --8<-- [start:fix-bundle-env]
REM The same bundle, used through PIP_CERT for this window only:
mkdir "%APPDATA%\pip" 2>nul
py -c "from pip._vendor import certifi; print(certifi.where())" > "%TEMP%\certifi-path.txt"
set /p CERTIFI=<"%TEMP%\certifi-path.txt"
copy /y /b "%CERTIFI%" + "<corporate-root-ca.pem>" "%APPDATA%\pip\ca-bundle.pem"
set "PIP_CERT=%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:fix-bundle-env]

REM --8<-- [start:undo-bundle-env]
set "PIP_CERT="
del "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:undo-bundle-env]

REM --8<-- [start:fix-requests]
REM requests (and tools built on it) read REQUESTS_CA_BUNDLE; pip too, and it wins.
mkdir "%APPDATA%\pip" 2>nul
py -c "from pip._vendor import certifi; print(certifi.where())" > "%TEMP%\certifi-path.txt"
set /p CERTIFI=<"%TEMP%\certifi-path.txt"
copy /y /b "%CERTIFI%" + "<corporate-root-ca.pem>" "%APPDATA%\pip\ca-bundle.pem"
set "REQUESTS_CA_BUNDLE=%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:fix-requests]

REM --8<-- [start:undo-requests]
set "REQUESTS_CA_BUNDLE="
del "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:undo-requests]

REM --8<-- [start:diagnose-env]
set | findstr /i "CERT BUNDLE"
REM --8<-- [end:diagnose-env]

REM --8<-- [start:verify]
py -m pip download --no-deps --no-cache-dir --dest "%TEMP%\pip-verify" <package>
REM --8<-- [end:verify]
