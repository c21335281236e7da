#!/usr/bin/env bash
# Snippets for docs/fix/network-block (macOS).

# --8<-- [start:fix-flush-dns]
sudo dscacheutil -flushcache
sudo killall -HUP mDNSResponder
# --8<-- [end:fix-flush-dns]
