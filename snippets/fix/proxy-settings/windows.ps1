# Snippets for docs/fix/proxy-settings (Windows PowerShell).

# --8<-- [start:diagnose-proxy]
Get-ChildItem Env: | Where-Object Name -like "*_proxy"
py -m pip config list
Get-ItemProperty "HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings" | Select-Object ProxyEnable, ProxyServer, AutoConfigURL
# --8<-- [end:diagnose-proxy]

# --8<-- [start:fix-env]
$env:HTTPS_PROXY = "http://<proxy-host>:<proxy-port>"
$env:HTTP_PROXY = $env:HTTPS_PROXY
# --8<-- [end:fix-env]

# --8<-- [start:undo-env]
Remove-Item Env:HTTPS_PROXY, Env:HTTP_PROXY
# --8<-- [end:undo-env]

# --8<-- [start:fix-env-credentials]
$env:HTTPS_PROXY = 'http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>'
$env:HTTP_PROXY = $env:HTTPS_PROXY
# --8<-- [end:fix-env-credentials]

# --8<-- [start:undo-env-credentials]
Remove-Item Env:HTTPS_PROXY, Env:HTTP_PROXY
# --8<-- [end:undo-env-credentials]

# --8<-- [start:fix-env-user]
[Environment]::SetEnvironmentVariable("HTTPS_PROXY", "http://<proxy-host>:<proxy-port>", "User")
[Environment]::SetEnvironmentVariable("HTTP_PROXY", "http://<proxy-host>:<proxy-port>", "User")
# --8<-- [end:fix-env-user]

# --8<-- [start:undo-env-user]
[Environment]::SetEnvironmentVariable("HTTPS_PROXY", $null, "User")
[Environment]::SetEnvironmentVariable("HTTP_PROXY", $null, "User")
# --8<-- [end:undo-env-user]

# --8<-- [start:fix-pip-config]
py -m pip config --user set global.proxy "http://<proxy-host>:<proxy-port>"
# --8<-- [end:fix-pip-config]

# --8<-- [start:undo-pip-config]
py -m pip config --user unset global.proxy
# --8<-- [end:undo-pip-config]

# --8<-- [start:fix-pip-config-credentials]
py -m pip config --user set global.proxy 'http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>'
# --8<-- [end:fix-pip-config-credentials]

# --8<-- [start:undo-pip-config-credentials]
py -m pip config --user unset global.proxy
# --8<-- [end:undo-pip-config-credentials]

# --8<-- [start:fix-px]
winget install genotrance.px
px --proxy=<proxy-host>:<proxy-port>
# --8<-- [end:fix-px]

# --8<-- [start:fix-px-env]
$env:HTTPS_PROXY = "http://127.0.0.1:3128"
$env:HTTP_PROXY = $env:HTTPS_PROXY
# --8<-- [end:fix-px-env]

# --8<-- [start:fix-no-proxy]
$env:NO_PROXY = "<index-host>,localhost,127.0.0.1"
# --8<-- [end:fix-no-proxy]

# --8<-- [start:undo-no-proxy]
Remove-Item Env:NO_PROXY
# --8<-- [end:undo-no-proxy]

# --8<-- [start:verify]
py -m pip index versions <package>
# --8<-- [end:verify]
