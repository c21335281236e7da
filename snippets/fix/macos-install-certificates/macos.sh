#!/usr/bin/env bash
# Fix page "macos-install-certificates": macOS only (python.org and Homebrew Pythons).

# --8<-- [start:diagnose-installs]
ls -d /Applications/Python\ 3*
# --8<-- [end:diagnose-installs]

# --8<-- [start:fix-install-certificates]
"/Applications/Python <x.y>/Install Certificates.command"
# --8<-- [end:fix-install-certificates]

# --8<-- [start:undo-install-certificates]
py="/Library/Frameworks/Python.framework/Versions/<x.y>/bin/python<x.y>"
rm -f "$("$py" -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile)')"
# --8<-- [end:undo-install-certificates]

# --8<-- [start:fix-manual]
py="/Library/Frameworks/Python.framework/Versions/<x.y>/bin/python<x.y>"
"$py" -m pip install --upgrade certifi
cafile="$("$py" -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile)')"
ln -sf "$("$py" -m certifi)" "$cafile"
# --8<-- [end:fix-manual]

# --8<-- [start:undo-manual]
py="/Library/Frameworks/Python.framework/Versions/<x.y>/bin/python<x.y>"
rm -f "$("$py" -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile)')"
# --8<-- [end:undo-manual]

# --8<-- [start:verify]
python<x.y> -c 'import urllib.request; print(urllib.request.urlopen("https://pypi.org/simple/pip/").status)'
# --8<-- [end:verify]

# --8<-- [start:fix-homebrew]
brew postinstall ca-certificates
# --8<-- [end:fix-homebrew]

# --8<-- [start:fix-truststore]
python<x.y> -m pip install truststore
# --8<-- [end:fix-truststore]

# --8<-- [start:undo-truststore]
python<x.y> -m pip uninstall -y truststore
# --8<-- [end:undo-truststore]
