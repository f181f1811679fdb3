; Windows installer of auditor-app: a per-user install, no administrator rights.
; Built on Linux by Debian's makensis through packaging/windows/installer.py, which passes
;   /DVERSION=…  /DBUNDLE=<PyInstaller one-folder bundle>  /DOUTFILE=<setup .exe>
; Installs into %LOCALAPPDATA%\Programs\auditor-app, with Start-menu and desktop shortcuts.
; The uninstaller removes the program and its shortcuts only: the user's audits, keys and
; backups live in %APPDATA%\auditor_app and are kept (the uninstaller says so).

Unicode true
Target amd64-unicode
; zlib rather than LZMA: about 10 % larger, but it builds in a fraction of the time, which
; keeps the installer inside CI's time limit.
SetCompressor /SOLID zlib
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"

Name "$(AppName)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\auditor-app"
InstallDirRegKey HKCU "Software\auditor-app" "InstallDir"
BrandingText "auditor-app ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "auditor-app"
VIAddVersionKey /LANG=0 "FileDescription" "auditor-app installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "auditor-app"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\auditor-app-gui.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first: most auditors run a Chinese Windows. The installer picks the language that
; matches the system's, as the app does.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName ${LANG_SIMPCHINESE} "售后服务认证审核 auditor-app"
LangString AppName ${LANG_ENGLISH} "auditor-app (after-sales service certification audits)"
LangString ShortcutName ${LANG_SIMPCHINESE} "售后服务认证审核"
LangString ShortcutName ${LANG_ENGLISH} "Auditor app"
LangString KeepData ${LANG_SIMPCHINESE} "将删除程序及其快捷方式。您的审核数据、签名密钥和备份保存在 %APPDATA%\auditor_app，不会被删除。"
LangString KeepData ${LANG_ENGLISH} "The program and its shortcuts will be removed. Your audits, signing keys and backups in %APPDATA%\auditor_app are kept."
LangString KeptDetail ${LANG_SIMPCHINESE} "已保留用户数据：$APPDATA\auditor_app"
LangString KeptDetail ${LANG_ENGLISH} "User data kept: $APPDATA\auditor_app"

Section "auditor-app" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\auditor-app"
  CreateShortcut "$SMPROGRAMS\auditor-app\$(ShortcutName).lnk" "$INSTDIR\auditor-app-gui.exe"
  CreateShortcut "$SMPROGRAMS\auditor-app\Uninstall auditor-app.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\auditor-app-gui.exe"
  WriteRegStr HKCU "Software\auditor-app" "InstallDir" "$INSTDIR"
  !define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\auditor-app"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "auditor-app"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\auditor-app-gui.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\$(ShortcutName).lnk"
  RMDir /r "$SMPROGRAMS\auditor-app"
  ; only the program folder: the data folder (%APPDATA%\auditor_app) is never touched
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\auditor-app"
  DeleteRegKey HKCU "Software\auditor-app"
  DetailPrint "$(KeptDetail)"
SectionEnd
