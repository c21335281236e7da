# --8<-- [start:fix-windows-store]
Import-Certificate -FilePath "<corporate-root-ca.pem>" -CertStoreLocation Cert:\CurrentUser\Root
# --8<-- [end:fix-windows-store]
