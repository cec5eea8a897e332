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
#define AppCli "acupuncture-kiosk-cli.exe"
; The site folder (kiosk/core/site_folders.py): settings and pages kept across upgrades and removal.
#define SiteDir "{commonappdata}\acupuncture-kiosk"

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
; The licence notices, shown before installing (nothing to accept: the kiosk is MIT, Qt and
; PySide6 LGPL v3, the font OFL, each library as listed); also installed in _internal\licenses.
InfoBeforeFile={#AppDir}\_internal\licenses\NOTICE.txt
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

[CustomMessages]
en.StartAtLogin=Start the kiosk when anyone signs in to this computer
es.StartAtLogin=Abrir el quiosco cuando cualquier persona inicie sesión en este equipo
en.StartUp=Start-up:
es.StartUp=Inicio:
en.WindowForStaff=(window, for staff)
es.WindowForStaff=(en ventana, para el personal)
en.CommandLine=command line (staff)
es.CommandLine=línea de comandos (personal)
en.SiteFolder=Settings and pages of this clinic
es.SiteFolder=Ajustes y páginas de esta clínica
en.StartNow=Start the kiosk now
es.StartNow=Abrir el quiosco ahora

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; GroupDescription: "{cm:StartUp}"; Flags: unchecked

[Dirs]
; Staff edit these without being administrators; uninstalling leaves them (and what is in them).
Name: "{#SiteDir}"; Permissions: users-modify; Flags: uninsneveruninstall
Name: "{#SiteDir}\content"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; A settings file with every line commented out; never replaced, never removed.
Source: "{#AppDir}\_internal\site-template\kiosk.toml"; DestDir: "{#SiteDir}"; Flags: onlyifdoesntexist uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} {cm:WindowForStaff}"; Filename: "{app}\{#AppExe}"; Parameters: "--windowed"; WorkingDir: "{app}"
; A console in the program folder, showing the staff commands (check, hash-pin ...).
Name: "{autoprograms}\{#AppName} {cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppCli}"" --help"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:SiteFolder}"; Filename: "{#SiteDir}"
; All users' Startup folder: staff can remove the shortcut there to stop the automatic start.
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Files the app may write beside itself; settings and logs in the user's profile are left alone.
Type: filesandordirs; Name: "{app}\__pycache__"
