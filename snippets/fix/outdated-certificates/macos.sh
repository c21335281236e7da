#!/usr/bin/env bash
# Fix page "outdated-certificates": macOS only.

# --8<-- [start:fix-homebrew-ca-certificates]
brew update
brew upgrade ca-certificates
brew postinstall ca-certificates
# --8<-- [end:fix-homebrew-ca-certificates]
