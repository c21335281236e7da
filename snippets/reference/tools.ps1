# --8<-- [start:pip]
py -m pip config --user set global.cert "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:pip]
# --8<-- [start:uv-system-certs]
[Environment]::SetEnvironmentVariable("UV_SYSTEM_CERTS", "1", "User")
# --8<-- [end:uv-system-certs]
# --8<-- [start:uv-ca-bundle]
[Environment]::SetEnvironmentVariable("SSL_CERT_FILE", "$env:APPDATA\pip\ca-bundle.pem", "User")
# --8<-- [end:uv-ca-bundle]
# --8<-- [start:conda-truststore]
conda config --set ssl_verify truststore
# --8<-- [end:conda-truststore]
# --8<-- [start:conda-ca-bundle]
conda config --set ssl_verify "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:conda-ca-bundle]
# --8<-- [start:poetry]
poetry config certificates.<repository-name>.cert "$env:APPDATA\pip\ca-bundle.pem"
# --8<-- [end:poetry]
# --8<-- [start:requests]
[Environment]::SetEnvironmentVariable("REQUESTS_CA_BUNDLE", "$env:APPDATA\pip\ca-bundle.pem", "User")
# --8<-- [end:requests]
