#!/bin/sh
# property.sh - random saves on three workspaces, synced through git
# daemon in a random order, always converge to identical trees, and every
# entry and person anyone saved is still there. SEED=N repeats a run.
. "${top_srcdir:-.}/tests/sync/lib.sh"

SEED=${SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "# seed $SEED (run again with SEED=$SEED)"
r=$SEED
# A small linear congruential generator: the same seed, the same run.
# Sets R (not printed: a $(...) subshell would not advance the state).
rand() { r=$(( (r * 1103515245 + 12345) % 2147483648 )); R=$(( (r / 65536) % $1 )); }

start_daemon
make_remote team
URL=$(daemon_url team)
ws_init a "$URL" "Sam Patel <sam.patel@example.org>"
P=$(add_person a "Morgan Property" 2010-10-10)
cb -C "$T/a" sync -q
ws_clone b "$URL" "Jo Okafor <jo.okafor@example.org>"
ws_clone c "$URL" "Ria Mendes <ria.mendes@example.org>"
: >"$T/entries"
: >"$T/people"
names="Morgan Property|Morgan Proper-Tee|Morgan P. Roperty|Morgan Propertie"
steps=${STEPS:-36}
syncs_failed=0
for step in $(seq 1 "$steps"); do
	rand 3
	case $R in 0) w=a ;; 1) w=b ;; *) w=c ;; esac
	rand 5
	case $R in
	0 | 1)
		text="Entry $step from $w."
		add_entry $w "$P" "$text" && echo "$text" >>"$T/entries"
		;;
	2)
		rand 4
		name=$(echo "$names" | cut -d'|' -f$((R + 1)))
		cb -C "$T/$w" person edit "$P" --name "$name" >/dev/null 2>&1
		;;
	3)
		add_person $w "Person $step Of $w" 2015-01-01 >/dev/null &&
			echo "Person $step Of $w" >>"$T/people"
		;;
	*)
		cb -C "$T/$w" sync -q 2>"$T/out" || { syncs_failed=$((syncs_failed + 1)); show "$T/out"; }
		;;
	esac
	remember $w
done
check "every sync in the random run succeeded" [ $syncs_failed -eq 0 ]
# Two rounds carry everything everywhere.
for w in a b c a b c; do cb -C "$T/$w" sync -q 2>"$T/out" || show "$T/out"; done
check "three workspaces converge on one commit" converged a b c
ta=$(git -C "$T/a/repo.git" rev-parse 'main^{tree}')
check "and on identical trees" sh -c "[ '$ta' = \"\$(git -C '$T/b/repo.git' rev-parse 'main^{tree}')\" ] &&
	[ '$ta' = \"\$(git -C '$T/c/repo.git' rev-parse 'main^{tree}')\" ]"
for w in a b c; do
	cb -C "$T/$w" show "$P/chronology" >"$T/chron-$w" 2>/dev/null
	missing=0
	while read -r e; do grep -qF "Event: $e" "$T/chron-$w" || { echo "# $w lacks: $e"; missing=1; }; done <"$T/entries"
	check "workspace $w has all $(wc -l <"$T/entries") entries saved anywhere" [ $missing -eq 0 ]
	cb -C "$T/$w" list --all --format=tsv >"$T/list-$w"
	missing=0
	while read -r p; do grep -qF "$p" "$T/list-$w" || { echo "# $w lacks: $p"; missing=1; }; done <"$T/people"
	check "workspace $w lists all $(wc -l <"$T/people") people added anywhere" [ $missing -eq 0 ]
done
check "no commit made anywhere was lost" all_kept "$T/srv/team.git"
check "the remote passes git fsck" fsck_ok "$T/srv/team.git"
finish
