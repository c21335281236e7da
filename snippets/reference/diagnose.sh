# shellcheck shell=bash
# --8<-- [start:diagnose-config]
python3 -m pip config debug
# --8<-- [end:diagnose-config]
# --8<-- [start:diagnose-debug]
python3 -m pip debug --verbose
# --8<-- [end:diagnose-debug]
# --8<-- [start:diagnose-env]
env | grep -i -E '^(requests_ca_bundle|curl_ca_bundle|pip_cert|pip_config_file|ssl_cert_file|ssl_cert_dir|https?_proxy|no_proxy)='
# --8<-- [end:diagnose-env]
# --8<-- [start:diagnose-python-ssl]
python3 -c "import ssl; print(ssl.OPENSSL_VERSION); print(ssl.get_default_verify_paths())"
# --8<-- [end:diagnose-python-ssl]
