"""Snippets for docs/fix/strict-certificate: your own code on Python 3.13+.

Each section keeps certificate verification on and clears only the
VERIFY_X509_STRICT flag that Python 3.13 (and urllib3 >= 2.4 on 3.13)
switch on by default. Importing this module connects to nothing.
"""

# --8<-- [start:fix-own-context]
import ssl


def relaxed_context(cafile=None):
    """A verifying context without Python 3.13's extra RFC 5280 checks."""
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.verify_flags &= ~ssl.VERIFY_X509_STRICT
    return ctx


# urllib.request.urlopen("<index-url>", context=relaxed_context("<corporate-root-ca.pem>"))
# --8<-- [end:fix-own-context]

# --8<-- [start:fix-own-requests]
import requests
from requests.adapters import HTTPAdapter


class RelaxedAdapter(HTTPAdapter):
    """requests (urllib3 >= 2.4, Python 3.13+) without VERIFY_X509_STRICT."""

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = relaxed_context()
        return super().init_poolmanager(*args, **kwargs)


session = requests.Session()
session.mount("https://<index-host>/", RelaxedAdapter())
session.verify = "<corporate-root-ca.pem>"
# session.get("<index-url>")
# --8<-- [end:fix-own-requests]

