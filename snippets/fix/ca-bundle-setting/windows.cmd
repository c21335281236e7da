@echo off
REM A wrong CA bundle setting: Windows cmd. Linted, not run.

REM --8<-- [start:diagnose-env]
set | findstr /i "CERT BUNDLE"
REM --8<-- [end:diagnose-env]

REM --8<-- [start:diagnose-persistent]
REM Set for every new window? (HKCU: yours; HKLM: set by an administrator or IT)
reg query HKCU\Environment | findstr /i "CERT BUNDLE"
reg query "HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment" | findstr /i "CERT BUNDLE"
REM --8<-- [end:diagnose-persistent]

REM --8<-- [start:diagnose-pip-config]
py -m pip config debug
REM --8<-- [end:diagnose-pip-config]

REM --8<-- [start:diagnose-file]
dir "<ca-bundle-file>"
find /c "BEGIN CERTIFICATE" "<ca-bundle-file>"
REM --8<-- [end:diagnose-file]

REM --8<-- [start:fix-unset-env]
REM For this window: remove every variable that names a CA bundle.
set "REQUESTS_CA_BUNDLE="
set "CURL_CA_BUNDLE="
set "PIP_CERT="
set "SSL_CERT_FILE="
REM --8<-- [end:fix-unset-env]

REM --8<-- [start:fix-env-dialog]
REM For new windows: opens the Environment Variables dialog (your user's variables).
rundll32 sysdm.cpl,EditEnvironmentVariables
REM --8<-- [end:fix-env-dialog]

REM --8<-- [start:fix-unset-config]
py -m pip config --user unset global.cert
REM --8<-- [end:fix-unset-config]

REM --8<-- [start:undo-unset-config]
py -m pip config --user set global.cert "<ca-bundle-file>"
REM --8<-- [end:undo-unset-config]

REM --8<-- [start:verify]
py -m pip config list
py -m pip download --no-deps --no-cache-dir --dest "%TEMP%\pip-verify" <package>
REM --8<-- [end:verify]
