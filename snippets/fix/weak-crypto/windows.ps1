# Snippets for docs/fix/weak-crypto (Windows PowerShell).

# --8<-- [start:diagnose-ca]
certutil -dump "<corporate-root-ca.pem>" | Select-String "Algorithm ObjectId|Public Key Length"
# --8<-- [end:diagnose-ca]

# --8<-- [start:verify]
py -c "import ssl, urllib.request; ctx = ssl.create_default_context(cafile=r'<corporate-root-ca.pem>'); print(urllib.request.urlopen('<index-url>', context=ctx).status)"
# --8<-- [end:verify]
