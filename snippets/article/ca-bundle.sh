# shellcheck shell=bash
# --8<-- [start:fix-ca-bundle]
mkdir -p "$HOME/.config/pip"
cat "$(python3 -m pip._vendor.certifi)" "<corporate-root-ca.pem>" > "$HOME/.config/pip/ca-bundle.pem"
python3 -m pip config --user set global.cert "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:fix-ca-bundle]
# --8<-- [start:fix-pip-cert-env]
export PIP_CERT="$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:fix-pip-cert-env]
# --8<-- [start:undo-ca-bundle]
python3 -m pip config --user unset global.cert
rm "$HOME/.config/pip/ca-bundle.pem"
# --8<-- [end:undo-ca-bundle]
