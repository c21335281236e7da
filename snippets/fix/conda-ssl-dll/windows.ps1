# Fix page "conda-ssl-dll": Windows PowerShell. <conda-root> is the folder Anaconda or
# Miniconda is installed in; <conda-env> the environment you use (base for the root one).

# --8<-- [start:diagnose-dlls]
(Get-Command python).Source
python -c "import ssl; print(ssl.OPENSSL_VERSION)"
where.exe libssl*.dll libcrypto*.dll
# --8<-- [end:diagnose-dlls]

# --8<-- [start:fix-activate]
& "<conda-root>\shell\condabin\conda-hook.ps1"
conda activate <conda-env>
# --8<-- [end:fix-activate]

# --8<-- [start:fix-conda-init]
& "<conda-root>\Scripts\conda.exe" init powershell
# --8<-- [end:fix-conda-init]

# --8<-- [start:undo-conda-init]
& "<conda-root>\Scripts\conda.exe" init --reverse powershell
# --8<-- [end:undo-conda-init]

# --8<-- [start:diagnose-system32]
Get-ChildItem "$env:SystemRoot\System32\libssl*.dll", "$env:SystemRoot\System32\libcrypto*.dll"
# --8<-- [end:diagnose-system32]

# --8<-- [start:fix-stray-dlls]
Get-ChildItem "$env:SystemRoot\System32\libssl*.dll", "$env:SystemRoot\System32\libcrypto*.dll" |
  Rename-Item -NewName { $_.Name + ".bak" }
# --8<-- [end:fix-stray-dlls]

# --8<-- [start:undo-stray-dlls]
Get-ChildItem "$env:SystemRoot\System32\libssl*.dll.bak", "$env:SystemRoot\System32\libcrypto*.dll.bak" |
  Rename-Item -NewName { $_.Name -replace '\.bak$', '' }
# --8<-- [end:undo-stray-dlls]

# --8<-- [start:fix-reinstall-openssl]
conda install -n <conda-env> --force-reinstall openssl
# --8<-- [end:fix-reinstall-openssl]

# --8<-- [start:fix-copy-dlls]
Copy-Item "<conda-root>\Library\bin\libssl-*.dll", "<conda-root>\Library\bin\libcrypto-*.dll" -Destination "<conda-root>\DLLs\"
# --8<-- [end:fix-copy-dlls]

# --8<-- [start:undo-copy-dlls]
Remove-Item "<conda-root>\DLLs\libssl-*.dll", "<conda-root>\DLLs\libcrypto-*.dll"
# --8<-- [end:undo-copy-dlls]

# --8<-- [start:verify]
python -c "import ssl; print(ssl.OPENSSL_VERSION)"
python -m pip download --no-deps --dest "$env:TEMP\pip-ssl-verify" <package>
# --8<-- [end:verify]
