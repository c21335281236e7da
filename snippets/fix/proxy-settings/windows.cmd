@echo off
REM Snippets for docs/fix/proxy-settings (Windows cmd).

REM --8<-- [start:diagnose-proxy]
set | findstr /i "_proxy="
py -m pip config list
reg query "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings" /v ProxyServer
REM --8<-- [end:diagnose-proxy]

REM --8<-- [start:fix-env]
set "HTTPS_PROXY=http://<proxy-host>:<proxy-port>"
set "HTTP_PROXY=http://<proxy-host>:<proxy-port>"
REM --8<-- [end:fix-env]

REM --8<-- [start:undo-env]
set "HTTPS_PROXY="
set "HTTP_PROXY="
REM --8<-- [end:undo-env]

REM --8<-- [start:fix-env-credentials]
set "HTTPS_PROXY=http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>"
set "HTTP_PROXY=http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>"
REM --8<-- [end:fix-env-credentials]

REM --8<-- [start:undo-env-credentials]
set "HTTPS_PROXY="
set "HTTP_PROXY="
REM --8<-- [end:undo-env-credentials]

REM --8<-- [start:fix-env-user]
setx HTTPS_PROXY "http://<proxy-host>:<proxy-port>"
setx HTTP_PROXY "http://<proxy-host>:<proxy-port>"
REM --8<-- [end:fix-env-user]

REM --8<-- [start:undo-env-user]
reg delete "HKCU\Environment" /v HTTPS_PROXY /f
reg delete "HKCU\Environment" /v HTTP_PROXY /f
REM --8<-- [end:undo-env-user]

REM --8<-- [start:fix-pip-config]
py -m pip config --user set global.proxy "http://<proxy-host>:<proxy-port>"
REM --8<-- [end:fix-pip-config]

REM --8<-- [start:undo-pip-config]
py -m pip config --user unset global.proxy
REM --8<-- [end:undo-pip-config]

REM --8<-- [start:fix-pip-config-credentials]
py -m pip config --user set global.proxy "http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>"
REM --8<-- [end:fix-pip-config-credentials]

REM --8<-- [start:undo-pip-config-credentials]
py -m pip config --user unset global.proxy
REM --8<-- [end:undo-pip-config-credentials]

REM --8<-- [start:fix-px]
winget install genotrance.px
px --proxy=<proxy-host>:<proxy-port>
REM --8<-- [end:fix-px]

REM --8<-- [start:fix-px-env]
set "HTTPS_PROXY=http://127.0.0.1:3128"
set "HTTP_PROXY=http://127.0.0.1:3128"
REM --8<-- [end:fix-px-env]

REM --8<-- [start:fix-no-proxy]
set "NO_PROXY=<index-host>,localhost,127.0.0.1"
REM --8<-- [end:fix-no-proxy]

REM --8<-- [start:undo-no-proxy]
set "NO_PROXY="
REM --8<-- [end:undo-no-proxy]

REM --8<-- [start:verify]
py -m pip index versions <package>
REM --8<-- [end:verify]
