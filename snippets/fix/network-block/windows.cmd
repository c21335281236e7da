@echo off
REM Snippets for docs/fix/network-block (Windows cmd; fix as administrator).

REM --8<-- [start:diagnose-dns]
nslookup pypi.org
nslookup pypi.org 1.1.1.1
REM --8<-- [end:diagnose-dns]

REM --8<-- [start:diagnose-hosts]
findstr /i "pypi pythonhosted <index-host>" "%SystemRoot%\System32\drivers\etc\hosts"
REM --8<-- [end:diagnose-hosts]

REM --8<-- [start:fix-hosts]
notepad "%SystemRoot%\System32\drivers\etc\hosts"
ipconfig /flushdns
REM --8<-- [end:fix-hosts]

REM --8<-- [start:fix-flush-dns]
ipconfig /flushdns
REM --8<-- [end:fix-flush-dns]

REM --8<-- [start:verify]
py -m pip index versions <package>
REM --8<-- [end:verify]
