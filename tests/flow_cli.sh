#!/bin/sh
# Bad input and solver failure of the `flow`, `balanced`, `deep-times` and
# `multiout` subcommands (TAP).  Every invalid option value exits with
# status 2 and a message naming the option and the value; a solver failure
# exits non-zero with the integrator's reason (ARKODE's or CVODE's flag) and leaves no output (or temporary)
# file behind; a good run writes a file with a `# columns:` header and no NaN.
SA=${SILENTALIGN:-src/cli/silentalign}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/flow_cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"


# bad CMD OPTION-NAME VALUE-SHOWN ARG...: status 2, stderr names option and value
bad() {
  cmd=$1 opt=$2 val=$3
  shift 3
  "$SA" "$cmd" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  r=1
  if [ $st -eq 2 ] && grep -q -F -e "$opt" "$tmp/err" && grep -q -F -e "$val" "$tmp/err"; then
    r=0
  else
    echo "# status $st, stderr: $(cat "$tmp/err")"
  fi
  ok $r "$cmd $*: exit status 2 and a message naming $opt and '$val'"
}

# solver_fail FLAG CMD ARG...: non-zero, the integrator's step-limit flag
# FLAG on stderr ("(TOO_MUCH_WORK)" for the factored Dormand-Prince, the
# default of the linear-network weight flows; ARK_TOO_MUCH_WORK for ERK, the
# default elsewhere; CV_TOO_MUCH_WORK for --method=adams or bdf), directory
# left empty
solver_fail() {
  flag=$1
  cmd=$2
  shift 2
  d="$tmp/fail_$cmd"
  mkdir -p "$d"
  "$SA" "$cmd" "$@" -o "$d/out.tsv" >/dev/null 2>"$tmp/err"
  st=$?
  r=1
  if [ $st -ne 0 ] && grep -q "$flag" "$tmp/err"; then r=0; else
    echo "# status $st, stderr: $(cat "$tmp/err")"
  fi
  ok $r "$cmd $*: the step limit exits non-zero with the integrator's reason ($flag)"
  left=$(ls -A "$d")
  r=1
  [ -z "$left" ] && r=0
  ok $r "$cmd $*: failed run leaves neither the -o file nor a temporary file ($left)"
}

# good CMD ARG...: file with '# columns:' and no NaN
good() {
  cmd=$1
  shift
  f="$tmp/good_$cmd.tsv"
  "$SA" "$cmd" "$@" -o "$f" >/dev/null 2>"$tmp/err"
  st=$?
  r=1
  if [ $st -eq 0 ] && grep -q '^# columns: ' "$f" && ! grep -v '^#' "$f" | grep -q -i nan \
     && [ "$(grep -v '^#' "$f" | wc -l)" -gt 1 ]; then
    r=0
  else
    echo "# status $st, stderr: $(cat "$tmp/err")"
  fi
  ok $r "$cmd $*: good run writes a '# columns:' header and no NaN"
}

# flow (Eqs. 4, 9)
bad flow --L 1 --L=1
bad flow --sigma 0 --sigma=0
bad flow --sigma -1 --sigma=-1
bad flow --rtol 0 --rtol=0
bad flow --t-end 0 --t-end=0
bad flow --N 0 --N=0
bad flow --D 0 --D=0
bad flow --bogus 3 --bogus=3
bad flow --sigma 1e-3x --sigma=1e-3x
solver_fail "(TOO_MUCH_WORK)" flow --max-steps=1 --t-end=1e6 --samples=3
solver_fail ARK_TOO_MUCH_WORK flow --max-steps=1 --t-end=1e6 --samples=3 --method=erk
solver_fail CV_TOO_MUCH_WORK flow --max-steps=1 --t-end=1e6 --samples=3 --method=adams
good flow --L=3 --D=8 --N=6 --sigma=0.05 --t-end=100 --samples=20

# balanced (App. E.1)
bad balanced --L 1 --L=1
bad balanced --sigma 0 --sigma=0
bad balanced --sigma -1 --sigma=-1
bad balanced --u0 2 --L=3 --u0=2
bad balanced --rtol 0 --rtol=0
bad balanced --t-end -1 --t-end=-1
bad balanced --samples 1 --samples=1
bad balanced --bogus 3 --bogus=3
bad balanced --s 1e-3x --s=1e-3x
bad balanced --method lowrank --method=lowrank
solver_fail ARK_TOO_MUCH_WORK balanced --max-steps=1 --t-end=1e6 --samples=3
solver_fail CV_TOO_MUCH_WORK balanced --max-steps=1 --t-end=1e6 --samples=3 --method=adams
good balanced --L=4 --sigma=0.05 --samples=30

# deep-times (Fig. 3a/3c)
bad deep-times --L 1 --L=1
bad deep-times --L 3.5 --L=3.5
bad deep-times --sigma 0 --sigma=0.01,0
bad deep-times --sigma 2 --sigma=2
bad deep-times --rtol 0 --rtol=0
bad deep-times --N 0 --N=0
bad deep-times --D 0 --D=0
bad deep-times --bogus 3 --bogus=3
bad deep-times --sigma 1e-3x --sigma=1e-3x
bad deep-times --method lowrank --method=lowrank
solver_fail ARK_TOO_MUCH_WORK deep-times --max-steps=1 --L=3 --sigma=0.01
solver_fail CV_TOO_MUCH_WORK deep-times --max-steps=1 --L=3 --sigma=0.01 --method=adams
good deep-times --L=3,4 --sigma=0.05,0.1 --D=8 --N=6

# multiout (Sec. 4.2, App. H)
bad multiout --L 1 --L=1
bad multiout --sigma 0 --sigma=0
bad multiout --sigma -1 --sigma=-1
bad multiout --C 0 --C=0
bad multiout --N 0 --N=0
bad multiout --D 0 --D=0
bad multiout --s -1 --s=1,-1
bad multiout --s '3 singular values' --C=2 --s=3,2,1
bad multiout --rtol 0 --rtol=0
bad multiout --t-end -1 --t-end=-1
bad multiout --bogus 3 --bogus=3
bad multiout --sigma 1e-3x --sigma=1e-3x
solver_fail "(TOO_MUCH_WORK)" multiout --max-steps=1 --t-end=1e6 --samples=3
solver_fail ARK_TOO_MUCH_WORK multiout --max-steps=1 --t-end=1e6 --samples=3 --method=erk
solver_fail CV_TOO_MUCH_WORK multiout --max-steps=1 --t-end=1e6 --samples=3 --method=adams
good multiout --L=2 --D=6 --N=8 --C=3 --s=2.5,1.2,0.6 --sigma=0.01 --samples=40

echo "1..$n"
exit $tap_failed
