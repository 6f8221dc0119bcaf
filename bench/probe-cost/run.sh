#!/usr/bin/env bash
# Starts a private Postfix (Debian defaults: level may, RSA certificate from a throw-away CA) on a
# free loopback port, runs one full `mailtls probe` against it, and prints the connections and
# handshakes the probe reports with the wall time. Nothing outside a temporary directory changes;
# the instance is stopped on exit.
# Usage: bench/probe-cost/run.sh [extra mailtls probe options, e.g. --no-senders]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d /tmp/mailtls-probe-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { postfix -c "$dir/etc" stop >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"; }
trap cleanup EXIT

chmod 755 "$dir"
mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
chown postfix "$dir/data"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=mx.mailtls.test \
  -addext subjectAltName=DNS:mx.mailtls.test -keyout "$dir/etc/key.pem" -out "$dir/etc/cert.pem" 2>/dev/null
cat > "$dir/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
multi_instance_name = postfix-bench
maillog_file = $dir/maillog
maillog_file_prefixes = /var, /dev/stdout, $dir
myhostname = mx.mailtls.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
alias_maps =
alias_database =
default_transport = error:outbound mail disabled
smtpd_tls_security_level = may
smtpd_tls_cert_file = $dir/etc/cert.pem
smtpd_tls_key_file = $dir/etc/key.pem
CF
sed "s/^smtp      inet.*/127.0.0.1:$port inet n - n - - smtpd/" /etc/postfix/master.cf.proto > "$dir/etc/master.cf"
postconf -c "$dir/etc" -F '*/*/chroot = n'
postfix -c "$dir/etc" start
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

dotnet build "$repo/src/MailTls.Cli" -c Release -v quiet -nologo >/dev/null
start=$(date +%s.%N)
dotnet "$repo/src/MailTls.Cli/bin/Release/net10.0/mailtls.dll" probe "127.0.0.1:$port" --ehlo bench.mailtls.test --json "$@" > "$dir/report.json" || true
end=$(date +%s.%N)
python3 - "$dir/report.json" "$start" "$end" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for table in report["tables"]:
    if table["title"].endswith("SMTP and TLS facts"):
        print(dict(table["rows"])["Cost"])
    if table["title"].endswith("protocol versions"):
        print("accepted:", ", ".join(f"{r[0]} ({r[3]} suites, {r[2]} order)" for r in table["rows"] if r[1] == "yes"))
print(f"wall time of the whole command (process start included): {float(sys.argv[3]) - float(sys.argv[2]):.2f} s")
PY
