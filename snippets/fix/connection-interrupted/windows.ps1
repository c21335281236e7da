# Snippets for docs/fix/connection-interrupted (Windows PowerShell; fix-ipv4 as administrator).

# --8<-- [start:diagnose-proxy]
Get-ChildItem Env: | Where-Object Name -like "*_proxy"
py -m pip config list
# --8<-- [end:diagnose-proxy]

# --8<-- [start:diagnose-without-proxy]
Remove-Item Env:HTTPS_PROXY, Env:HTTP_PROXY, Env:ALL_PROXY, Env:PIP_PROXY -ErrorAction SilentlyContinue
py -m pip index versions <package>
# --8<-- [end:diagnose-without-proxy]

# --8<-- [start:diagnose-paths]
foreach ($hostName in "pypi.org", "files.pythonhosted.org") {
  foreach ($family in "-4", "-6") {
    curl.exe $family -sS -o NUL --max-time 20 -w "$hostName ${family}: HTTP %{http_code}\n" "https://$hostName/"
  }
}
# --8<-- [end:diagnose-paths]

# --8<-- [start:fix-timeout]
py -m pip config --user set global.timeout 60
py -m pip config --user set global.retries 10
# --8<-- [end:fix-timeout]

# --8<-- [start:undo-timeout]
py -m pip config --user unset global.timeout
py -m pip config --user unset global.retries
# --8<-- [end:undo-timeout]

# --8<-- [start:fix-ipv4]
New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters" -Name DisabledComponents -PropertyType DWord -Value 0x20 -Force
# --8<-- [end:fix-ipv4]

# --8<-- [start:undo-ipv4]
Remove-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters" -Name DisabledComponents
# --8<-- [end:undo-ipv4]

# --8<-- [start:verify]
py -m pip index versions <package>
# --8<-- [end:verify]
