#!/usr/bin/env bash
# Fix page "python-without-ssl": Linux only. Each fix-pyenv-* section installs the
# OpenSSL headers (and the other build dependencies pyenv's wiki lists) for one
# distribution family, then rebuilds the same Python version in place.

# --8<-- [start:diagnose-ldd]
ldd "$(python3 -c 'import sysconfig; print(sysconfig.get_path("platstdlib"))')"/lib-dynload/_ssl*.so | grep -E 'ssl|crypto'
# --8<-- [end:diagnose-ldd]

# --8<-- [start:fix-pyenv-debian]
sudo apt-get update
sudo apt-get install -y build-essential libssl-dev zlib1g-dev libbz2-dev libreadline-dev \
  libsqlite3-dev libncurses-dev xz-utils tk-dev libxml2-dev libxmlsec1-dev libffi-dev liblzma-dev
pyenv install -f <python-version>
# --8<-- [end:fix-pyenv-debian]

# --8<-- [start:fix-pyenv-fedora]
sudo dnf install -y make gcc patch zlib-devel bzip2 bzip2-devel readline-devel sqlite \
  sqlite-devel openssl-devel tk-devel libffi-devel xz-devel libuuid-devel gdbm-libs libnsl2
pyenv install -f <python-version>
# --8<-- [end:fix-pyenv-fedora]

# --8<-- [start:fix-pyenv-alpine]
apk add --no-cache git bash build-base libffi-dev openssl-dev bzip2-dev zlib-dev xz-dev \
  readline-dev sqlite-dev tk-dev
pyenv install -f <python-version>
# --8<-- [end:fix-pyenv-alpine]

# --8<-- [start:fix-pyenv-arch]
sudo pacman -S --needed base-devel openssl zlib xz tk
pyenv install -f <python-version>
# --8<-- [end:fix-pyenv-arch]

# --8<-- [start:fix-source-build]
./configure
make -j "$(nproc)"
sudo make altinstall
# --8<-- [end:fix-source-build]

# --8<-- [start:fix-source-build-openssl-dir]
./configure --with-openssl=<openssl-dir> --with-openssl-rpath=auto
make -j "$(nproc)"
sudo make altinstall
# --8<-- [end:fix-source-build-openssl-dir]
