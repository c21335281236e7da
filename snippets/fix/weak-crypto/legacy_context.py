"""Snippets for docs/fix/weak-crypto: lowering OpenSSL's security level in your own code.

Shown only inside a danger admonition: it makes the connection accept
cryptography that can be forged. Importing this module connects to nothing.
"""

# --8<-- [start:insecure-seclevel]
import ssl


def legacy_context(cafile=None):
    """Verifies as usual, but accepts RSA keys of 1024 bits (security level 1)."""
    ctx = ssl.create_default_context(cafile=cafile)
    # "@SECLEVEL=0" would also accept SHA-1 signatures: on OpenSSL 3, level 1 does not.
    ctx.set_ciphers("DEFAULT:@SECLEVEL=1")
    return ctx


# urllib.request.urlopen("<index-url>", context=legacy_context("<corporate-root-ca.pem>"))
# --8<-- [end:insecure-seclevel]
