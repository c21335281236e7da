#!/usr/bin/env bash
# shellcheck disable=SC1091  # the activate script exists only after the fix has run
# Fix page "old-tls": commands that work the same on Linux and macOS.

# --8<-- [start:diagnose-tls]
python3 -c 'import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'
python3 -c 'import socket, ssl; s = ssl.create_default_context().wrap_socket(socket.create_connection(("pypi.org", 443)), server_hostname="pypi.org"); print(s.version())'
# --8<-- [end:diagnose-tls]

# --8<-- [start:diagnose-openssl-tls12]
openssl s_client -connect pypi.org:443 -servername pypi.org -tls1_2 </dev/null 2>&1 | grep -E '^New,|Protocol  :|alert'
# --8<-- [end:diagnose-openssl-tls12]

# --8<-- [start:fix-uv-python]
uv python install <x.y>
uv venv --seed --python <x.y> "$HOME/.venvs/py<x.y>"
. "$HOME/.venvs/py<x.y>/bin/activate"
# --8<-- [end:fix-uv-python]

# --8<-- [start:undo-uv-python]
deactivate
rm -rf "$HOME/.venvs/py<x.y>"
uv python uninstall <x.y>
# --8<-- [end:undo-uv-python]

# --8<-- [start:verify]
python3 -c 'import socket, ssl; s = ssl.create_default_context().wrap_socket(socket.create_connection(("pypi.org", 443)), server_hostname="pypi.org"); print(s.version())'
python3 -m pip download --no-deps --dest "${TMPDIR:-/tmp}/pip-ssl-verify" <package>
# --8<-- [end:verify]
