; NSIS installer for the frozen one-folder build (build_installer.spec). Unicode, Chinese pages, per-user.
;
; On Windows:  pyinstaller --noconfirm build_installer.spec
;              makensis /DVERSION=0.1.0 installer\ipregister.nsi        (-> dist\IPProtectionRegister-0.1.0-setup.exe)
; CI compiles it on Linux against the Linux folder (.ci/build_frozen) to prove the script itself is sound.
;
; Installs into %LOCALAPPDATA%\Programs\IPProtectionRegister without administrator rights. The data (database,
; attachments, backups, settings) lives in %LOCALAPPDATA%\IPProtectionRegister (platformdirs), never in the
; program folder: an upgrade replaces the program only, and the uninstaller deletes the data only when asked.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
!ifdef NO_COMPRESSION
  SetCompress off  ; CI only proves the script compiles: LZMA over ~200 MB takes minutes on a busy machine
!else
  SetCompressor /SOLID lzma
!endif

!define APP_ID "IPProtectionRegister"
!define PRODUCT "知识产权重点企业保护名录管理系统"
!define PUBLISHER "鄂尔多斯市市场监督管理局（知识产权局）"
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef APP_EXE
  !define APP_EXE "${APP_ID}"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "../dist/${APP_ID}"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "../dist/${APP_ID}-${VERSION}-setup.exe"
!endif
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} 安装"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PUBLISHER}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "../resources/icons/app.ico"
!define MUI_UNICON "../resources/icons/app.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在本机为当前用户安装 ${PRODUCT} ${VERSION}，无需管理员权限。$\r$\n$\r$\n如已安装旧版本，将就地升级程序文件；数据库、附件和备份保存在 ${DATA_DIR}，升级不会改动。$\r$\n$\r$\n安装前请关闭正在运行的本程序。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行 ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "程序文件" SecProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; Upgrade in place: drop the previous version's program files (stale Qt plugins or modules would be loaded
  ; otherwise). The data folder is elsewhere and is not touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}.exe"
  File /r "${DIST_DIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}.exe" "" "$INSTDIR\${APP_EXE}.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载 ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}.exe" "" "$INSTDIR\${APP_EXE}.exe" 0

  ; Programs and Features (per user: HKCU needs no administrator).
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; The register is the bureau's record: kept unless the user says otherwise (a silent uninstall keeps it).
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除数据文件夹？$\r$\n${DATA_DIR}$\r$\n$\r$\n其中有数据库、附件和备份。选择“否”将保留，重新安装后可继续使用。" /SD IDNO IDYES delete_data IDNO keep_data
    delete_data:
      RMDir /r "${DATA_DIR}"
    keep_data:
  ${EndIf}
SectionEnd
