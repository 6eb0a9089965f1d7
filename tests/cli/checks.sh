# Assertions shared by the CLI test scripts; each counts into $pass and $fail.
pass=0; fail=0
check() {  # check NAME EXPECTED_RC ACTUAL_RC
  if [ "$2" = "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: expected exit $2, got $3"; fi
}
contains() {  # contains NAME FILE TEXT
  if grep -q -- "$3" "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: '$3' not in output:"; cat "$2"; fi
}
same() {  # same NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: '$2' != '$3'"; fi
}
