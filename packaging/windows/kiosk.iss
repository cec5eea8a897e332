; Inno Setup 6 script: the Windows installer for the kiosk (per-machine, Start-menu entry,
; uninstaller, optional "start at login" for every user of the machine).
;
; Build the app first (pyinstaller --noconfirm --workpath build\pyinstaller build.spec), then,
; from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\kiosk.iss
; writes dist\acupuncture-kiosk-0.1.0-windows-setup.exe. Silent install for deployment tools:
;   acupuncture-kiosk-0.1.0-windows-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /TASKS="startatlogin"
; Not tried on Windows by the project yet: see docs/packaging.md.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible); choco install innosetup
#endif
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppDir
  #define AppDir "..\..\dist\acupuncture-kiosk"
#endif
; PyInstaller keeps a spec's work files in <workpath>\<spec name>\, so build.spec's icons are in
; build\pyinstaller\build\icons\ (with --workpath build\pyinstaller, as `make package` runs it).
#ifndef IconFile
  #define IconFile "..\..\build\pyinstaller\build\icons\app-icon.ico"
#endif
#define AppName "Acupuncture Kiosk"
#define AppExe "acupuncture-kiosk.exe"

[Setup]
; The AppId identifies the product to Windows across versions (upgrades, uninstall). Never change it.
AppId={{00C5E742-83B8-447A-B6D0-1390CD66C31A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Acupuncture Kiosk project
VersionInfoVersion={#AppVersion}
; Per-machine: installs into Program Files for every user, needs an administrator.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=acupuncture-kiosk-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running kiosk is closed (Restart Manager) before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "startatlogin"; Description: "Start the kiosk when anyone signs in to this computer"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} (window, for staff)"; Filename: "{app}\{#AppExe}"; Parameters: "--windowed"; WorkingDir: "{app}"
; All users' Startup folder: staff can remove the shortcut there to stop the automatic start.
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Files the app may write beside itself; settings and logs in the user's profile are left alone.
Type: filesandordirs; Name: "{app}\__pycache__"
