@echo off
REM The checker in Windows cmd: run in the folder where you saved pip_ssl_check.py.
REM py is the Python launcher; in an activated virtual environment use python instead.

REM --8<-- [start:probe]
py pip_ssl_check.py
REM --8<-- [end:probe]

REM --8<-- [start:probe-offline]
py pip_ssl_check.py --offline
REM --8<-- [end:probe-offline]

REM --8<-- [start:explain-file]
py pip_ssl_check.py --explain error.txt
REM --8<-- [end:explain-file]
