# A wrong CA bundle setting: Windows PowerShell. Linted, not run.

# --8<-- [start:diagnose-env]
Get-ChildItem Env: | Where-Object Name -Match 'CERT|BUNDLE'
# --8<-- [end:diagnose-env]

# --8<-- [start:diagnose-persistent]
# Set for every new window? (User: yours; Machine: set by an administrator or IT)
foreach ($scope in "User", "Machine") {
    [Environment]::GetEnvironmentVariables($scope).GetEnumerator() |
        Where-Object Name -Match 'CERT|BUNDLE' |
        ForEach-Object { "$scope`t$($_.Name) = $($_.Value)" }
}
# --8<-- [end:diagnose-persistent]

# --8<-- [start:diagnose-pip-config]
py -m pip config debug
# --8<-- [end:diagnose-pip-config]

# --8<-- [start:diagnose-file]
Get-Item "<ca-bundle-file>"
(Select-String -Path "<ca-bundle-file>" -Pattern 'BEGIN CERTIFICATE').Count
# --8<-- [end:diagnose-file]

# --8<-- [start:fix-unset-env]
# For this window: remove every variable that names a CA bundle.
Remove-Item Env:REQUESTS_CA_BUNDLE, Env:CURL_CA_BUNDLE, Env:PIP_CERT, Env:SSL_CERT_FILE -ErrorAction SilentlyContinue
# --8<-- [end:fix-unset-env]

# --8<-- [start:fix-unset-persistent]
# For new windows: run the line for each variable that names the wrong file.
[Environment]::SetEnvironmentVariable("REQUESTS_CA_BUNDLE", $null, "User")
[Environment]::SetEnvironmentVariable("CURL_CA_BUNDLE", $null, "User")
[Environment]::SetEnvironmentVariable("PIP_CERT", $null, "User")
[Environment]::SetEnvironmentVariable("SSL_CERT_FILE", $null, "User")
# A "Machine" variable: the same with "Machine", in PowerShell run as administrator.
# --8<-- [end:fix-unset-persistent]

# --8<-- [start:undo-unset-persistent]
[Environment]::SetEnvironmentVariable("REQUESTS_CA_BUNDLE", "<ca-bundle-file>", "User")
# --8<-- [end:undo-unset-persistent]

# --8<-- [start:fix-unset-config]
py -m pip config --user unset global.cert
# --8<-- [end:fix-unset-config]

# --8<-- [start:undo-unset-config]
py -m pip config --user set global.cert "<ca-bundle-file>"
# --8<-- [end:undo-unset-config]

# --8<-- [start:verify]
py -m pip config list
py -m pip download --no-deps --no-cache-dir --dest "$env:TEMP\pip-verify" <package>
# --8<-- [end:verify]
