#!/usr/bin/env bash
# Installs what `make package` and the frozen app's smoke test need on Debian/Ubuntu, only when it is
# missing: the system libraries Qt loads even offscreen, a C compiler (for the empty ICU data
# library, packaging/linux/icudata_stub.c) and binutils (strip), and zbarimg (zbar-tools, 0.2 MB: the
# tests decode the kiosk's QR codes with it). Chromium, which the export-site tests open pages in,
# is left out (some 300 MB installed): those tests skip, saying so, where it is missing.
# For read aloud: the speech engine (speech-dispatcher with espeak-ng voices and its client
# library) and, for `make speech-check`, a PulseAudio daemon with its tools (null sink, parec) and
# sox. Elsewhere it only says what is missing.
# Usage: bash packaging/linux/ensure_build_deps.sh
set -euo pipefail
[ "$(uname -s)" = Linux ] || exit 0
declare -A wanted=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libglib-2.0.so.0]=libglib2.0-0
  [libfontconfig.so.1]=libfontconfig1 [libxkbcommon.so.0]=libxkbcommon0 [libdbus-1.so.3]=libdbus-1-3
)
missing=()
libs=$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)
for lib in "${!wanted[@]}"; do
  grep -q "$lib" <<<"$libs" || missing+=("${wanted[$lib]}")
done
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v strip >/dev/null 2>&1 || missing+=(binutils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
# Read aloud (docs/deploy.md) and `make speech-check` (tools/speech_check.py): Debian packages.
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng pulseaudio pulseaudio-utils sox; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
  done
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: install these for 'make package' and its smoke test: ${missing[*]}" >&2
fi
