#!/usr/bin/env bash
# Snippets for docs/fix/network-block (Linux).

# --8<-- [start:fix-flush-dns]
if command -v resolvectl >/dev/null; then sudo resolvectl flush-caches; fi
# --8<-- [end:fix-flush-dns]
