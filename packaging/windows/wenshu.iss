; Inno Setup 6 script (UTF-8 with BOM, so ISCC reads the Chinese names correctly) for 执法文书助手 (wenshu): a per-user installer that needs no administrator rights.
; Build: packaging\windows\build.ps1 (runs PyInstaller, then ISCC on this file).
;
; - Installs into %LOCALAPPDATA%\Programs\wenshu ({userpf}) — no UAC prompt, no admin rights.
; - Start-menu shortcut (and an optional desktop shortcut) to wenshu-gui.exe (no console window);
;   wenshu.exe is the command-line program (prints into cmd / PowerShell).
; - Uninstalling removes the program folder only. The user's cases, settings and number registry live
;   in %LOCALAPPDATA%\wenshu (wenshu.paths.data_dir) and are KEPT: there is deliberately no
;   [UninstallDelete] entry and no [Code] that touches that folder.

#define AppName "执法文书助手"
#define AppExe "wenshu-gui.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\wenshu"
#endif

[Setup]
AppId={{6F1C2B7E-3C1D-4E52-9A51-7B0C2E5D9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=wenshu
DefaultDirName={userpf}\wenshu
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=wenshu-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
; Windows 10 1703 (build 15063), 64-bit, or later: PySide6 >= 6.10 (Qt 6.10) needs 1703+, Python 3.11 rules
; out Windows 7/8; the installer refuses older Windows with its own message (WinVersionTooLowError).
MinVersion=10.0.15063
; Offline install: nothing is downloaded during setup.

[Languages]
; The project's own simplified-Chinese messages (a translation of Inno Setup 6.4's Default.isl, under the
; Inno Setup License: INNO-SETUP-LICENSE.txt), next to this script: Inno Setup ships no official one.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "立即启动{#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only files the program itself may leave in its own folder (Python byte-code caches); never user data.
Type: filesandordirs; Name: "{app}\__pycache__"
