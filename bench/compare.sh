#!/usr/bin/env bash
# deckbook side by side with the tools people use today, on the seed guide and on guides
# 10× and 100× its size (the seed's topics repeated and renumbered by bench/make_large.py):
#
#   - deckbook build (all formats: .apkg, .epub, .csv, .anki.csv), then EPUB only, then
#     .apkg + CSV only;
#   - pandoc, EPUB only: `pandoc -f gfm --toc --metadata lang=en GUIDE -o x.epub`;
#   - bench/genanki_baseline.py: Python-Markdown + Pygments + genanki writing a deck and a CSV.
#
# Every command runs RUNS times per guide (5 for the seed, 3 for ×10, 1 for ×100 by default)
# under /usr/bin/time; the script prints the medians of wall time and peak resident memory,
# and each baseline's ratio to the deckbook run that writes the same outputs, as a Markdown
# table. Run it from the repository root after `cargo build --release` (`make compare`).
#
# Environment: RUNS_SEED, RUNS_X10, RUNS_X100 (runs per guide), SIZES (default "1 10 100"),
# PYTHON (default .venv/bin/python, which needs genanki, markdown and pygments:
# `make venv`), DECKBOOK (default target/release/deckbook), OUT (default bench/out/compare).
set -euo pipefail

DECKBOOK=${DECKBOOK:-target/release/deckbook}
PYTHON=${PYTHON:-.venv/bin/python}
OUT=${OUT:-bench/out/compare}
SIZES=${SIZES:-"1 10 100"}
SEED=source/python-interview-guide.md
TIME=/usr/bin/time

missing() {
  echo "compare.sh: $1" >&2
  exit 2
}

[ -f Cargo.toml ] && [ -f "$SEED" ] || missing "run me from the repository root"
[ -x "$DECKBOOK" ] || missing "$DECKBOOK is missing: run \`cargo build --release\`"
[ -x "$TIME" ] || missing "$TIME is missing: install it with \`apt-get install time\`"
command -v pandoc >/dev/null ||
  missing "pandoc is missing: install it with \`apt-get install pandoc\` (Debian/Ubuntu)"
[ -x "$PYTHON" ] || missing "$PYTHON is missing: run \`make venv\` or set PYTHON"
"$PYTHON" -c "import genanki, markdown, pygments" 2>/dev/null ||
  missing "$PYTHON lacks genanki, markdown or pygments: \`$PYTHON -m pip install genanki markdown pygments\`"

mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

# guide_for SIZE: the path of the guide SIZE times the seed (made once).
guide_for() {
  if [ "$1" = 1 ]; then
    echo "$SEED"
    return
  fi
  local path="$OUT/guide-x$1.md"
  [ -f "$path" ] || "$PYTHON" bench/make_large.py "$SEED" "$1" "$path"
  echo "$path"
}

runs_for() {
  case $1 in
    1) echo "${RUNS_SEED:-5}" ;;
    10) echo "${RUNS_X10:-3}" ;;
    *) echo "${RUNS_X100:-1}" ;;
  esac
}

# measure RUNS DIR CMD...: runs CMD RUNS times (DIR emptied before each run); prints the
# median wall seconds, the median peak MiB and the bytes DIR holds afterwards.
measure() {
  local runs=$1 dir=$2
  shift 2
  local walls=() rsss=() line
  for _ in $(seq "$runs"); do
    rm -rf "$dir" && mkdir -p "$dir"
    if ! line=$("$TIME" -f "%e %M" "$@" 2>&1 >/dev/null | tail -n 1); then
      echo "compare.sh: failed: $* ($line)" >&2
      return 1
    fi
    walls+=("${line% *}")
    rsss+=("${line#* }")
  done
  local bytes
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '%s %s %s\n' "$(median "${walls[@]}")" \
    "$(median "${rsss[@]}" | awk '{ printf "%.1f", $1 / 1024 }')" "$bytes"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'
}

human() {
  awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MiB", b / 1048576;
    else if (b > 0) printf "%.0f KiB", b / 1024; else print "empty" }'
}

echo "| guide | tool | outputs | runs | wall (median) | peak RSS (median) | output size | vs deckbook (wall / RSS) |"
echo "|---|---|---|---:|---:|---:|---:|---|"
for size in $SIZES; do
  guide=$(guide_for "$size")
  runs=$(runs_for "$size")
  lines=$(wc -l <"$guide")
  name="seed"
  [ "$size" = 1 ] || name="×$size"
  label="$name ($lines lines)"
  dir="$OUT/run-x$size"

  all=$(measure "$runs" "$dir/all" "$DECKBOOK" build -q "$guide" -o "$dir/all")
  epub=$(measure "$runs" "$dir/epub" "$DECKBOOK" build -q "$guide" -o "$dir/epub" --format epub)
  deck=$(measure "$runs" "$dir/deck" \
    "$DECKBOOK" build -q "$guide" -o "$dir/deck" --format apkg,csv)
  pan=$(measure "$runs" "$dir/pandoc" \
    pandoc -f gfm --toc --metadata lang=en "$guide" -o "$dir/pandoc/guide.epub")
  gen=$(measure "$runs" "$dir/genanki" "$PYTHON" bench/genanki_baseline.py "$guide" "$dir/genanki")
  read -r all_w all_m all_b <<<"$all"
  read -r epub_w epub_m epub_b <<<"$epub"
  read -r deck_w deck_m deck_b <<<"$deck"
  read -r pan_w pan_m pan_b <<<"$pan"
  read -r gen_w gen_m gen_b <<<"$gen"

  echo "| $label | deckbook | apkg, epub, csv, anki.csv | $runs | ${all_w} s | ${all_m} MiB | $(human "$all_b") | |"
  echo "| $label | deckbook | epub | $runs | ${epub_w} s | ${epub_m} MiB | $(human "$epub_b") | |"
  echo "| $label | pandoc | epub | $runs | ${pan_w} s | ${pan_m} MiB | $(human "$pan_b") | $(ratio "$pan_w" "$epub_w") / $(ratio "$pan_m" "$epub_m") |"
  echo "| $label | deckbook | apkg, csv, anki.csv | $runs | ${deck_w} s | ${deck_m} MiB | $(human "$deck_b") | |"
  echo "| $label | markdown + Pygments + genanki | apkg, csv | $runs | ${gen_w} s | ${gen_m} MiB | $(human "$gen_b") | $(ratio "$gen_w" "$deck_w") / $(ratio "$gen_m" "$deck_m") |"
done
echo
echo "Ratios: the baseline's median over deckbook's median for the same outputs (EPUB only for"
echo "pandoc, deck + CSV for the genanki script); above 1× means deckbook is faster or smaller."
echo "Machine: $(nproc) cores; $(uname -sm); pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2)."
