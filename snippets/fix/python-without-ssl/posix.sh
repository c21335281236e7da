#!/usr/bin/env bash
# shellcheck disable=SC1091  # the activate script exists only after the fix has run
# Fix page "python-without-ssl": commands that work the same on Linux and macOS.

# --8<-- [start:diagnose-ssl]
python3 -c 'import sys; print(sys.executable)'
python3 -c 'import ssl; print(ssl.OPENSSL_VERSION)'
# --8<-- [end:diagnose-ssl]

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
python3 -c 'import ssl; print(ssl.OPENSSL_VERSION)'
python3 -m pip download --no-deps --dest "${TMPDIR:-/tmp}/pip-ssl-verify" <package>
# --8<-- [end:verify]
