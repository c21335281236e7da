# shellcheck shell=bash
# --8<-- [start:pip]
python3 -m pip config --user set global.cert "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:pip]
# --8<-- [start:uv-system-certs]
export UV_SYSTEM_CERTS=1
# --8<-- [end:uv-system-certs]
# --8<-- [start:uv-ca-bundle]
export SSL_CERT_FILE="$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:uv-ca-bundle]
# --8<-- [start:conda-truststore]
conda config --set ssl_verify truststore
# --8<-- [end:conda-truststore]
# --8<-- [start:conda-ca-bundle]
conda config --set ssl_verify "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:conda-ca-bundle]
# --8<-- [start:poetry]
poetry config certificates.<repository-name>.cert "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:poetry]
# --8<-- [start:requests]
export REQUESTS_CA_BUNDLE="$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:requests]
