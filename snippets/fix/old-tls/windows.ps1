# Fix page "old-tls": Windows PowerShell.

# --8<-- [start:diagnose-tls]
py -c "import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)"
py -c "import socket, ssl; s = ssl.create_default_context().wrap_socket(socket.create_connection(('pypi.org', 443)), server_hostname='pypi.org'); print(s.version())"
# --8<-- [end:diagnose-tls]

# --8<-- [start:verify]
py -c "import socket, ssl; s = ssl.create_default_context().wrap_socket(socket.create_connection(('pypi.org', 443)), server_hostname='pypi.org'); print(s.version())"
py -m pip download --no-deps --dest "$env:TEMP\pip-ssl-verify" <package>
# --8<-- [end:verify]
