#!/usr/bin/env bash
# `make windows-installer-check`: the Inno Setup script compiled and run under wine, on Linux.
#
# Compiles packaging/windows/kiosk.iss with Inno Setup's own compiler (the npm package `innosetup`,
# 6.4.x, which carries ISCC.exe) under wine, with the Linux one-folder app (dist/acupuncture-kiosk)
# standing in for the Windows one: the script, its paths, languages, folders and shortcuts are
# what is checked, not the program. Then, in a fresh wine prefix under Xvfb:
#   1. a silent install in English with the "start at login" task: the program folder, the
#      licence notices, the uninstaller, the Start-menu and Startup shortcuts, and the site folder
#      C:\ProgramData\acupuncture-kiosk\ with content\ and the commented kiosk.toml;
#   2. the settings file edited, the installer run again (an upgrade): the edit stays;
#   3. the uninstaller: program folder and shortcuts gone, the site folder and its settings kept;
#   4. a silent install in Spanish (/LANG=es): the Spanish shortcut names, then uninstalled.
# Not part of CI (wine is large). Needs Debian's wine, wine32 and wine64 (i386 architecture
# added), xvfb and npm; installs what is missing when run as root with apt.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
APP="$ROOT/dist/acupuncture-kiosk"
WORK="$ROOT/build/windows-check"
VERSION=$(.venv/bin/python -c 'import kiosk; print(kiosk.__version__)')
[ -x "$APP/acupuncture-kiosk" ] || { echo "windows check: build the app first (make package)" >&2; exit 1; }

missing=()
command -v wine >/dev/null 2>&1 || missing+=(wine wine32 wine64)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "windows check: installing ${missing[*]}"
    dpkg --add-architecture i386
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "windows check: skipped: install ${missing[*]} (Debian: dpkg --add-architecture i386 first)"
    exit 0
  fi
fi
ISCC="$ROOT/build/npm/node_modules/innosetup/bin/ISCC.exe"
if [ ! -f "$ISCC" ]; then
  npm install --silent --no-audit --no-fund --prefix "$ROOT/build/npm" innosetup@6.4.1 >/dev/null
fi

rm -rf "$WORK"
mkdir -p "$WORK"
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# One X server for the whole check (wine's desktop process outlives a program; a new X server
# per program left it talking to a display that was gone, and the installer could not draw).
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
cleanup() { wineserver -k 2>/dev/null || true; kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
run() { wine "$@"; wineserver -w; }
# Runs the installer; under wine its first start sometimes fails to make a window ("Error reading
# FPreparingMemo.Lines.Strings: A call to an OS function failed"): then once more, saying so.
install() {
  local log="$WORK/$1.log"; shift
  for attempt in 1 2; do
    run "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(wpath "$log")" "$@" || true
    if grep -aq "Installation process succeeded" "$log"; then
      echo "  ok: installer log says: Installation process succeeded"
      return 0
    fi
    echo "  (attempt $attempt: $(grep -a -A1 'message box\|Exception' "$log" | tr -s ' ' | tr '\n' ' ' | cut -c1-200))"
  done
  fail "the installer did not succeed (log: $log)"
}
wpath() { winepath -w "$1" 2>/dev/null; }
wineboot --init >/dev/null 2>&1
wineserver -w
wine winecfg -v win10 >/dev/null 2>&1  # wine says Windows 7 by default; the script needs 10
wineserver -w
C="$WINEPREFIX/drive_c"
PROGRAMS="$C/ProgramData/Microsoft/Windows/Start Menu/Programs"
INSTALLED="$C/Program Files/Acupuncture Kiosk"
SITE="$C/ProgramData/acupuncture-kiosk"
fail() { echo "windows check: FAILED: $*" >&2; exit 1; }
has() { [ -e "$1" ] || fail "missing: ${1#"$C/"}"; echo "  ok: ${1#"$C/"}"; }
gone() { [ ! -e "$1" ] || fail "still there: ${1#"$C/"}"; echo "  ok, gone: ${1#"$C/"}"; }

echo "== compile: ISCC $(basename "$(dirname "$(dirname "$ISCC")")") $(node -p "require('$ROOT/build/npm/node_modules/innosetup/package.json').version")"
wine "$ISCC" /Q "/DAppVersion=$VERSION" "/O$(wpath "$WORK")" "$(wpath "$ROOT/packaging/windows/kiosk.iss")"
SETUP="$WORK/acupuncture-kiosk-$VERSION-windows-setup.exe"
[ -f "$SETUP" ] || fail "ISCC wrote no installer"
echo "  ok: $(basename "$SETUP"), $(du -k "$SETUP" | cut -f1) KB"

echo "== 1. silent install (English, start at login)"
install install-en /TASKS=startatlogin
has "$INSTALLED/acupuncture-kiosk"
has "$INSTALLED/_internal/licenses/NOTICE.txt"
has "$INSTALLED/_internal/licenses/LGPL-3.0.txt"
has "$INSTALLED/unins000.exe"
has "$PROGRAMS/Acupuncture Kiosk.lnk"
has "$PROGRAMS/Acupuncture Kiosk (window, for staff).lnk"
has "$PROGRAMS/Acupuncture Kiosk command line (staff).lnk"
has "$PROGRAMS/Settings and pages of this clinic.lnk"
has "$PROGRAMS/StartUp/Acupuncture Kiosk.lnk"
has "$SITE/content"
has "$SITE/kiosk.toml"
grep -q '^# clinic_name = ' "$SITE/kiosk.toml" || fail "kiosk.toml is not the commented settings file"
echo "  ok: kiosk.toml has every setting commented out"

echo "== 2. settings edited by staff, then the installer again (an upgrade)"
printf 'clinic_name = "Edited by staff"\r\n' >> "$SITE/kiosk.toml"
install upgrade
grep -q '^clinic_name = "Edited by staff"' "$SITE/kiosk.toml" || fail "the upgrade replaced kiosk.toml"
echo "  ok: the edited kiosk.toml is unchanged"

echo "== 3. uninstall"
run "$INSTALLED/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
gone "$INSTALLED/acupuncture-kiosk"
gone "$INSTALLED/_internal"
gone "$PROGRAMS/Acupuncture Kiosk.lnk"
gone "$PROGRAMS/StartUp/Acupuncture Kiosk.lnk"
has "$SITE/kiosk.toml"
grep -q '^clinic_name = "Edited by staff"' "$SITE/kiosk.toml" || fail "the uninstaller changed kiosk.toml"
echo "  ok: the site folder and the staff's settings are kept"

echo "== 4. silent install in Spanish"
install install-es /LANG=es
has "$PROGRAMS/Acupuncture Kiosk (en ventana, para el personal).lnk"
has "$PROGRAMS/Acupuncture Kiosk línea de comandos (personal).lnk"
has "$PROGRAMS/Ajustes y páginas de esta clínica.lnk"
run "$INSTALLED/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
gone "$PROGRAMS/Acupuncture Kiosk (en ventana, para el personal).lnk"
echo "windows check passed: compiled with Inno Setup under wine, installed (English, Spanish)," \
  "upgraded over edited settings (kept), uninstalled (site folder kept)"
