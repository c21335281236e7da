#!/usr/bin/env bash
# Snippets for docs/fix/connection-interrupted (macOS).

# --8<-- [start:fix-ipv4]
sudo networksetup -setv6off Wi-Fi
# --8<-- [end:fix-ipv4]

# --8<-- [start:undo-ipv4]
sudo networksetup -setv6automatic Wi-Fi
# --8<-- [end:undo-ipv4]
