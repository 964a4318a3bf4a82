#!/usr/bin/env bash
# Benchmark: `dossier build` against pandoc and mdBook on the same articles.
#
#   bash bench/run.sh                      # N = 100, 1000, 5000; 3 runs each
#   bash bench/run.sh --with-10000         # also N = 10000
#   bash bench/run.sh --sizes "100 1000" --runs 5
#   bash bench/run.sh --peer-runs 1        # peers once per size (they are slow)
#   bash bench/run.sh --big-peer-runs 1    # peers once only for N >= 5000
#   bash bench/run.sh --report-only        # rewrite results.md from the last run
#   bash bench/run.sh --distinct --no-peers --out bench/results-distinct.md
#                                          # articles whose paragraphs all differ
#
# For each N it generates a corpus (examples/gen-corpus.rs, fixed seed),
# then times, with /usr/bin/time -v, the median of the runs of:
#   dossier cold    `dossier build` with no output and no cache
#   dossier warm    the same again, nothing changed
#   dossier 1 edit  after one article changed
#   pandoc EPUB     one EPUB 3 from the Markdown `dossier extract` wrote
#   pandoc HTML     one standalone HTML page from the same Markdown
#   mdBook HTML     `mdbook build` of the same Markdown with a SUMMARY.md
# and writes bench/results.md. It installs what it needs itself: GNU time
# and pandoc from Debian, mdBook with `cargo install` into target/.
# It is not part of the test run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/target/bench}
TOOLS=$ROOT/target/bench-tools
SIZES="100 1000 5000"
RUNS=3
PEER_RUNS=""
BIG_PEER_RUNS=""
OUT=$ROOT/bench/results.md
PEERS=1
SEED=1
REPORT_ONLY=0
GEN_FLAGS=""

while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --with-10000) SIZES="$SIZES 10000"; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --peer-runs) PEER_RUNS=$2; shift 2 ;;
        --big-peer-runs) BIG_PEER_RUNS=$2; shift 2 ;;
        --no-peers) PEERS=0; shift ;;
        --out) OUT=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --report-only) REPORT_ONLY=1; shift ;;
        --distinct) GEN_FLAGS="--distinct"; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
PEER_RUNS=${PEER_RUNS:-$RUNS}
BIG_PEER_RUNS=${BIG_PEER_RUNS:-$PEER_RUNS}

say() { echo "bench: $*" >&2; }

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    say "installing $* from Debian"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2 \
        || { $sudo apt-get update >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2; }
}

ROWS=$WORK/rows.tsv
SIZE_ROWS=$WORK/sizes.tsv
PEER_SIZES=$WORK/peer-sizes.tsv
LOADS=$WORK/load.txt

if [ "$REPORT_ONLY" = 0 ]; then
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null || apt_install python3
if [ "$PEERS" = 1 ]; then
    command -v pandoc >/dev/null || apt_install pandoc
    if [ ! -x "$TOOLS/bin/mdbook" ]; then
        say "installing mdBook with cargo (a few minutes, once)"
        cargo install mdbook --locked --root "$TOOLS" >&2
    fi
    MDBOOK=$TOOLS/bin/mdbook
fi

say "building dossier and the corpus generator (release)"
(cd "$ROOT" && cargo build --release --quiet --bin dossier --example gen-corpus)
mkdir -p "$WORK"
# Copies, so that a rebuild of the project while the bench runs does not
# change the binary being measured (and with it every cache key).
cp "$ROOT/target/release/dossier" "$WORK/dossier"
cp "$ROOT/target/release/examples/gen-corpus" "$WORK/gen-corpus"
DOSSIER=$WORK/dossier
GEN=$WORK/gen-corpus

cut -d' ' -f1-3 /proc/loadavg > "$LOADS"
echo "$GEN_FLAGS" > "$WORK/gen-flags.txt"
: > "$ROWS"

