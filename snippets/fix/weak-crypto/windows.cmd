@echo off
REM Snippets for docs/fix/weak-crypto (Windows cmd).

REM --8<-- [start:diagnose-ca]
certutil -dump "<corporate-root-ca.pem>" | findstr /c:"Algorithm ObjectId" /c:"Public Key Length"
REM --8<-- [end:diagnose-ca]

REM --8<-- [start:verify]
py -c "import ssl, urllib.request; ctx = ssl.create_default_context(cafile=r'<corporate-root-ca.pem>'); print(urllib.request.urlopen('<index-url>', context=ctx).status)"
REM --8<-- [end:verify]
