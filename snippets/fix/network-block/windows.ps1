# Snippets for docs/fix/network-block (Windows PowerShell; fix and undo as administrator).

# --8<-- [start:diagnose-dns]
Resolve-DnsName pypi.org
Resolve-DnsName pypi.org -Server 1.1.1.1
# --8<-- [end:diagnose-dns]

# --8<-- [start:diagnose-hosts]
Select-String -Path "$env:SystemRoot\System32\drivers\etc\hosts" -Pattern "pypi|pythonhosted|<index-host>"
# --8<-- [end:diagnose-hosts]

# --8<-- [start:fix-hosts]
$hostsFile = "$env:SystemRoot\System32\drivers\etc\hosts"
Copy-Item $hostsFile "$hostsFile.bak"
(Get-Content "$hostsFile.bak") | Where-Object { $_ -notmatch '\s(pypi\.org|files\.pythonhosted\.org|<index-host>)(\s|$)' } | Set-Content $hostsFile
Clear-DnsClientCache
# --8<-- [end:fix-hosts]

# --8<-- [start:undo-hosts]
$hostsFile = "$env:SystemRoot\System32\drivers\etc\hosts"
Copy-Item "$hostsFile.bak" $hostsFile -Force
Clear-DnsClientCache
# --8<-- [end:undo-hosts]

# --8<-- [start:fix-flush-dns]
Clear-DnsClientCache
# --8<-- [end:fix-flush-dns]

# --8<-- [start:verify]
py -m pip index versions <package>
# --8<-- [end:verify]
