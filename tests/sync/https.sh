#!/bin/sh
# https.sh - sync over https against a real server on loopback: lighttpd
# running git http-backend as CGI, TLS with a certificate made here and
# trusted through git's http.sslCAInfo, HTTP basic authentication, and the
# login from git's credential helper. casebook clones, pushes and fetches;
# a wrong password fails at once with a clear message, asks the helper a
# bounded number of times and tells it to forget the password.
. "${top_srcdir:-.}/tests/sync/lib.sh"

LIGHTTPD=$(command -v lighttpd || ls /usr/sbin/lighttpd 2>/dev/null) || :
BACKEND=$(git --exec-path)/git-http-backend
MODDIR=/usr/lib/lighttpd
if [ -z "$LIGHTTPD" ] || [ ! -x "$BACKEND" ] || [ ! -e "$MODDIR/mod_openssl.so" ] ||
	! command -v openssl >/dev/null 2>&1; then
	echo "# lighttpd (with lighttpd-mod-openssl), openssl or git-http-backend missing:" \
		"scripts/install-deps installs them"
	exit 77
fi
export CASEBOOK_SYNC_TIMEOUT=10 CASEBOOK_SYNC_ATTEMPTS=2
# The certificate authority comes from http.sslCAInfo below, as a team would
# set it; the environment's own choice would override it.
unset GIT_SSL_CAINFO GIT_SSL_NO_VERIFY SSL_CERT_FILE SSL_CERT_DIR
SAM="Sam Patel <sam.patel@example.org>"
JO="Jo Okafor <jo.okafor@example.org>"

# A throwaway certificate authority that is also the server's certificate.
# The server is reached as 127.0.0.1, not localhost: a bare machine may
# have no /etc/hosts to name it. Debian's libgit2 checks the name with
# mbedTLS, which compares it with DNS names only, and git's curl wants an
# IP address entry: the certificate carries both.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
	-addext "subjectAltName=DNS:localhost,DNS:127.0.0.1,IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
	-keyout "$T/key.pem" -out "$T/cert.pem" 2>"$T/openssl.log" || { show "$T/openssl.log"; exit 1; }
cat "$T/cert.pem" "$T/key.pem" >"$T/server.pem"
git config --global http.sslCAInfo "$T/cert.pem"

make_remote team
# git http-backend only takes pushes from a logged-in user; everything
# here needs a login.
printf 'jo:correct-horse\n' >"$T/users"
start_https() {
	for try in 1 2 3 4 5 6 7 8; do
		HTTPS_PORT=$(random_port)
		cat >"$T/lighttpd.conf" <<EOF
server.modules = ( "mod_openssl", "mod_auth", "mod_authn_file", "mod_alias",
		   "mod_setenv", "mod_cgi" )
server.bind = "127.0.0.1"
server.port = $HTTPS_PORT
server.document-root = "$T/srv"
server.errorlog = "$T/lighttpd.log"
server.upload-dirs = ( "$T" )
ssl.engine = "enable"
ssl.pemfile = "$T/server.pem"
auth.backend = "plain"
auth.backend.plain.userfile = "$T/users"
auth.require = ( "/git/" => ( "method" => "basic", "realm" => "casebook test",
			      "require" => "valid-user" ) )
alias.url = ( "/git" => "$BACKEND" )
\$HTTP["url"] =~ "^/git" {
	cgi.assign = ( "" => "" )
	setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$T/srv", "GIT_HTTP_EXPORT_ALL" => "1" )
}
EOF
		"$LIGHTTPD" -D -f "$T/lighttpd.conf" >"$T/lighttpd.out" 2>&1 &
		hpid=$!
		for wait in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			if git -c credential.helper= ls-remote \
				"https://jo:correct-horse@127.0.0.1:$HTTPS_PORT/git/team.git" >/dev/null 2>"$T/probe.err"; then
				pids="$pids $hpid"
				return 0
			fi
			kill -0 "$hpid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$hpid" 2>/dev/null
		wait "$hpid" 2>/dev/null
	done
	echo "# cannot start lighttpd:" >&2
	show "$T/probe.err" "$T/lighttpd.out"; [ -f "$T/lighttpd.log" ] && show "$T/lighttpd.log"
	exit 1
}
start_https
URL="https://127.0.0.1:$HTTPS_PORT/git/team.git"

