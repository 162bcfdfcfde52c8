#!/bin/bash
# userconf.sh - the user's configuration file in the workbench: a rebound
# key works and the help shows it; a bad line stops the workbench with
# the file and line.
. "${top_srcdir:-.}/tests/tui/lib.sh"

unset XDG_CONFIG_HOME
CONF=$HOME/.config/casebook/config
mkdir -p "$(dirname "$CONF")"
cat >"$CONF" <<'EOC'
# Sam's keys
[bind "caseload"]
	scope = T
[bind "person"]
	chronology = C
[color]
	title = bold yellow blue
EOC

demo
start 100 30
wait_for "My caseload"
keys t
sleep 0.5
screen | grep -qF "Team caseload" && fail "t still changes the scope after being rebound to T"
keys T
wait_for "Team caseload"
ok "a key rebound in the configuration file works, and the old key no longer does"

keys '?'
wait_for "Keys: Caseload"
screen | grep -E '^ +T +Show my caseload' >/dev/null || fail "help does not show T for the scope"
quit
ok "? shows the keys as bound"

printf '[bind "caseload"]\n\tscope = T\n[color]\n\ttitle = bold yelow blue\n' >"$CONF"
start 100 30
st=$(wait_exit)
[ "$st" = 1 ] || fail "a bad configuration gave status $st"
grep -qF "$CONF:4: \"yelow\" is not a colour" "$ERR" || fail "no file:line message: $(cat "$ERR")"
ok "a bad colour stops the workbench with file:line"

printf '[bind "caseload"]\n\tscope = Ctrl-T\n' >"$CONF"
start 100 30
st=$(wait_exit)
[ "$st" = 1 ] || fail "a bad key name gave status $st"
grep -qF "$CONF:2: \"Ctrl-T\" is not a key name" "$ERR" || fail "no file:line message: $(cat "$ERR")"
ok "a bad key name stops the workbench with file:line"

XDG_CONFIG_HOME=$T/xdg
export XDG_CONFIG_HOME
mkdir -p "$T/xdg/casebook"
printf '[bind "caseload"]\nteleport = z\n' >"$T/xdg/casebook/config"
start 100 30
st=$(wait_exit)
[ "$st" = 1 ] || fail "an unknown action gave status $st"
grep -qF "$T/xdg/casebook/config:2: unknown action \"teleport\"" "$ERR" || fail "XDG_CONFIG_HOME not used: $(cat "$ERR")"
ok "\$XDG_CONFIG_HOME/casebook/config is read first"
