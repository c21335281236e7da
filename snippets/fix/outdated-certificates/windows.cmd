REM Fix page "outdated-certificates": Windows cmd (commands typed at the prompt).

REM --8<-- [start:diagnose-versions]
py -m pip --version
py -m pip debug --verbose 2>nul | findstr certifi
py -c "import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)"
REM --8<-- [end:diagnose-versions]

REM --8<-- [start:fix-upgrade-pip]
py -m pip install --upgrade pip
REM --8<-- [end:fix-upgrade-pip]

REM --8<-- [start:undo-upgrade-pip]
py -m pip install "pip==<pip-version>"
REM --8<-- [end:undo-upgrade-pip]

REM --8<-- [start:fix-get-pip]
curl.exe -fsSLo "%TEMP%\get-pip.py" https://bootstrap.pypa.io/get-pip.py
py "%TEMP%\get-pip.py"
REM --8<-- [end:fix-get-pip]

REM --8<-- [start:undo-get-pip]
py -m pip install "pip==<pip-version>"
REM --8<-- [end:undo-get-pip]

REM --8<-- [start:fix-ensurepip]
py -m ensurepip --upgrade
REM --8<-- [end:fix-ensurepip]

REM --8<-- [start:undo-ensurepip]
py -m pip install "pip==<pip-version>"
REM --8<-- [end:undo-ensurepip]

REM --8<-- [start:fix-export-bundle]
py pip_ssl_check.py --export-bundle "%APPDATA%\pip\ca-bundle.pem"
py -m pip config --user set global.cert "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:fix-export-bundle]

REM --8<-- [start:undo-export-bundle]
py -m pip config --user unset global.cert
del "%APPDATA%\pip\ca-bundle.pem"
REM --8<-- [end:undo-export-bundle]

REM --8<-- [start:verify]
py -m pip download --no-deps --dest "%TEMP%\pip-ssl-verify" <package>
REM --8<-- [end:verify]

REM Neighbours of pip. These change requests, uv, conda or Poetry, not pip itself.

REM --8<-- [start:fix-requests-certifi]
py -m pip install --upgrade certifi
REM --8<-- [end:fix-requests-certifi]

REM --8<-- [start:verify-requests-certifi]
py -c "import certifi; print(certifi.__version__, certifi.where())"
REM --8<-- [end:verify-requests-certifi]

REM --8<-- [start:undo-requests-certifi]
py -m pip install "certifi==<certifi-version>"
REM --8<-- [end:undo-requests-certifi]

REM --8<-- [start:fix-uv-upgrade]
uv self update
REM --8<-- [end:fix-uv-upgrade]

REM --8<-- [start:fix-uv-system-certs]
uv pip install --system-certs <package>
REM --8<-- [end:fix-uv-system-certs]

REM --8<-- [start:fix-conda-update]
conda update -n base ca-certificates certifi
REM --8<-- [end:fix-conda-update]

REM --8<-- [start:fix-conda-truststore]
conda config --set ssl_verify truststore
REM --8<-- [end:fix-conda-truststore]

REM --8<-- [start:undo-conda-truststore]
conda config --remove-key ssl_verify
REM --8<-- [end:undo-conda-truststore]

REM --8<-- [start:fix-poetry-bundle]
set "REQUESTS_CA_BUNDLE=%APPDATA%\pip\ca-bundle.pem"
poetry install
set "REQUESTS_CA_BUNDLE="
REM --8<-- [end:fix-poetry-bundle]
