#!/usr/bin/env bash
# Snippets for docs/fix/weak-crypto (Linux and macOS alike).
# This cause is fixed on the certificate's side, so there is no fix-* section here.

# --8<-- [start:diagnose-ca]
openssl x509 -in "<corporate-root-ca.pem>" -noout -text | grep -E "Signature Algorithm|Public-Key|Subject:"
# --8<-- [end:diagnose-ca]

# --8<-- [start:diagnose-chain]
openssl s_client -connect <index-host>:443 -servername <index-host> -showcerts </dev/null 2>/dev/null \
  | openssl crl2pkcs7 -nocrl -certfile /dev/stdin \
  | openssl pkcs7 -print_certs -text -noout \
  | grep -E "Subject:|Issuer:|Signature Algorithm|Public-Key"
# --8<-- [end:diagnose-chain]

# --8<-- [start:verify]
python3 -c 'import ssl, urllib.request; ctx = ssl.create_default_context(cafile="<corporate-root-ca.pem>"); print(urllib.request.urlopen("<index-url>", context=ctx).status)'
# --8<-- [end:verify]
