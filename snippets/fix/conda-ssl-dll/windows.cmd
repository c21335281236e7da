REM Fix page "conda-ssl-dll": Windows cmd (commands typed at the prompt). <conda-root> is
REM the folder Anaconda or Miniconda is installed in; <conda-env> the environment you use
REM (base for the root one).

REM --8<-- [start:diagnose-dlls]
where python
python -c "import ssl; print(ssl.OPENSSL_VERSION)"
where libssl*.dll libcrypto*.dll
REM --8<-- [end:diagnose-dlls]

REM --8<-- [start:fix-activate]
call "<conda-root>\Scripts\activate.bat" "<conda-root>"
conda activate <conda-env>
REM --8<-- [end:fix-activate]

REM --8<-- [start:fix-conda-init]
"<conda-root>\Scripts\conda.exe" init cmd.exe
REM --8<-- [end:fix-conda-init]

REM --8<-- [start:undo-conda-init]
"<conda-root>\Scripts\conda.exe" init --reverse cmd.exe
REM --8<-- [end:undo-conda-init]

REM --8<-- [start:diagnose-system32]
dir "%SystemRoot%\System32\libssl*.dll" "%SystemRoot%\System32\libcrypto*.dll"
REM --8<-- [end:diagnose-system32]

REM --8<-- [start:fix-stray-dlls]
ren "%SystemRoot%\System32\<dll-name>" "<dll-name>.bak"
REM --8<-- [end:fix-stray-dlls]

REM --8<-- [start:undo-stray-dlls]
ren "%SystemRoot%\System32\<dll-name>.bak" "<dll-name>"
REM --8<-- [end:undo-stray-dlls]

REM --8<-- [start:fix-reinstall-openssl]
conda install -n <conda-env> --force-reinstall openssl
REM --8<-- [end:fix-reinstall-openssl]

REM --8<-- [start:fix-copy-dlls]
copy "<conda-root>\Library\bin\libssl-*.dll" "<conda-root>\DLLs\"
copy "<conda-root>\Library\bin\libcrypto-*.dll" "<conda-root>\DLLs\"
REM --8<-- [end:fix-copy-dlls]

REM --8<-- [start:undo-copy-dlls]
del "<conda-root>\DLLs\libssl-*.dll" "<conda-root>\DLLs\libcrypto-*.dll"
REM --8<-- [end:undo-copy-dlls]

REM --8<-- [start:verify]
python -c "import ssl; print(ssl.OPENSSL_VERSION)"
python -m pip download --no-deps --dest "%TEMP%\pip-ssl-verify" <package>
REM --8<-- [end:verify]
