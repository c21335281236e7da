# Fix page "macos-install-certificates": let Python's ssl module verify with the
# macOS keychain (Python 3.10 or newer, after `pip install truststore`).

# --8<-- [start:fix-truststore-code]
import truststore

truststore.inject_into_ssl()
# --8<-- [end:fix-truststore-code]
