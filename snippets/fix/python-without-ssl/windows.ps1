# Fix page "python-without-ssl": Windows PowerShell.

# --8<-- [start:diagnose-ssl]
py -0p
py -c "import ssl; print(ssl.OPENSSL_VERSION)"
# --8<-- [end:diagnose-ssl]

# --8<-- [start:verify]
py -c "import ssl; print(ssl.OPENSSL_VERSION)"
py -m pip download --no-deps --dest "$env:TEMP\pip-ssl-verify" <package>
# --8<-- [end:verify]
