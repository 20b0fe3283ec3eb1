#!/usr/bin/env bash
# Set up this machine for the site and its tests, then build the demo site into site/.
# The README's first command; CI (.ci/run) runs it too. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

# The tests drive Debian's Chromium, run the Nu Html Checker with Java, and take axe-core from npm:
# decode QR codes with zbar; install whichever the machine lacks (Debian/Ubuntu).
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
  command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"  # the tests decode QR codes
  command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"  # and the QR code of `cchc in`'s PDF
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    # shellcheck disable=SC2086  # one word per package
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >/dev/null
  fi
fi
# The validators the tests run over the built site (vnu-jar, axe-core), pinned in package-lock.json.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the system's Java runs it.
npm ci --ignore-scripts --no-audit --no-fund

python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/cchc build
