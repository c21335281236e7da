"""sitelint: the site's link, parity and snippet linter.

One set of checks, used two ways: ``scripts/docs.py lint`` (``make lint``) runs
them over the sources without a build (:mod:`sitelint.cli`), and the MkDocs hook
``scripts/hooks/lint.py`` runs the same checks once per ``mkdocs build`` and adds
what only a build knows (the ids and links of the rendered HTML).

A finding prints as ``path:line: CODE: message``; every code is listed, with what
it guards against, in :mod:`sitelint.codes`.
"""
