#!/usr/bin/env bash
# Turns the built "Acupuncture Kiosk.app" into a compressed disk image with an Applications link.
#
#   bash packaging/macos/make_dmg.sh ["dist/Acupuncture Kiosk.app"]
# writes dist/acupuncture-kiosk-<version>-macos-<arch>.dmg. Run it on a Mac after
# `pyinstaller --noconfirm --workpath build/pyinstaller build.spec`. Not tried on macOS by the
# project yet: see docs/packaging.md.
#
# Signing (set the environment variables, or nothing for an ad-hoc signature):
#   ad-hoc (default, MACOS_SIGN_IDENTITY unset or "-"): `codesign --force --deep -s -`. Enough to
#     run on the Mac that built it and on Apple silicon in general, but Gatekeeper blocks it on
#     other Macs after a download: right-click > Open once, or remove the quarantine attribute
#     (`xattr -dr com.apple.quarantine "/Applications/Acupuncture Kiosk.app"`).
#   Developer ID: MACOS_SIGN_IDENTITY="Developer ID Application: Clinic Name (TEAMID)" signs the
#     app with the hardened runtime and a secure timestamp (needs the certificate in the keychain).
#   Notarization (needs Developer ID): MACOS_NOTARY_PROFILE=name of a profile stored once with
#     `xcrun notarytool store-credentials NAME --apple-id ... --team-id ... --password <app password>`;
#     the dmg is submitted with `xcrun notarytool submit --wait` and the ticket stapled to it, so
#     it opens without warnings on any Mac, also offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP="${1:-dist/Acupuncture Kiosk.app}"
[ -d "$APP" ] || { echo "make_dmg: $APP not found; build it first" >&2; exit 1; }
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DMG="dist/acupuncture-kiosk-$VERSION-macos-$(uname -m).dmg"
IDENTITY="${MACOS_SIGN_IDENTITY:--}"

if [ "$IDENTITY" = "-" ]; then
  codesign --force --deep -s - "$APP"
else
  # --deep is a shortcut Apple discourages for distribution, but PyInstaller's bundle holds
  # only Mach-O files it already laid out for signing; sign inside-out if it ever complains.
  codesign --force --deep --options runtime --timestamp -s "$IDENTITY" "$APP"
fi
codesign --verify --deep --strict --verbose=2 "$APP"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$DMG"
hdiutil create -volname "Acupuncture Kiosk $VERSION" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ "$IDENTITY" != "-" ]; then
  codesign --force --timestamp -s "$IDENTITY" "$DMG"
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  fi
fi
echo "make_dmg: wrote $DMG"
