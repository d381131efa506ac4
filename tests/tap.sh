# tests/tap.sh: the TAP helpers shared by the shell tests.  Each test
# sources it before its first assertion:
#   . "$(dirname "$0")/tap.sh"
# and ends with  echo "1..$n"  (or prints its plan first).
#   ok STATUS DESCRIPTION   "ok N - DESCRIPTION" when STATUS is 0, else "not ok"
#   pass DESCRIPTION        "ok N - DESCRIPTION"
#   notok DESCRIPTION       "not ok N - DESCRIPTION"
#   check 1|0 DESCRIPTION   pass when the first argument is 1, else notok
#   skip [DESCRIPTION] WHY  "ok N - DESCRIPTION # SKIP WHY" ("ok N # SKIP WHY")
# n counts the assertions so far; tap_failed is 1 once one has failed (for
# tests whose exit status reports it).
n=0
tap_failed=0
ok() {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; tap_failed=1; fi
}
pass() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); tap_failed=1; echo "not ok $n - $1"; }
check() { if [ "$1" = 1 ]; then pass "$2"; else notok "$2"; fi; }
skip() {
  n=$((n + 1))
  if [ $# -ge 2 ]; then echo "ok $n - $1 # SKIP $2"; else echo "ok $n # SKIP $1"; fi
}
