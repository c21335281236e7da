@echo off
REM Last resort --trusted-host: Windows cmd. Linted, not run.

REM --8<-- [start:diagnose-trusted]
py -m pip config debug
set | findstr /i "PIP_TRUSTED_HOST PIP_INDEX_URL PIP_EXTRA_INDEX_URL"
REM --8<-- [end:diagnose-trusted]

REM --8<-- [start:fix-https-index]
py -m pip config --user set global.index-url "<index-url>"
REM --8<-- [end:fix-https-index]

REM --8<-- [start:fix-https-once]
py -m pip install --index-url "<index-url>" <package>
REM --8<-- [end:fix-https-once]

REM --8<-- [start:undo-https-index]
py -m pip config --user unset global.index-url
REM --8<-- [end:undo-https-index]

REM --8<-- [start:insecure-once]
py -m pip install --index-url "<index-url>" --trusted-host <index-host> <package>
REM --8<-- [end:insecure-once]

REM --8<-- [start:insecure-env]
set "PIP_TRUSTED_HOST=<index-host>"
REM --8<-- [end:insecure-env]

REM --8<-- [start:fix-untrust-env]
set "PIP_TRUSTED_HOST="
REM --8<-- [end:fix-untrust-env]

REM --8<-- [start:insecure-config]
py -m pip config --user set global.trusted-host "<index-host>"
REM --8<-- [end:insecure-config]

REM --8<-- [start:fix-untrust-config]
py -m pip config --user unset global.trusted-host
REM --8<-- [end:fix-untrust-config]

REM --8<-- [start:verify]
py -m pip config list
REM --8<-- [end:verify]
