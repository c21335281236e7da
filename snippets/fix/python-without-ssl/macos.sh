#!/usr/bin/env bash
# Fix page "python-without-ssl": macOS only (Homebrew supplies OpenSSL; pyenv finds it).

# --8<-- [start:diagnose-otool]
otool -L "$(python3 -c 'import sysconfig; print(sysconfig.get_path("platstdlib"))')"/lib-dynload/_ssl*.so | grep -E 'ssl|crypto'
# --8<-- [end:diagnose-otool]

# --8<-- [start:fix-pyenv-homebrew]
brew install openssl@3 readline sqlite3 xz zlib
pyenv install -f <python-version>
# --8<-- [end:fix-pyenv-homebrew]

# --8<-- [start:fix-source-build-homebrew]
./configure --with-openssl="$(brew --prefix openssl@3)"
make -j "$(sysctl -n hw.ncpu)"
sudo make altinstall
# --8<-- [end:fix-source-build-homebrew]
