# The kiosk on Windows (Enterprise, Education or IoT Enterprise): Shell Launcher replaces the
# desktop (explorer.exe) with the kiosk for one local user, "Kiosk". There is no Start menu,
# task bar or desktop to escape to. Run in an elevated PowerShell after installing the kiosk.
#
# What happens when the kiosk exits:
#   exit code 0 (staff chose "Exit kiosk")  -> 3 = do nothing (staff sign out with Ctrl+Alt+Del)
#   any other code (70 = repeated errors, or a crash) -> 0 = start the kiosk again
#
# Undo:  $ShellLauncher.RemoveCustomShell($KioskSid); $ShellLauncher.SetEnabled($false)

$ErrorActionPreference = "Stop"
$KioskUser = "Kiosk"
# The settings and pages: C:\ProgramData\acupuncture-kiosk\ (kiosk.toml, content\), read by default.
$Program = '"C:\Program Files\Acupuncture Kiosk\acupuncture-kiosk.exe"'

# Shell Launcher is an optional Windows feature.
Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart

$ShellLauncher = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"
$KioskSid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value

$RestartShell = 0
$DoNothing = 3
$ShellLauncher.SetDefaultShell("explorer.exe", $RestartShell)      # everyone else: normal desktop
$ShellLauncher.SetCustomShell($KioskSid, $Program, @(0), @($DoNothing), $RestartShell)
$ShellLauncher.SetEnabled($true)

# Keep the screen on and the machine awake while plugged in.
powercfg /change monitor-timeout-ac 0
powercfg /change standby-timeout-ac 0
powercfg /change hibernate-timeout-ac 0

Write-Host "Shell Launcher is set for $KioskUser. Sign in as $KioskUser (or set up automatic sign-in) to start the kiosk."
