#!/usr/bin/env bash
# Side by side on one loopback Postfix (Debian's, default TLS settings, a private instance started
# here and stopped at the end), in one run:
#   mailtls probe (full: protocols, all suites, server order, groups, fallback SCSV, chains,
#                  resumption, senders: answers predicted from the enumerated facts where they
#                  settle them), mailtls probe --replay-senders (every sender's hello sent) and
#                  mailtls probe --no-senders (the same without senders: the scope of the
#                  testssl.sh run below, which simulates no clients; its -c would)
#   testssl.sh -t smtp -p -E -P -S   (protocols + every suite per protocol + server order + certificate)
#   sslscan --starttls-smtp          (its default scan: protocols, suites, groups, certificate)
# For each: wall time, and TCP connections counted from Postfix's own log ("connect from" lines).
# Needs root (Postfix), the Debian packages postfix, testssl.sh, sslscan and time, and the .NET SDK.
# mailtls is the documented release build (self-contained single file, ReadyToRun).
# Usage: bench/probe/side-by-side.sh [--keep]     (--keep leaves the instance's directory for reading)
set -euo pipefail
cd "$(dirname "$0")/../.."
for p in postfix testssl.sh sslscan time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || {
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
  }
done
# The release build the README documents (self-contained single file, ReadyToRun), as bench/logs does:
# precompiled code saves the JIT's start-up cost. Its own directory, so the two benches never publish
# over each other's binary.
dotnet publish src/MailTls.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=embedded -o artifacts/bench-probe -v quiet --nologo >/dev/null
mailtls=artifacts/bench-probe/mailtls

dir=$(mktemp -d /tmp/mailtls-bench-probe.XXXXXX)
chmod 0755 "$dir"
mkdir -p "$dir/config" "$dir/queue" "$dir/data"
chown postfix: "$dir/data"
name="mailtls-bench-$$"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=mx.bench.test -addext subjectAltName=DNS:mx.bench.test \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 0644 "$dir/key.pem"
cat >"$dir/config/main.cf" <<CF
compatibility_level = 3.6
config_directory = $dir/config
queue_directory = $dir/queue
data_directory = $dir/data
multi_instance_name = $name
maillog_file = $dir/maillog
maillog_file_prefixes = /var, /dev/stdout, $dir
myhostname = mx.bench.test
mydestination =
mynetworks = 127.0.0.0/8
inet_interfaces = loopback-only
inet_protocols = ipv4
alias_maps =
alias_database =
local_recipient_maps =
default_transport = error:5.7.0 bench
relay_transport = error:5.7.0 bench
local_transport = error:5.7.0 bench
smtpd_tls_security_level = may
smtpd_tls_cert_file = $dir/cert.pem
smtpd_tls_key_file = $dir/key.pem
CF
sed -E "s|^smtp[[:space:]]+inet[[:space:]].*$|127.0.0.1:$port inet n - n - - smtpd|" /etc/postfix/master.cf.proto >"$dir/config/master.cf"
postconf -c "$dir/config" -F '*/*/chroot = n'
stop() {
  postfix -c "$dir/config" stop >/dev/null 2>&1 || true
  [ "${1:-}" = "--keep" ] && echo "instance left in $dir" || rm -rf "$dir"
}
trap 'stop "$@"' EXIT
postfix -c "$dir/config" start >/dev/null 2>&1
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
sleep 1

connections() { grep -c "smtpd\[[0-9]*\]: connect from" "$dir/maillog" 2>/dev/null || true; }
measure() {
  local label=$1; shift
  local before after
  sleep 1 # let the previous tool's last disconnects reach the log
  before=$(connections)
  /usr/bin/time -f "%e" -o "$dir/time" "$@" >"$dir/out.$label" 2>&1 || true
  sleep 2
  after=$(connections)
  printf '%-34s wall %6.2f s   TCP connections %4d\n' "$label" "$(tail -n 1 "$dir/time")" "$((after - before))"
}

echo "Postfix $(postconf -d -h mail_version) on 127.0.0.1:$port, $(openssl version)"
measure "mailtls probe" "$mailtls" probe "127.0.0.1:$port" --json --ehlo bench.mailtls.test
measure "mailtls probe --replay-senders" "$mailtls" probe "127.0.0.1:$port" --replay-senders --json --ehlo bench.mailtls.test
measure "mailtls probe --no-senders" "$mailtls" probe "127.0.0.1:$port" --no-senders --json --ehlo bench.mailtls.test
measure "testssl.sh -t smtp -p -E -P -S" testssl --quiet --color 0 --warnings off -t smtp -p -E -P -S "127.0.0.1:$port"
measure "sslscan --starttls-smtp" sslscan --no-colour --starttls-smtp "127.0.0.1:$port"
grep -E '"(TcpConnections|RawHellos|FullHandshakes)"|Cost' "$dir/out.mailtls probe" | head -3 || true
