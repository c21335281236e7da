@echo off
REM Snippets for docs/fix/server-certificate (Windows cmd).

REM --8<-- [start:diagnose-checker]
py pip_ssl_check.py --index-url <index-url>
REM --8<-- [end:diagnose-checker]

REM --8<-- [start:diagnose-config]
py -m pip config debug
REM --8<-- [end:diagnose-config]

REM --8<-- [start:fix-mirror]
set "PIP_INDEX_URL=<mirror-index-url>"
REM --8<-- [end:fix-mirror]

REM --8<-- [start:undo-mirror]
set "PIP_INDEX_URL="
REM --8<-- [end:undo-mirror]

REM --8<-- [start:verify-mirror]
py -m pip index versions <package>
REM --8<-- [end:verify-mirror]
