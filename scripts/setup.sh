#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Sigilo: the system packages the demo
# and the tests need (Chromium; poppler-utils for print checks; PostgreSQL for
# the collector's PostgreSQL suite; Firefox ESR for the Firefox policy test;
# nginx and systemd-analyze for the collector's service test), then the npm
# dependencies. Idempotent and quick when all is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROME_PATH:-}" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ -x /usr/bin/systemd-analyze ] || missing+=(systemd)   # its verify, not its init
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  # With systemd running, Debian starts nginx's default site on port 80 at
  # install. The test runs its own nginx on loopback: leave the system one off.
  if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
fi

# npm ci only when the lock changed since the last install (it rebuilds
# better-sqlite3 from source, which takes a minute or two here).
stamp=node_modules/.sigilo-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
