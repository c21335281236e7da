#!/usr/bin/env bash
# Snippets for docs/fix/clock-skew (Linux).
# fix-ntp turns on network time; fix-set-date sets the clock by hand.

# --8<-- [start:diagnose-clock]
date -u
timedatectl
# --8<-- [end:diagnose-clock]

# --8<-- [start:fix-ntp]
sudo timedatectl set-ntp true
# chrony (Fedora, RHEL and others) corrects a large error only at start-up; step it now.
if command -v chronyc >/dev/null; then sudo chronyc makestep; fi
# --8<-- [end:fix-ntp]

# --8<-- [start:verify-ntp]
timedatectl
# --8<-- [end:verify-ntp]

# --8<-- [start:undo-ntp]
sudo timedatectl set-ntp false
# --8<-- [end:undo-ntp]

# --8<-- [start:fix-set-date]
sudo date -u -s "<utc-date-time>"
# Raspberry Pi OS: store the time now, so the next boot starts from it.
if command -v fake-hwclock >/dev/null; then sudo fake-hwclock save; fi
# --8<-- [end:fix-set-date]

# --8<-- [start:verify-set-date]
date -u
# --8<-- [end:verify-set-date]

# --8<-- [start:fix-wsl]
sudo hwclock -s
# --8<-- [end:fix-wsl]
