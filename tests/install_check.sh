#!/bin/sh
# TAP: `make install DESTDIR=...` into a temporary directory installs the
# program, the library (shared and static), every library header under
# include/silentalign/, silentalign.pc, the manual page and the documents
# (README, LICENSE, NEWS, the examples' sources) under share/doc/silent-align (the package's name); the installed
# program runs; and examples/balanced.c, compiled with nothing but
# `pkg-config --cflags --libs silentalign` pointed at that installation,
# links the installed shared library and passes its own check (CVODE's
# half-loss time against the closed form).
: "${MAKE:?MAKE must be set (make check sets it)}"
: "${SA_TOP_BUILDDIR:?SA_TOP_BUILDDIR must point at the build tree}"
: "${SA_TOP_SRCDIR:?SA_TOP_SRCDIR must point at the source tree}"
: "${PACKAGE_VERSION:?PACKAGE_VERSION must be set}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/install_check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..11"
. "$(dirname "$0")/tap.sh"

dest=$tmp/dest
# (messages name the temporary directory as $TMP: the report quotes them, and
# a random, unbreakable path would make its width differ from run to run)
(cd "$SA_TOP_BUILDDIR" && $MAKE install DESTDIR="$dest") >"$tmp/install.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -n 5 "$tmp/install.log" | sed 's/^/# /'
ok $st "make install DESTDIR=\$TMP/dest succeeds"

pc=$(find "$dest" -name silentalign.pc | head -n 1)
[ -n "$pc" ]
ok $? "silentalign.pc installed"
# prefix = the directory two levels above lib/pkgconfig
libdir=$(dirname "$(dirname "$pc")")
prefix=$(dirname "$libdir")

[ -x "$prefix/bin/silentalign" ] && [ -f "$libdir/libsilentalign.a" ] &&
  [ -f "$libdir/libsilentalign.so" ] && [ -f "$libdir/libsilentalign.so.0" ]
ok $? "bin/silentalign, lib/libsilentalign.a, .so and .so.0 installed"

# every header of the library's sources, at include/silentalign/<module>/
nh=0
missing=
# (every src/ module folder but cli/, whose headers are the program's own)
for h in $(cd "$SA_TOP_SRCDIR/src" && ls */*.h | grep -v '^cli/'); do
  nh=$((nh + 1))
  [ -f "$prefix/include/silentalign/$h" ] || missing="$missing $h"
done
[ "$nh" -gt 20 ] && [ -z "$missing" ]
ok $? "all $nh library headers under include/silentalign/ (missing:${missing:- none})"

[ ! -e "$prefix/include/silentalign/cli" ]
ok $? "the CLI's private headers are not installed"

man=$prefix/share/man/man1/silentalign.1
[ -f "$man" ] && grep -q '^\.SH SYNOPSIS' "$man" && grep -q '^\.SS "Subcommands' "$man" &&
  grep -q '^kernel\\-trace$' "$man"
ok $? "share/man/man1/silentalign.1 installed, with SYNOPSIS and the subcommands"

doc=$prefix/share/doc/silent-align
[ -f "$doc/README.md" ] && [ -f "$doc/LICENSE" ] && [ -f "$doc/NEWS" ] && [ -f "$doc/examples/balanced.c" ] &&
  cmp -s "$doc/examples/balanced.c" "$SA_TOP_SRCDIR/examples/balanced.c"
ok $? "README.md, LICENSE, NEWS and examples/balanced.c installed under share/doc/silent-align/"

first=$(LD_LIBRARY_PATH="$libdir" "$prefix/bin/silentalign" --version | head -n 1)
[ "$first" = "silentalign (silent-align) $PACKAGE_VERSION" ]
ok $? "the installed program runs: '$first'"

flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --define-prefix --cflags --libs silentalign 2>"$tmp/pc.err")
ok $? "pkg-config --cflags --libs silentalign: $(printf '%s' "$flags" | sed "s|$tmp|\$TMP|g")"

${CC:-cc} -o "$tmp/balanced" "$SA_TOP_SRCDIR/examples/balanced.c" $flags -lm >"$tmp/cc.log" 2>&1
st=$?
[ -s "$tmp/cc.log" ] && sed 's/^/# /' "$tmp/cc.log" | head -n 5
ok $st "examples/balanced.c compiles and links with pkg-config's flags alone"

LD_LIBRARY_PATH="$libdir" "$tmp/balanced" >"$tmp/run.out" 2>&1 &&
  LD_LIBRARY_PATH="$libdir" ldd "$tmp/balanced" | grep -q "$libdir/libsilentalign.so"
ok $? "examples/balanced runs against the installed shared library and passes its check: $(tail -n 1 "$tmp/run.out")"
