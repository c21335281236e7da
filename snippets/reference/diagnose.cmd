REM --8<-- [start:diagnose-env]
set | findstr /i /r "^REQUESTS_CA_BUNDLE= ^CURL_CA_BUNDLE= ^PIP_CERT= ^PIP_CONFIG_FILE= ^SSL_CERT_ ^HTTPS*_PROXY= ^NO_PROXY="
REM --8<-- [end:diagnose-env]