# The credential helper: answers with the password in $T/password and logs
# every request (get, store, erase) it receives.
cat >"$T/helper" <<EOF
#!/bin/sh
echo "\$1" >>"$T/helper.log"
cat >/dev/null
[ "\$1" = get ] && printf 'username=jo\npassword=%s\n' "\$(cat "$T/password")"
exit 0
EOF
chmod +x "$T/helper"
git config --global credential.helper "$T/helper"
printf 'correct-horse' >"$T/password"

# A first workspace pushes a person to the empty remote.
ws_init a "$URL" "$SAM"
id=$(add_person a "Rowan Ashdown")
add_entry a "$id" "Moved to a new placement."
check "sync pushes over https" cb -C "$T/a" sync --quiet
check "the remote has the push" test "$(remote_tip team)" = "$(tip a)"
grep -qx store "$T/helper.log" && ok "the helper is told the login worked (approve)" ||
	not_ok "the helper is told the login worked (approve)"

# A colleague clones over https, adds an entry; the first fetches it.
check "clone over https" ws_clone b "$URL" "$JO"
check "the clone has the entry" sh -c "\"$CASEBOOK\" -C \"$T/b\" show \"$id/chronology\" | grep -q \"Moved to a new placement\""
add_entry b "$id" "Started at college."
check "the colleague pushes" cb -C "$T/b" sync --quiet
check "sync fetches the colleague's entry" cb -C "$T/a" sync --quiet
check "both have the same main" test "$(tip a)" = "$(tip b)"
check "git fsck passes on the server" git -C "$T/srv/team.git" fsck --no-progress

# A wrong password: a clear message at once, no loop.
printf 'wrong-horse' >"$T/password"
: >"$T/helper.log"
add_entry a "$id" "Phoned the placement."
start=$(date +%s)
if cb -C "$T/a" sync --quiet 2>"$T/err"; then
	not_ok "a wrong password fails"
else
	ok "a wrong password fails"
fi
took=$(($(date +%s) - start))
grep -qi "authentication failed" "$T/err" && ok "the message says the login failed" ||
	{ not_ok "the message says the login failed"; show "$T/err"; }
gets=$(grep -cx get "$T/helper.log")
[ "$gets" -ge 1 ] && [ "$gets" -le 2 ] && ok "the helper was asked $gets times (at most 2)" ||
	{ not_ok "the helper was asked $gets times (at most 2)"; show "$T/helper.log"; }
grep -qx erase "$T/helper.log" && ok "the wrong password was rejected (git credential reject)" ||
	{ not_ok "the wrong password was rejected (git credential reject)"; show "$T/helper.log"; }
[ "$took" -lt 10 ] && ok "it gave up at once (${took}s), not after retries" ||
	not_ok "it gave up at once (${took}s), not after retries"
check "nothing was pushed" test "$(remote_tip team)" = "$(tip b)"

# Without the certificate authority, the server is not trusted.
printf 'correct-horse' >"$T/password"
git config --global --unset http.sslCAInfo
if cb -C "$T/a" sync --quiet 2>"$T/err"; then
	not_ok "an untrusted certificate is refused"
elif grep -qi "certificate" "$T/err"; then
	ok "an untrusted certificate is refused"
else
	not_ok "an untrusted certificate is refused, saying so"
	show "$T/err"
fi
git config --global http.sslCAInfo "$T/cert.pem"
check "with the authority trusted again, the sync pushes" cb -C "$T/a" sync --quiet
check "the remote has it" test "$(remote_tip team)" = "$(tip a)"
finish
