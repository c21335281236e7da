#!/usr/bin/env bash
# Fix page "macos-install-certificates": the diagnosis works on Linux and macOS alike.

# --8<-- [start:diagnose-openssl-cafile]
python3 -c 'import ssl, sys; print(sys.executable); print(ssl.OPENSSL_VERSION); print(ssl.get_default_verify_paths())'
# --8<-- [end:diagnose-openssl-cafile]
