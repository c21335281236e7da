# --8<-- [start:fix-ca-bundle]
New-Item -ItemType Directory -Force -Path "$env:APPDATA\pip" | Out-Null
$certifi = py -m pip._vendor.certifi
Get-Content -Path $certifi, "<corporate-root-ca.pem>" | Set-Content -Encoding ascii -Path "$env:APPDATA\pip\ca-bundle.pem"
py -m pip config --user set global.cert "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:fix-ca-bundle]
# --8<-- [start:fix-pip-cert-env]
[Environment]::SetEnvironmentVariable("PIP_CERT", "$env:APPDATA\pip\ca-bundle.pem", "User")
# --8<-- [end:fix-pip-cert-env]
# --8<-- [start:undo-ca-bundle]
py -m pip config --user unset global.cert
Remove-Item "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:undo-ca-bundle]
