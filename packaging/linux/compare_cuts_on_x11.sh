#!/usr/bin/env bash
# After `make package-sizes`: runs every measured build (build/sizes/<cut>/dist) on a real X
# display (Xvfb, 1920x1080), taps past the start screen onto the "Back pain" page, takes a
# screenshot of the whole screen and compares it pixel by pixel with the uncut build's.
# Needs (Debian): xvfb xauth imagemagick xdotool. Screenshots go to build/sizes/x11-<cut>.png.
set -euo pipefail
cd "$(dirname "$0")/../../build/sizes"
status=0
for cut in none modules translations plugins libraries hyphenation unreached icu strip; do
  app="$PWD/$cut/dist/acupuncture-kiosk/acupuncture-kiosk"
  [ -x "$app" ] || continue
  shot="$PWD/x11-$cut.png"
  KIOSK_LOG_DIR="$PWD/x11-logs-$cut" timeout 60 xvfb-run -a -s "-screen 0 1920x1080x24" sh -c "
    '$app' > '$PWD/x11-$cut.stderr' 2>&1 & pid=\$!
    sleep 4; xdotool mousemove 960 540 click 1; sleep 1.5; xdotool mousemove 700 370 click 1
    sleep 2; import -window root '$shot'; kill \$pid"
  differing=$(compare -metric AE "$PWD/x11-none.png" "$shot" null: 2>&1 || true)
  errors=$(wc -l < "$PWD/x11-$cut.stderr")
  echo "$cut: $differing pixels differ from the uncut build; $errors line(s) on stderr"
  { [ "$differing" = 0 ] && [ "$errors" = 0 ]; } || status=1
done
exit $status
