#!/usr/bin/env bash
# Fuzzes the peer-data parsers of MailTls.Core with AFL++ through SharpFuzz.
#   fuzz/run.sh [SECONDS] [WORKDIR]     default 300 s in /tmp/mailtls-fuzz
# Needs afl++ (Debian package `afl++`) and the SharpFuzz instrumenter (`dotnet tool install
# --global SharpFuzz.CommandLine`). Prints AFL's executions, paths and crashes, then replays every
# crash through `MailTls.Fuzz replay` so the exception and stack are shown. Not part of test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
work=${2:-/tmp/mailtls-fuzz}
export PATH="$PATH:$HOME/.dotnet/tools"

command -v afl-fuzz >/dev/null || { echo "run.sh: install afl++ (apt-get install afl++)" >&2; exit 1; }
command -v sharpfuzz >/dev/null || { echo "run.sh: dotnet tool install --global SharpFuzz.CommandLine" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/corpus"
dotnet publish fuzz/MailTls.Fuzz -c Release -o "$work/bin" --nologo -v quiet
# An uninstrumented copy replays crashes (instrumented code writes AFL's shared memory, absent outside AFL).
cp -r "$work/bin" "$work/replay"
# Instrument the parsers only: coverage of the fuzz harness itself would only add noise.
sharpfuzz "$work/bin/MailTls.Core.dll"

# Seeds: byte 0 picks the target (see FuzzTargets.Run; +0x80 for small limits), byte 1 the split.
seed() { # name target split file-with-bytes
  { printf "\\x$(printf %02x "$2")\\x$(printf %02x "$3")"; cat "$4"; } >"$work/corpus/$1"
}
data=tests/MailTls.Core.Tests/TestData
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$data"/ServerFlights/tls*.hex; do
  n=$(basename "$f" .hex)
  tr -d ' \n' <"$f" | xxd -r -p >"$tmp"
  seed "flight-$n" 0 7 "$tmp"
  seed "record-$n" 6 5 "$tmp"
  tail -c +6 "$tmp" >"$tmp.msg" && seed "message-$n" 5 0 "$tmp.msg" && seed "message-small-$n" $((0x85)) 1 "$tmp.msg"
  rm -f "$tmp.msg"
done
for n in postfix_3.7.11_debian12_default exim_4.96_gnutls_debian12_default openssl3_s_client_tls1 sendmail_8.17.1.9_debian12_default; do
  tr -d ' \n' <"$data/ClientProfiles/raw/$n.conn1.clienthello.hex" | xxd -r -p >"$tmp"
  seed "clienthello-$n" 1 0 "$tmp"
  seed "rewrite-$n" 4 1 "$tmp"
done
printf '220 mx.example.net ESMTP Postfix\r\n' >"$tmp" && seed smtp-banner 3 9 "$tmp"
printf '250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 SMTPUTF8\r\n' >"$tmp" && seed smtp-ehlo 3 17 "$tmp"
seed smtp-ehlo-small $((0x83)) 3 "$tmp"
printf '\x80\x2c\x04\x00\x01\x00\x02\x00\x02\x00\x06\x00\x10\x30\x82\x01\x00\x80\x07\x00\xc0\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff' >"$tmp" && seed sslv2-hello 2 0 "$tmp"

echo "run.sh: fuzzing for ${seconds}s with $(ls "$work/corpus" | wc -l) seeds"
# Containers rarely let us set core_pattern or CPU governors; neither matters for a managed target.
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
  timeout $((seconds + 60)) afl-fuzz -i "$work/corpus" -o "$work/findings" -t 5000 -m none -V "$seconds" \
  -- dotnet "$work/bin/MailTls.Fuzz.dll" >"$work/afl.log" 2>&1 || { tail -20 "$work/afl.log"; exit 1; }

stats="$work/findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
crashes=("$work"/findings/default/crashes/id*)
if [ -e "${crashes[0]}" ]; then
  dotnet "$work/replay/MailTls.Fuzz.dll" replay "${crashes[@]}" || true
  exit 1
fi
echo "run.sh: no crash"
