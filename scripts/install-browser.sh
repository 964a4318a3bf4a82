#!/usr/bin/env bash
# Installs what the browser tests (tests/browser/) need, idempotently:
#   Chromium and a font — Debian packages `chromium` and `fonts-dejavu-core`
#     (no browser download: playwright-core drives /usr/bin/chromium)
#   Node and npm — Debian, when missing
#   playwright-core and axe-core — npm, pinned in tests/browser/package-lock.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$root/target/tools"
log="$root/target/tools/install-browser.log"

say() { echo "install-browser: $*" >&2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (Debian)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >>"$log" 2>&1
fi

browser="$root/tests/browser"
if [ ! -f "$browser/node_modules/playwright-core/package.json" ] || [ ! -f "$browser/node_modules/axe-core/axe.min.js" ] \
  || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  say "npm ci in tests/browser"
  (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >>"$log" 2>&1
fi

command -v chromium >/dev/null 2>&1 || { say "chromium missing after install (see $log)"; exit 1; }
[ -f "$browser/node_modules/playwright-core/package.json" ] || { say "playwright-core missing after install (see $log)"; exit 1; }
