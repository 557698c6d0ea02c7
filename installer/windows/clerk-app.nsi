; Windows installer of the clerk application (NSIS 3, Modern UI 2, Russian).
;
;   makensis /DVERSION=0.1.0 /DSRCDIR=dist\clerk-app [/DVERSION_QUAD=0.1.0.0] [/DOUTFILE=...]
;            [/DCOMPRESS=zlib] installer\windows\clerk-app.nsi
;
; SRCDIR is the PyInstaller folder (clerk-app.exe, clerk-app-cli.exe, _internal\).
; Per-machine install into $PROGRAMFILES64\clerk-app, shortcuts for all users. The uninstaller
; removes the program files only: every clerk's data folder %LOCALAPPDATA%\clerk-app (database,
; settings, backups; platformdirs' user data dir) is kept.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "define VERSION: makensis /DVERSION=0.1.0 ..."
!endif
!ifndef SRCDIR
  !error "define SRCDIR: makensis /DSRCDIR=dist\clerk-app ..."
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "0.0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "clerk-app-${VERSION}-setup.exe"
!endif
!ifndef COMPRESS
  !define COMPRESS "/SOLID lzma"
!endif

!define APP_ID "clerk-app"
!define APP_NAME "Рабочее место оператора МФЦ"
!define APP_EXE "clerk-app.exe"
!define CLI_EXE "clerk-app-cli.exe"
!define PUBLISHER "МФЦ"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; makensis works in this script's folder: paths are taken from here, or else from the repository root.
!define ICON "../../resources/icons/clerk-app.ico"
!if /FileExists "${SRCDIR}/_internal"
  !define BUNDLE "${SRCDIR}"
!else if /FileExists "../../${SRCDIR}/_internal"
  !define BUNDLE "../../${SRCDIR}"
!else
  !error "SRCDIR ${SRCDIR}: no PyInstaller folder (with _internal) there"
!endif

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
InstallDirRegKey HKLM "Software\${APP_ID}" "InstallDir"
RequestExecutionLevel admin
SetCompressor ${COMPRESS}
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1049 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1049 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "FileDescription" "Установка: ${APP_NAME}"
VIAddVersionKey /LANG=1049 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1049 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Запустить программу"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Будут удалены файлы программы и ярлыки. Данные рабочего места \
(база заявлений, настройки, резервные копии) в папке %LOCALAPPDATA%\${APP_ID} каждого пользователя \
сохраняются; удалите их вручную, если они больше не нужны."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Russian"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "Программе нужна 64-разрядная Windows."
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Программа" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an update replaces the program's files completely; data lives elsewhere
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}/*.*"
  File "/oname=clerk-app.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "Software\${APP_ID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\clerk-app.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\clerk-app.ico" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Удалить программу.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\clerk-app.ico" 0
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\Удалить программу.lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"

  ; program files only, by name: never a recursive delete of $INSTDIR (it may have been chosen badly)
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\clerk-app.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${APP_ID}"
  ; %LOCALAPPDATA%\clerk-app (each clerk's database and settings) is deliberately kept.
SectionEnd