# measure NAME N RUNS PREPARE -- COMMAND...: runs PREPARE then COMMAND under
# /usr/bin/time RUNS times; appends the medians to $ROWS.
measure() {
    local name=$1 n=$2 runs=$3 prepare=$4
    shift 5
    local stats=$WORK/stats.txt
    : > "$stats"
    for i in $(seq "$runs"); do
        eval "$prepare"
        local log=$WORK/time.log
        if ! /usr/bin/time -v -o "$log" "$@" > "$WORK/cmd.out" 2>&1; then
            say "$name failed at N=$n:"; tail -20 "$WORK/cmd.out" >&2; exit 1
        fi
        python3 - "$log" >> "$stats" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def field(label):
    return re.search(re.escape(label) + r": (.*)", t).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
print(f"{secs:.3f}\t{cpu:.3f}\t{int(field('Maximum resident set size (kbytes)'))}")
PY
    done
    local medians
    medians=$(python3 -c '
import sys, statistics
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
cols = list(zip(*rows))
print("\t".join(str(statistics.median(float(x) for x in c)) for c in cols))' "$stats")
    printf '%s\t%s\t%s\t%s\n' "$n" "$name" "$runs" "$medians" >> "$ROWS"
    say "N=$n $name: $(echo "$medians" | awk -F'\t' '{printf "%.2f s wall, %.2f s CPU, %d MB", $1, $2, $3/1024}')"
}

# The Markdown `dossier extract` wrote, with its TOML front matter turned
# into a title heading, plus mdBook's book.toml and SUMMARY.md.
prepare_peers() {
    local md=$1 dest=$2
    rm -rf "$dest"
    mkdir -p "$dest/src"
    python3 - "$md" "$dest" <<'PY'
import os, sys, tomllib
md, dest = sys.argv[1], sys.argv[2]
summary = ["# Summary", ""]
for name in sorted(os.listdir(md)):
    text = open(os.path.join(md, name), encoding="utf-8").read()
    meta, body = {}, text
    if text.startswith("+++\n"):
        head, _, body = text[4:].partition("\n+++\n")
        meta = tomllib.loads(head)
    title = meta.get("title") or name
    with open(os.path.join(dest, "src", name), "w", encoding="utf-8") as out:
        out.write(f"# {title}\n\n{body.lstrip()}")
    link_title = title.replace("[", "(").replace("]", ")")
    summary.append(f"- [{link_title}](./{name})")
open(os.path.join(dest, "src", "SUMMARY.md"), "w", encoding="utf-8").write("\n".join(summary) + "\n")
open(os.path.join(dest, "book.toml"), "w").write('[book]\ntitle = "Bench"\nlanguage = "en"\n')
PY
}

size_mb() { du -sb "$@" | awk '{s += $1} END {printf "%.1f", s / 1048576}'; }

# set_aside PATH...: moves the paths that exist into $TRASH, deleted when the
# bench ends. A measured run must not follow a mass deletion: on ext4
# without a journal (as on the machines this runs on) the kernel skips
# inodes freed in the last minutes one by one when it makes a file, so
# thousands of files made right after thousands were deleted cost several
# seconds more, whichever tool makes them.
TRASH=$WORK/trash
set_aside() {
    local p
    mkdir -p "$TRASH"
    for p in "$@"; do
        [ -e "$p" ] || continue
        mv "$p" "$(mktemp -d "$TRASH/XXXXXX")/"
    done
}
trap 'rm -rf "$TRASH"' EXIT

: > "$SIZE_ROWS"
: > "$PEER_SIZES"

for n in $SIZES; do
    dir=$WORK/n$n
    say "N=$n: generating the corpus"
    set_aside "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # no flag or one
    "$GEN" "$n" "$dir/corpus" --seed "$SEED" $GEN_FLAGS 2>/dev/null
    printf '[book]\ntitle = "Bench"\nlanguage = "en"\n' > "$dir/book.toml"

    measure "dossier cold" "$n" "$RUNS" "set_aside '$dir/book' '$dir/.dossier-cache'" -- \
        "$DOSSIER" build --quiet "$dir"
    measure "dossier warm, nothing changed" "$n" "$RUNS" ":" -- \
        "$DOSSIER" build --quiet "$dir"
    # Each run changes the same article anew, so each run misses the cache once.
    edited=$(ls "$dir/corpus"/*.txt | sed -n "$(( (n + 1) / 2 ))p")
    cp "$edited" "$WORK/edited.orig"
    measure "dossier warm, 1 article changed" "$n" "$RUNS" \
        "printf '\n\nA paragraph added for benchmark run %s, long enough to read as prose in the article.\n' \$i >> '$edited'" -- \
        "$DOSSIER" build --quiet "$dir"
    cp "$WORK/edited.orig" "$edited"
    "$DOSSIER" build --quiet "$dir"
    # The largest file of the site (the index, one line per article, apart)
    # and of the EPUB(s), uncompressed: none should grow with the dossier.
    largest_page=$(find "$dir/book/html" -type f ! -path "$dir/book/html/index.html" -printf '%s\t%P\n' | sort -n | tail -1)
    index_page=$(stat -c %s "$dir/book/html/index.html")
    largest_entry=$(python3 -c 'import sys, zipfile
best = max(((i.file_size, i.filename) for p in sys.argv[1:] for i in zipfile.ZipFile(p).infolist()), default=(0, "-"))
print(f"{best[0]}\t{best[1]}")' "$dir/book/epub"/*.epub)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(size_mb "$dir/book/html")" "$(size_mb "$dir/book/epub")" \
        "$largest_page" "$index_page" "$largest_entry" >> "$SIZE_ROWS"

    if [ "$PEERS" = 1 ]; then
        "$DOSSIER" extract "$dir" --format markdown --out "$dir/md" 2>/dev/null
        set_aside "$dir/peer"
        prepare_peers "$dir/md" "$dir/peer"
        mds=("$dir/peer/src"/[0-9]*.md)
        peer_runs=$PEER_RUNS
        [ "$n" -lt 5000 ] || peer_runs=$BIG_PEER_RUNS
        measure "pandoc EPUB" "$n" "$peer_runs" "rm -f '$dir/peer/out.epub'" -- \
            pandoc --from markdown --to epub3 --metadata title=Bench --metadata lang=en \
            -o "$dir/peer/out.epub" "${mds[@]}"
        measure "pandoc HTML" "$n" "$peer_runs" "rm -f '$dir/peer/out.html'" -- \
            pandoc --from markdown --to html5 --standalone --metadata title=Bench \
            --metadata lang=en -o "$dir/peer/out.html" "${mds[@]}"
        measure "mdBook HTML" "$n" "$peer_runs" "set_aside '$dir/peer/book'" -- \
            "$MDBOOK" build "$dir/peer"
        printf '%s\t%s\t%s\t%s\n' "$n" "$(size_mb "$dir/peer/out.epub")" "$(size_mb "$dir/peer/out.html")" \
            "$(size_mb "$dir/peer/book")" >> "$PEER_SIZES"
    fi
done

cut -d' ' -f1-3 /proc/loadavg >> "$LOADS"
fi

[ -s "$ROWS" ] || { say "no measurements in $ROWS: run without --report-only first"; exit 1; }
command -v pandoc >/dev/null || true
MDBOOK=${MDBOOK:-$TOOLS/bin/mdbook}
python3 - "$ROWS" "$SIZE_ROWS" "$PEER_SIZES" "$OUT" "$RUNS" "$PEER_RUNS/$BIG_PEER_RUNS" "$(nproc)" "${MDBOOK:-mdbook}" \
    "$(sed -n 1p "$LOADS")" "$(sed -n 2p "$LOADS")" "$(cat "$WORK/gen-flags.txt" 2>/dev/null)" <<'PY'
import sys, platform, subprocess
rows_path, sizes_path, peer_sizes_path, out, runs, peer_runs, cores, mdbook, load_start, load_end, gen_flags = sys.argv[1:]
rows = [l.split("\t") for l in open(rows_path).read().split("\n") if l]
sizes = [l.split("\t") for l in open(sizes_path).read().split("\n") if l]
def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0]
    except OSError:
        return "not installed"
measured = {r[1].split()[0] for r in rows}
measured_versions = ([version(["pandoc", "--version"])] if "pandoc" in measured else []) + \
    ([version([mdbook, "--version"])] if "mdBook" in measured else [])
lines = [
    "# Benchmark results",
    "",
    f"Written by `bash bench/run.sh` on a {cores}-core machine ({platform.machine()}, "
    f"{platform.system()}). Each figure is the median of the runs in the runs column; "
    "wall and CPU (user + system) time and peak "
    "resident memory come from `/usr/bin/time -v`. The corpus is made by "
    "`examples/gen-corpus.rs` from the sample articles"
    + (" with `--distinct`: every paragraph ends with a sentence of its own, so "
       "hardly any two blocks are the same (by default the paragraphs of 5,000 "
       "articles recombine about 1,400 distinct ones, which dossier reads once each)"
       if "--distinct" in gen_flags else "")
    + "; the peers get the "
    "Markdown `dossier extract --format markdown` wrote for the same articles. "
    "Before each run the previous output is moved aside, not deleted (it is deleted "
    "when the bench ends): on ext4 without a journal, making thousands of files "
    "within minutes of deleting thousands costs every tool seconds more.",
    "",
    f"Load average (1, 5, 15 min) at the start: {load_start}; at the end: {load_end} "
    "(a shared machine inflates wall times; CPU times are steadier).",
    "",
    ("Tools: " + "; ".join(v for v in measured_versions if v)
     if measured_versions else "Peers: not measured (`--no-peers`)."),
    "",
    "| N | what | runs | wall s | CPU s | CPU/wall | peak MiB | ms/article (wall) |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
]
by = {}
by_cpu = {}
for n, name, r, wall, cpu, rss in rows:
    wall, cpu, rss = float(wall), float(cpu), float(rss)
    by[(n, name)] = wall
    by_cpu[(n, name)] = cpu
    lines.append(f"| {int(n):,} | {name} | {r} | {wall:.2f} | {cpu:.2f} | {cpu / wall if wall else 0:.2f} | "
                 f"{rss / 1024:.0f} | {1000 * wall / int(n):.2f} |")
lines += ["", "## Ratios: peer time / dossier cold build time (wall; CPU in brackets)", "",
          "| N | pandoc EPUB | pandoc HTML | mdBook HTML | dossier warm, 1 changed / cold |",
          "|---:|---:|---:|---:|---:|"]
for n in dict.fromkeys(r[0] for r in rows):
    cold = by.get((n, "dossier cold"))
    cold_cpu = by_cpu.get((n, "dossier cold"))
    def ratio(name):
        v, c = by.get((n, name)), by_cpu.get((n, name))
        return f"{v / cold:.1f}x ({c / cold_cpu:.1f}x)" if v and cold else "–"
    warm = by.get((n, "dossier warm, 1 article changed"))
    warm_cpu = by_cpu.get((n, "dossier warm, 1 article changed"))
    lines.append(f"| {int(n):,} | {ratio('pandoc EPUB')} | {ratio('pandoc HTML')} | "
                 f"{ratio('mdBook HTML')} | {100 * warm / cold:.0f}% ({100 * warm_cpu / cold_cpu:.0f}%) |"
                 if warm and cold else f"| {n} | | | | |")
lines += ["", "## dossier output size", "",
          "| N | site MiB | EPUB MiB | largest site file but the index (bytes) | index page (bytes) | largest EPUB file, uncompressed (bytes) |",
          "|---:|---:|---:|---:|---:|---:|"]
for n, html, epub, largest, largest_name, index, entry, entry_name in sizes:
    lines.append(f"| {int(n):,} | {html} | {epub} | {int(largest):,} `{largest_name}` | {int(index):,} | "
                 f"{int(entry):,} `{entry_name}` |")
peer_sizes = [l.split("\t") for l in open(peer_sizes_path).read().split("\n") if l]
if peer_sizes:
    lines += ["", "## Peer output size", "", "| N | pandoc EPUB MiB | pandoc HTML MiB | mdBook MiB |",
              "|---:|---:|---:|---:|"]
    for n, epub, html, mdbook_mb in peer_sizes:
        lines.append(f"| {int(n):,} | {epub} | {html} | {mdbook_mb} |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
say "wrote $OUT"
