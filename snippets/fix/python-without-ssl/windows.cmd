REM Fix page "python-without-ssl": Windows cmd (commands typed at the prompt).

REM --8<-- [start:diagnose-ssl]
py -0p
py -c "import ssl; print(ssl.OPENSSL_VERSION)"
REM --8<-- [end:diagnose-ssl]

REM --8<-- [start:verify]
py -c "import ssl; print(ssl.OPENSSL_VERSION)"
py -m pip download --no-deps --dest "%TEMP%\pip-ssl-verify" <package>
REM --8<-- [end:verify]
