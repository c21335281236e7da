@echo off
REM Snippets for docs/fix/connection-interrupted (Windows cmd; fix-ipv4 as administrator).

REM --8<-- [start:diagnose-proxy]
set | findstr /i "_proxy="
py -m pip config list
REM --8<-- [end:diagnose-proxy]

REM --8<-- [start:diagnose-without-proxy]
set "HTTPS_PROXY="
set "HTTP_PROXY="
set "ALL_PROXY="
set "PIP_PROXY="
py -m pip index versions <package>
REM --8<-- [end:diagnose-without-proxy]

REM --8<-- [start:diagnose-paths]
curl.exe -4 -sS -o NUL --max-time 20 https://pypi.org/ && echo pypi.org over IPv4: OK
curl.exe -6 -sS -o NUL --max-time 20 https://pypi.org/ && echo pypi.org over IPv6: OK
curl.exe -4 -sS -o NUL --max-time 20 https://files.pythonhosted.org/ && echo files.pythonhosted.org over IPv4: OK
curl.exe -6 -sS -o NUL --max-time 20 https://files.pythonhosted.org/ && echo files.pythonhosted.org over IPv6: OK
REM --8<-- [end:diagnose-paths]

REM --8<-- [start:fix-timeout]
py -m pip config --user set global.timeout 60
py -m pip config --user set global.retries 10
REM --8<-- [end:fix-timeout]

REM --8<-- [start:undo-timeout]
py -m pip config --user unset global.timeout
py -m pip config --user unset global.retries
REM --8<-- [end:undo-timeout]

REM --8<-- [start:fix-ipv4]
reg add "HKLM\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters" /v DisabledComponents /t REG_DWORD /d 0x20 /f
REM --8<-- [end:fix-ipv4]

REM --8<-- [start:undo-ipv4]
reg delete "HKLM\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters" /v DisabledComponents /f
REM --8<-- [end:undo-ipv4]

REM --8<-- [start:verify]
py -m pip index versions <package>
REM --8<-- [end:verify]
