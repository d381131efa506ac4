#!/bin/sh
# TAP: the C sources keep the committed style (.clang-format, written for
# clang-format 14, Debian 12's).  Run `clang-format -i` on a file that fails.
# Skipped without clang-format 14: other versions lay some constructs out
# differently, so their verdict would not be about this project's style.
: "${SA_TOP_SRCDIR:?SA_TOP_SRCDIR must point at the source tree}"
echo "1..1"
cf=${CLANG_FORMAT:-clang-format}
ver=$("$cf" --version 2>/dev/null | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
if [ "$ver" != 14 ]; then
  echo "ok 1 # SKIP clang-format 14 not found (got '${ver:-none}')"
  exit 0
fi
cd "$SA_TOP_SRCDIR" || exit 1
files=$(find src tests examples bench figures -name '*.[ch]' | sort)
# one clang-format run over all files; each violation is a 'FILE:LINE:COL: warning:' line
bad=$("$cf" --dry-run $files 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning:.*/\1/p' | sort -u)
n=$(echo "$files" | wc -l)
[ -z "$bad" ]
ok=$?
if [ $ok -eq 0 ]; then echo "ok 1 - all $n C files follow .clang-format"; else
  echo "not ok 1 - files not in .clang-format's style:" $bad; fi
