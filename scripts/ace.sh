#!/usr/bin/env bash
# Runs DAISY Ace (npm @daisy/ace) on EPUB files with Debian's Chromium.
#   usage: scripts/ace.sh FILE.epub...
# Installs Ace (pinned in tests/tools/ace/) into target/tools/ace on first use. `--ignore-scripts` skips
# Electron's post-install (it downloads a browser from GitHub); Ace's
# Puppeteer runner drives /usr/bin/chromium instead (apt-get install chromium).
# Exits 1 when Ace reports any violation, and prints them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/tools/ace"
[ $# -ge 1 ] || { echo "usage: $0 FILE.epub..." >&2; exit 2; }
command -v chromium >/dev/null 2>&1 || { echo "ace.sh: needs chromium (apt-get install chromium)" >&2; exit 2; }
if [ ! -x "$dir/node_modules/.bin/ace-puppeteer" ]; then
  mkdir -p "$dir"
  cp "$root/tests/tools/ace/package.json" "$root/tests/tools/ace/package-lock.json" "$dir/"
  (cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
status=0
for epub in "$@"; do
  out="$(mktemp -d)"
  PUPPETEER_EXECUTABLE_PATH="$(command -v chromium)" \
    "$dir/node_modules/.bin/ace-puppeteer" --silent --force --outdir "$out" "$epub"
  python3 - "$out/report.json" "$epub" <<'PY' || status=1
import json, sys
report = json.load(open(sys.argv[1]))
found = [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"], b["earl:test"]["earl:impact"],
          b["earl:result"]["dct:description"])
         for a in report.get("assertions", []) for b in a.get("assertions", [])]
print(f"ace: {sys.argv[2]}: {report['earl:result']['earl:outcome']}, {len(found)} violations")
for url, title, impact, text in found:
    print(f"  {impact} {title}: {url}: {text}")
sys.exit(1 if found else 0)
PY
  rm -rf "$out"
done
exit $status
