# sshd.sh - sourced after tests/sync/lib.sh by the tests that need an ssh
# server: OpenSSH's sshd on a high loopback port as the current user, with
# a throwaway host key and the practitioner's key ($HOME/.ssh/id_ed25519)
# authorised. Skips the test (77) when sshd or ssh-keygen is missing.
# start_sshd sets SSH_PORT; ME is the user, S the server's directory.
SSHD=$(command -v sshd || ls /usr/sbin/sshd 2>/dev/null || true)
if [ -z "$SSHD" ] || ! command -v ssh-keygen >/dev/null; then
	echo "# sshd is not installed (scripts/install-deps installs openssh-server)"
	exit 77
fi
ME=$(id -un)
S="$T/sshd"
mkdir -p "$S" "$HOME/.ssh" "$T/srv"
chmod 700 "$HOME/.ssh"
ssh-keygen -q -t ed25519 -N '' -C "test host key" -f "$S/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C "practitioner key" -f "$HOME/.ssh/id_ed25519"
cp "$HOME/.ssh/id_ed25519.pub" "$S/authorized_keys"
# sshd refuses to run as root without its privilege separation directory.
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd 2>/dev/null || true

start_sshd() {
	for try in 1 2 3 4 5 6 7 8; do
		SSH_PORT=$(random_port)
		cat >"$S/config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $ME
LogLevel VERBOSE
EOF
		"$SSHD" -f "$S/config" -D -e >"$S/log" 2>&1 &
		spid=$!
		for wait in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			if grep -q "Server listening" "$S/log"; then
				pids="$pids $spid"
				return 0
			fi
			kill -0 "$spid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$spid" 2>/dev/null
		wait "$spid" 2>/dev/null
	done
	echo "# cannot start sshd:" >&2
	show "$S/log"
	exit 1
}
