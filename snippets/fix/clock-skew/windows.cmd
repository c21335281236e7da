@echo off
REM Snippets for docs/fix/clock-skew (Windows cmd; fix and undo as administrator).

REM --8<-- [start:diagnose-clock]
echo %DATE% %TIME%
w32tm /query /status
REM --8<-- [end:diagnose-clock]

REM --8<-- [start:fix-ntp]
net start w32time
w32tm /resync /rediscover
REM --8<-- [end:fix-ntp]

REM --8<-- [start:verify-ntp]
w32tm /query /status
REM --8<-- [end:verify-ntp]

REM --8<-- [start:fix-dual-boot]
reg add "HKLM\SYSTEM\CurrentControlSet\Control\TimeZoneInformation" /v RealTimeIsUniversal /t REG_DWORD /d 1 /f
REM --8<-- [end:fix-dual-boot]

REM --8<-- [start:undo-dual-boot]
reg delete "HKLM\SYSTEM\CurrentControlSet\Control\TimeZoneInformation" /v RealTimeIsUniversal /f
REM --8<-- [end:undo-dual-boot]
