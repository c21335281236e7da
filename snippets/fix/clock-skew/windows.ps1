# Snippets for docs/fix/clock-skew (Windows PowerShell; fix and undo as administrator).

# --8<-- [start:diagnose-clock]
(Get-Date).ToUniversalTime()
w32tm /query /status
# --8<-- [end:diagnose-clock]

# --8<-- [start:fix-ntp]
Start-Service w32time
w32tm /resync /rediscover
# --8<-- [end:fix-ntp]

# --8<-- [start:verify-ntp]
(Get-Date).ToUniversalTime()
w32tm /query /status
# --8<-- [end:verify-ntp]

# --8<-- [start:fix-dual-boot]
New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Control\TimeZoneInformation" -Name RealTimeIsUniversal -PropertyType DWord -Value 1 -Force
# --8<-- [end:fix-dual-boot]

# --8<-- [start:undo-dual-boot]
Remove-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Control\TimeZoneInformation" -Name RealTimeIsUniversal
# --8<-- [end:undo-dual-boot]
