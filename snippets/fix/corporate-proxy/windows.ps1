# Corporate proxy or TLS inspection: Windows PowerShell. Linted, not run.

# --8<-- [start:diagnose-roots]
# Roots in the Windows store whose name matches:
Get-ChildItem Cert:\LocalMachine\Root, Cert:\CurrentUser\Root |
    Where-Object Subject -Like "*<root-ca-name>*" |
    Format-List Subject, Thumbprint, NotAfter, PSParentPath
# --8<-- [end:diagnose-roots]

# --8<-- [start:fix-export-root]
# Export it by its thumbprint (DER), then convert to PEM, the format pip reads:
$cert = Get-ChildItem Cert:\LocalMachine\Root, Cert:\CurrentUser\Root |
    Where-Object Thumbprint -EQ "<root-ca-thumbprint>" | Select-Object -First 1
Export-Certificate -Cert $cert -FilePath "$env:USERPROFILE\corporate-root-ca.cer" -Type CERT
certutil -f -encode "$env:USERPROFILE\corporate-root-ca.cer" "$env:USERPROFILE\corporate-root-ca.pem"
# --8<-- [end:fix-export-root]

# --8<-- [start:diagnose-root-file]
certutil -dump "<corporate-root-ca.pem>"
# --8<-- [end:diagnose-root-file]

# --8<-- [start:fix-store]
# Only if the root is not in the Windows store yet: add it for your user
# (Windows asks you to confirm). The same command works in cmd.
certutil -user -addstore Root "<corporate-root-ca.pem>"
# --8<-- [end:fix-store]

# --8<-- [start:undo-store]
# Only the root with this thumbprint, and only from your own store:
certutil -user -delstore Root <root-ca-thumbprint>
# --8<-- [end:undo-store]

# --8<-- [start:diagnose-versions]
py -m pip --version
# --8<-- [end:diagnose-versions]

# --8<-- [start:fix-upgrade-pip]
# pip 24.2+ (25.2+ behind a proxy) on Python 3.10+ trusts the Windows store.
# --cert lets this one command through. The same command works in cmd.
py -m pip install --cert "<corporate-root-ca.pem>" "pip>=25.2"
# --8<-- [end:fix-upgrade-pip]

# --8<-- [start:fix-upgrade-pip-truststore]
# pip 23.3 to 24.0, 24.1.1 or 24.1.2 on Python 3.10+: no file needed. Same in cmd.
py -m pip install --use-feature=truststore "pip>=25.2"
# --8<-- [end:fix-upgrade-pip-truststore]

# --8<-- [start:fix-bundle]
# Public roots (pip's own certifi copy) + your root, in a file no upgrade touches:
$bundle = "$env:APPDATA\pip\ca-bundle.pem"
New-Item -ItemType Directory -Force -Path "$env:APPDATA\pip" | Out-Null
$certifi = py -c "from pip._vendor import certifi; print(certifi.where())"
Get-Content -Path $certifi, "<corporate-root-ca.pem>" | Set-Content -Encoding ascii -Path $bundle
# Point pip at it, in your user pip config file:
py -m pip config --user set global.cert $bundle
# --8<-- [end:fix-bundle]

# --8<-- [start:undo-bundle]
py -m pip config --user unset global.cert
Remove-Item "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:undo-bundle]

# --8<-- [start:verify-bundle]
py -m pip config list
(Select-String -Path "$env:APPDATA\pip\ca-bundle.pem" -Pattern 'BEGIN CERTIFICATE').Count
# --8<-- [end:verify-bundle]

# --8<-- [start:fix-bundle-env]
# The same bundle, used through PIP_CERT for this window only:
$bundle = "$env:APPDATA\pip\ca-bundle.pem"
New-Item -ItemType Directory -Force -Path "$env:APPDATA\pip" | Out-Null
$certifi = py -c "from pip._vendor import certifi; print(certifi.where())"
Get-Content -Path $certifi, "<corporate-root-ca.pem>" | Set-Content -Encoding ascii -Path $bundle
$env:PIP_CERT = $bundle
# --8<-- [end:fix-bundle-env]

# --8<-- [start:undo-bundle-env]
Remove-Item Env:PIP_CERT
Remove-Item "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:undo-bundle-env]

# --8<-- [start:fix-requests]
# requests (and tools built on it) read REQUESTS_CA_BUNDLE; pip too, and it wins.
$bundle = "$env:APPDATA\pip\ca-bundle.pem"
New-Item -ItemType Directory -Force -Path "$env:APPDATA\pip" | Out-Null
$certifi = py -c "from pip._vendor import certifi; print(certifi.where())"
Get-Content -Path $certifi, "<corporate-root-ca.pem>" | Set-Content -Encoding ascii -Path $bundle
$env:REQUESTS_CA_BUNDLE = $bundle
# --8<-- [end:fix-requests]

# --8<-- [start:undo-requests]
Remove-Item Env:REQUESTS_CA_BUNDLE
Remove-Item "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:undo-requests]

# --8<-- [start:diagnose-env]
Get-ChildItem Env: | Where-Object Name -Match 'CERT|BUNDLE'
# --8<-- [end:diagnose-env]

# --8<-- [start:verify]
py -m pip download --no-deps --no-cache-dir --dest "$env:TEMP\pip-verify" <package>
# --8<-- [end:verify]
