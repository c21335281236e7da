# Fix page "outdated-certificates": Windows PowerShell.

# --8<-- [start:diagnose-versions]
py -m pip --version
py -m pip debug --verbose 2>$null | Select-String certifi
py -c "import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)"
# --8<-- [end:diagnose-versions]

# --8<-- [start:fix-upgrade-pip]
py -m pip install --upgrade pip
# --8<-- [end:fix-upgrade-pip]

# --8<-- [start:undo-upgrade-pip]
py -m pip install "pip==<pip-version>"
# --8<-- [end:undo-upgrade-pip]

# --8<-- [start:fix-get-pip]
Invoke-WebRequest -Uri "https://bootstrap.pypa.io/get-pip.py" -OutFile "$env:TEMP\get-pip.py"
py "$env:TEMP\get-pip.py"
# --8<-- [end:fix-get-pip]

# --8<-- [start:undo-get-pip]
py -m pip install "pip==<pip-version>"
# --8<-- [end:undo-get-pip]

# --8<-- [start:fix-ensurepip]
py -m ensurepip --upgrade
# --8<-- [end:fix-ensurepip]

# --8<-- [start:undo-ensurepip]
py -m pip install "pip==<pip-version>"
# --8<-- [end:undo-ensurepip]

# --8<-- [start:fix-export-bundle]
py pip_ssl_check.py --export-bundle "$env:APPDATA\pip\ca-bundle.pem"
py -m pip config --user set global.cert "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:fix-export-bundle]

# --8<-- [start:undo-export-bundle]
py -m pip config --user unset global.cert
Remove-Item "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:undo-export-bundle]

# --8<-- [start:verify]
py -m pip download --no-deps --dest "$env:TEMP\pip-ssl-verify" <package>
# --8<-- [end:verify]

# Neighbours of pip. These change requests, uv, conda or Poetry, not pip itself.

# --8<-- [start:fix-requests-certifi]
py -m pip install --upgrade certifi
# --8<-- [end:fix-requests-certifi]

# --8<-- [start:verify-requests-certifi]
py -c "import certifi; print(certifi.__version__, certifi.where())"
# --8<-- [end:verify-requests-certifi]

# --8<-- [start:undo-requests-certifi]
py -m pip install "certifi==<certifi-version>"
# --8<-- [end:undo-requests-certifi]

# --8<-- [start:fix-uv-upgrade]
uv self update
# --8<-- [end:fix-uv-upgrade]

# --8<-- [start:fix-uv-system-certs]
uv pip install --system-certs <package>
# --8<-- [end:fix-uv-system-certs]

# --8<-- [start:fix-conda-update]
conda update -n base ca-certificates certifi
# --8<-- [end:fix-conda-update]

# --8<-- [start:fix-conda-truststore]
conda config --set ssl_verify truststore
# --8<-- [end:fix-conda-truststore]

# --8<-- [start:undo-conda-truststore]
conda config --remove-key ssl_verify
# --8<-- [end:undo-conda-truststore]

# --8<-- [start:fix-poetry-bundle]
$env:REQUESTS_CA_BUNDLE = "$env:APPDATA\pip\ca-bundle.pem"
poetry install
Remove-Item Env:REQUESTS_CA_BUNDLE
# --8<-- [end:fix-poetry-bundle]
