# --8<-- [start:diagnose-config]
py -m pip config debug
# --8<-- [end:diagnose-config]
# --8<-- [start:diagnose-debug]
py -m pip debug --verbose
# --8<-- [end:diagnose-debug]
# --8<-- [start:diagnose-env]
Get-ChildItem Env: | Where-Object Name -Match '^(REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|PIP_CERT|PIP_CONFIG_FILE|SSL_CERT_FILE|SSL_CERT_DIR|HTTPS?_PROXY|NO_PROXY)$'
# --8<-- [end:diagnose-env]
# --8<-- [start:diagnose-python-ssl]
py -c "import ssl; print(ssl.OPENSSL_VERSION); print(ssl.get_default_verify_paths())"
# --8<-- [end:diagnose-python-ssl]
