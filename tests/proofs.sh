#!/bin/sh
# TAP: computer-algebra checks of the derivations in proofs/ (Maxima).
#
# Runs every proofs/*.mac in batch mode after proofs/lib/tap.mac and joins
# their "ok - ..." / "not ok - ..." lines into one numbered TAP stream with a
# trailing plan.  A file passes as a whole only if it prints its sentinel
# ("# tap-end N", from tap_end() on its last line) with N equal to the number
# of check lines it printed: a syntax error, a Maxima error outside a check, a
# timeout or an interactive question ("Is x positive...?", which Maxima
# repeats forever on a closed stdin) all stop the file before the sentinel and
# give "not ok".  Other output lines are passed on as "# file: ..." comments.
#
# Environment: SA_TOP_SRCDIR (source tree; default: this script's parent),
# MAXIMA (the maxima program; default: maxima on PATH; "no" means missing),
# SA_MAXIMA_TIMEOUT (seconds per file, default 50).

top=${SA_TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
maxima=${MAXIMA:-maxima}
limit=${SA_MAXIMA_TIMEOUT:-50}

if [ "$maxima" = no ] || ! command -v "$maxima" >/dev/null 2>&1; then
  echo "1..0 # SKIP maxima not installed"
  exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sa-proofs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

runner=
if command -v timeout >/dev/null 2>&1; then runner="timeout $limit"; fi

n=0
: > "$tmp/tap"
for f in "$top"/proofs/*.mac; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  # head ends a runaway question loop (SIGPIPE); timeout ends a hang.
  $runner "$maxima" --very-quiet \
    --batch-string="batchload(\"$top/proofs/lib/tap.mac\")\$ batchload(\"$f\")\$" \
    </dev/null 2>&1 | head -n 5000 > "$tmp/out"
  awk -v n="$n" -v name="$name" '
    /^ok - / || /^not ok - / {
      n++; seen++
      d = $0; sub(/^(not )?ok - /, "", d)
      printf "%s %d - %s: %s\n", ($1 == "ok" ? "ok" : "not ok"), n, name, d
      next
    }
    /^# tap-end [0-9]+$/ { ended = 1; declared = $3; next }
    /^# / { print; next }
    /^batchload\(/ || /^[ \t]*$/ { next }
    /^Is .*(positive|negative|zero|integer)/ { asked = 1; if (asked_shown++) next }
    { if (shown++ < 40) printf "# %s: %s\n", name, $0 }
    END {
      n++
      if (ended && declared == seen)
        printf "ok %d - %s: ran to completion (%d checks)\n", n, name, seen
      else {
        why = asked ? "Maxima asked an interactive question (an assume() is missing)" : \
              (ended ? "check count mismatch" : "Maxima stopped early: error, syntax error or timeout")
        printf "not ok %d - %s: ran to completion (%s)\n", n, name, why
      }
    }' "$tmp/out" >> "$tmp/tap"
  n=$(grep -c -E '^(not )?ok [0-9]+ ' "$tmp/tap")
done

if [ "$n" -eq 0 ]; then
  echo "1..0 # SKIP no proofs/*.mac files found under $top"
  exit 0
fi
echo "1..$n"
cat "$tmp/tap"
