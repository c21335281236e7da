#!/usr/bin/env bash
# Snippets for docs/fix/connection-interrupted (Linux with glibc; not Alpine/musl).

# --8<-- [start:fix-ipv4]
if ! grep -qx 'precedence ::ffff:0:0/96  100' /etc/gai.conf 2>/dev/null; then
  echo 'precedence ::ffff:0:0/96  100' | sudo tee -a /etc/gai.conf >/dev/null
fi
# --8<-- [end:fix-ipv4]

# --8<-- [start:undo-ipv4]
sudo cp /etc/gai.conf /etc/gai.conf.bak
grep -vx 'precedence ::ffff:0:0/96  100' /etc/gai.conf.bak | sudo tee /etc/gai.conf >/dev/null
# --8<-- [end:undo-ipv4]
