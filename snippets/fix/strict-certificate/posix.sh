#!/usr/bin/env bash
# Snippets for docs/fix/strict-certificate (Linux and macOS alike).
# Sections: fix-* / undo-* / verify-* are executed by the lab; diagnose-* only look.

# --8<-- [start:diagnose-python]
python3 -c 'import ssl, sys; print(sys.version.split()[0], "VERIFY_X509_STRICT:", bool(ssl.create_default_context().verify_flags & ssl.VERIFY_X509_STRICT))'
# --8<-- [end:diagnose-python]

# --8<-- [start:diagnose-ca]
openssl x509 -in "<corporate-root-ca.pem>" -noout -text
# --8<-- [end:diagnose-ca]

# --8<-- [start:diagnose-chain]
openssl s_client -connect <index-host>:443 -servername <index-host> -showcerts </dev/null 2>/dev/null \
  | openssl crl2pkcs7 -nocrl -certfile /dev/stdin \
  | openssl pkcs7 -print_certs -text -noout \
  | grep -E "Subject:|Issuer:|X509v3 |CA:"
# --8<-- [end:diagnose-chain]

# --8<-- [start:verify]
python3 -c 'import ssl, urllib.request; ctx = ssl.create_default_context(cafile="<corporate-root-ca.pem>"); print(urllib.request.urlopen("<index-url>", context=ctx).status)'
# --8<-- [end:verify]

# --8<-- [start:diagnose-pip-verifier]
python3 -m pip --version
python3 -m pip config list
env | grep '^PIP_USE_DEPRECATED='
# --8<-- [end:diagnose-pip-verifier]

# --8<-- [start:fix-pip-verifier]
unset PIP_USE_DEPRECATED
# "ERROR: No such key" below only means that the setting was not there.
python3 -m pip config unset global.use-deprecated || true
# --8<-- [end:fix-pip-verifier]

# --8<-- [start:verify-pip-verifier]
python3 -m pip download --no-deps --dest "$(mktemp -d)" <package>
# --8<-- [end:verify-pip-verifier]

# --8<-- [start:undo-pip-verifier]
python3 -m pip config --user set global.use-deprecated legacy-certs
# --8<-- [end:undo-pip-verifier]

# --8<-- [start:fix-python312]
python3.12 -m venv "$HOME/.venvs/py312"
"$HOME/.venvs/py312/bin/python" -m pip install <package>
# --8<-- [end:fix-python312]

# --8<-- [start:verify-python312]
"$HOME/.venvs/py312/bin/python" -m pip download --no-deps --dest "$(mktemp -d)" <package>
# --8<-- [end:verify-python312]

# --8<-- [start:undo-python312]
rm -rf "$HOME/.venvs/py312"
# --8<-- [end:undo-python312]

# --8<-- [start:fix-poetry-python312]
pipx reinstall --python python3.12 poetry
# --8<-- [end:fix-poetry-python312]

# --8<-- [start:verify-poetry-python312]
poetry debug info
# --8<-- [end:verify-poetry-python312]

# --8<-- [start:undo-poetry-python312]
pipx reinstall --python python3.13 poetry
# --8<-- [end:undo-poetry-python312]
