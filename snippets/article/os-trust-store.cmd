REM --8<-- [start:fix-windows-store]
certutil -user -addstore Root "<corporate-root-ca.pem>"
REM --8<-- [end:fix-windows-store]
