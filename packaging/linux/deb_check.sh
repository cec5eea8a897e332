#!/usr/bin/env bash
# Installs the .deb on this machine as a clinic would (apt), checks what it put where, runs the
# installed kiosk's self-test offscreen (packaging/smoke_test.py) and its content checker, installs it
# again over an edited settings file (which must stay), then purges it and checks it is gone.
#   bash packaging/linux/deb_check.sh [dist/acupuncture-kiosk_<version>_<arch>.deb]
# Needs root or password-less sudo, and a machine without the package (skipped otherwise).
set -euo pipefail
cd "$(dirname "$0")/../.."
deb="${1:-$(find dist -maxdepth 1 -name 'acupuncture-kiosk_*.deb' | sort | tail -n 1)}"
[ -f "$deb" ] || { echo "deb check: no .deb in dist/: run make deb first" >&2; exit 1; }
python="${PYTHON:-.venv/bin/python}"
site=/etc/xdg/acupuncture-kiosk
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "deb check: skipped: installing a package needs root or password-less sudo"
  exit 0
fi
if dpkg-query -W -f '${Status}' acupuncture-kiosk 2>/dev/null | grep -q installed; then
  echo "deb check: skipped: acupuncture-kiosk is installed on this machine already (not touched)"
  exit 0
fi
if [ -e "$site" ]; then
  echo "deb check: skipped: $site exists already (a clinic's settings: not touched)"
  exit 0
fi

purge() {
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq acupuncture-kiosk >/dev/null 2>&1 || true
  "${sudo[@]}" rm -rf "$site"
}
trap purge EXIT
fail() { echo "deb check: FAILED: $*" >&2; exit 1; }

start=$(date +%s)
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "$(realpath "$deb")" >/dev/null
for path in /opt/acupuncture-kiosk/acupuncture-kiosk /usr/bin/acupuncture-kiosk \
            /usr/share/applications/acupuncture-kiosk.desktop \
            /usr/share/icons/hicolor/256x256/apps/acupuncture-kiosk.png \
            /usr/share/icons/hicolor/scalable/apps/acupuncture-kiosk.svg \
            /usr/lib/systemd/system/cage-kiosk.service /etc/pam.d/cage-kiosk \
            /usr/share/doc/acupuncture-kiosk/NOTICE.txt "$site/kiosk.toml"; do
  [ -e "$path" ] || fail "$path is missing after the install"
done
[ -d "$site/content" ] || fail "$site/content was not made"
grep -q '^# clinic_name = ' "$site/kiosk.toml" || fail "$site/kiosk.toml is not the commented file"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate /usr/share/applications/acupuncture-kiosk.desktop
fi

# The installed program, as staff start it (the link in /usr/bin), on the bundled pages.
"$python" packaging/smoke_test.py /usr/bin/acupuncture-kiosk --check /usr/bin/acupuncture-kiosk

# An upgrade (here: the same package again) keeps the clinic's settings.
echo 'clinic_name = "Edited by staff"' | "${sudo[@]}" tee -a "$site/kiosk.toml" >/dev/null
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$(realpath "$deb")" >/dev/null
grep -q '^clinic_name = "Edited by staff"' "$site/kiosk.toml" || fail "reinstalling replaced $site/kiosk.toml"

"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq acupuncture-kiosk >/dev/null
for path in /opt/acupuncture-kiosk /usr/bin/acupuncture-kiosk /usr/share/applications/acupuncture-kiosk.desktop; do
  if [ -e "$path" ] || [ -L "$path" ]; then fail "$path is still there after the purge"; fi
done
[ -f "$site/kiosk.toml" ] || fail "the purge removed the settings staff had edited"
echo "deb check passed: $(basename "$deb") ($(du -k "$deb" | cut -f1) KB) installed, self-tested," \
  "reinstalled over edited settings (kept), purged; $(( $(date +%s) - start )) s"
