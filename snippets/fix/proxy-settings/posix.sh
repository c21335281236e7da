#!/usr/bin/env bash
# Snippets for docs/fix/proxy-settings (Linux and macOS alike).

# --8<-- [start:diagnose-proxy]
env | grep -i '_proxy='
python3 -m pip config list
# --8<-- [end:diagnose-proxy]

# --8<-- [start:fix-env]
export https_proxy="http://<proxy-host>:<proxy-port>"
export http_proxy="$https_proxy" HTTPS_PROXY="$https_proxy" HTTP_PROXY="$https_proxy"
# --8<-- [end:fix-env]

# --8<-- [start:undo-env]
unset https_proxy http_proxy HTTPS_PROXY HTTP_PROXY
# --8<-- [end:undo-env]

# --8<-- [start:fix-env-credentials]
export https_proxy='http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>'
export http_proxy="$https_proxy" HTTPS_PROXY="$https_proxy" HTTP_PROXY="$https_proxy"
# --8<-- [end:fix-env-credentials]

# --8<-- [start:undo-env-credentials]
unset https_proxy http_proxy HTTPS_PROXY HTTP_PROXY
# --8<-- [end:undo-env-credentials]

# --8<-- [start:fix-pip-config]
python3 -m pip config --user set global.proxy "http://<proxy-host>:<proxy-port>"
# --8<-- [end:fix-pip-config]

# --8<-- [start:undo-pip-config]
python3 -m pip config --user unset global.proxy
# --8<-- [end:undo-pip-config]

# --8<-- [start:fix-pip-config-credentials]
python3 -m pip config --user set global.proxy 'http://<proxy-user>:<proxy-password>@<proxy-host>:<proxy-port>'
# --8<-- [end:fix-pip-config-credentials]

# --8<-- [start:undo-pip-config-credentials]
python3 -m pip config --user unset global.proxy
# --8<-- [end:undo-pip-config-credentials]

# --8<-- [start:fix-no-proxy]
export no_proxy="<index-host>,localhost,127.0.0.1"
export NO_PROXY="$no_proxy"
# --8<-- [end:fix-no-proxy]

# --8<-- [start:undo-no-proxy]
unset no_proxy NO_PROXY
# --8<-- [end:undo-no-proxy]

# --8<-- [start:verify]
python3 -m pip index versions <package>
# --8<-- [end:verify]
