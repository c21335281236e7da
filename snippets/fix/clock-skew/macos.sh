#!/usr/bin/env bash
# Snippets for docs/fix/clock-skew (macOS).

# --8<-- [start:diagnose-clock]
date -u
sudo systemsetup -getusingnetworktime
# --8<-- [end:diagnose-clock]

# --8<-- [start:fix-ntp]
sudo systemsetup -setusingnetworktime on
sudo sntp -sS time.apple.com
# --8<-- [end:fix-ntp]

# --8<-- [start:verify-ntp]
date -u
sudo systemsetup -getusingnetworktime
# --8<-- [end:verify-ntp]

# --8<-- [start:undo-ntp]
sudo systemsetup -setusingnetworktime off
# --8<-- [end:undo-ntp]
