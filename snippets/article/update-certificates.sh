# shellcheck shell=bash
# --8<-- [start:fix-macos-install-certificates]
"/Applications/Python <x.y>/Install Certificates.command"
# --8<-- [end:fix-macos-install-certificates]
# --8<-- [start:fix-debian]
sudo apt-get update
sudo apt-get install ca-certificates
# --8<-- [end:fix-debian]
# --8<-- [start:fix-fedora]
sudo dnf upgrade ca-certificates
# --8<-- [end:fix-fedora]
# --8<-- [start:fix-certifi]
python3 -m pip install --upgrade certifi
# --8<-- [end:fix-certifi]
