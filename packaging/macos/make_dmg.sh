#!/usr/bin/env bash
# Turns the built "Acupuncture Kiosk.app" into a compressed disk image with an Applications link.
#
#   bash packaging/macos/make_dmg.sh ["dist/Acupuncture Kiosk.app"]
# writes dist/acupuncture-kiosk-<version>-macos-<arch>.dmg. Run it on a Mac after
# `pyinstaller --noconfirm --workpath build/pyinstaller build.spec`. Not run on macOS by the
# project yet: see docs/packaging.md.
#
# Signing happens in the build, not here: with MACOS_SIGN_IDENTITY="Developer ID Application: Clinic
# Name (TEAMID)" set for `pyinstaller`, build.spec signs every binary and the .app (hardened runtime,
# secure timestamp, packaging/macos/entitlements.plist); without it PyInstaller signs ad hoc, which
# runs on the Mac that built it (after a download, Gatekeeper blocks it until someone right-clicks >
# Open once, or `xattr -dr com.apple.quarantine "/Applications/Acupuncture Kiosk.app"`).
# This script checks that signature, and with the same MACOS_SIGN_IDENTITY signs the dmg too.
#
# Notarization (needs Developer ID), either way:
#   App Store Connect API key (CI): MACOS_NOTARY_KEY_FILE=path of the AuthKey_XXXX.p8 file,
#     MACOS_NOTARY_KEY_ID=its key id, MACOS_NOTARY_ISSUER_ID=the issuer id;
#   a stored profile (a staff Mac): MACOS_NOTARY_PROFILE=name given to
#     `xcrun notarytool store-credentials NAME ...` once.
# The dmg is submitted with `xcrun notarytool submit --wait` and the ticket stapled to it, so it
# opens without a warning on any Mac, also offline. Without either, notarization is skipped.
#
# The version is read with the build's Python (PYTHON, else .venv/bin/python, else python3):
# tomllib needs Python 3.11, and the python3 Apple ships is 3.9.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP="${1:-dist/Acupuncture Kiosk.app}"
[ -d "$APP" ] || { echo "make_dmg: $APP not found; build it first" >&2; exit 1; }
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || {
  echo "make_dmg: $PYTHON is not Python 3.11 or newer; set PYTHON to the build's Python" >&2; exit 1; }
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DMG="dist/acupuncture-kiosk-$VERSION-macos-$(uname -m).dmg"
IDENTITY="${MACOS_SIGN_IDENTITY:-}"
[ "$IDENTITY" = "-" ] && IDENTITY=""

# PyInstaller signed it; a framework symlink lost on the way or a file changed after signing fails here.
codesign --verify --deep --strict --verbose=2 "$APP"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$APP" "$staging/$(basename "$APP")"  # keeps symlinks and the signature
ln -s /Applications "$staging/Applications"
rm -f "$DMG"
hdiutil create -volname "Acupuncture Kiosk $VERSION" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -z "$IDENTITY" ]; then
  echo "make_dmg: no MACOS_SIGN_IDENTITY: ad-hoc signature, not notarized"
else
  codesign --force --timestamp -s "$IDENTITY" "$DMG"
  notary=()
  if [ -n "${MACOS_NOTARY_KEY_FILE:-}" ]; then
    notary=(--key "$MACOS_NOTARY_KEY_FILE" --key-id "${MACOS_NOTARY_KEY_ID:?}" \
            --issuer "${MACOS_NOTARY_ISSUER_ID:?}")
  elif [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    notary=(--keychain-profile "$MACOS_NOTARY_PROFILE")
  fi
  if [ ${#notary[@]} -gt 0 ]; then
    xcrun notarytool submit "$DMG" "${notary[@]}" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    echo "make_dmg: no notary key or profile: signed, not notarized"
  fi
fi
echo "make_dmg: wrote $DMG"
