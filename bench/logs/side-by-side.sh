#!/usr/bin/env bash
# Times, on one log file, in one run: mailtls logs --json, scenario 2's grep/awk one-liner, and
# pflogsumm. Prints wall time, CPU time and peak RSS of each (GNU time), RUNS times each (default 1),
# and the load average first: on a shared machine wall time says more about the neighbours than
# about the tools, CPU time and peak RSS much less. Installs Debian's time and pflogsumm packages
# when missing. mailtls is the release build the README documents (self-contained single file,
# ReadyToRun), published to artifacts/linux-x64: precompiled code saves the JIT's fixed cost, a
# third of the CPU time on a small log (bench/logs/README.md).
# Usage: bench/logs/side-by-side.sh LOGFILE [RUNS]
set -euo pipefail
log=${1:?log file}
runs=${2:-1}
cd "$(dirname "$0")/../.."
for p in time pflogsumm; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
dotnet publish src/MailTls.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=embedded -o artifacts/linux-x64 -v quiet --nologo >/dev/null
mailtls=artifacts/linux-x64/mailtls
measure() {
  local name=$1; shift
  /usr/bin/time -f "$name: wall %e s, cpu %U+%S s, peak RSS %M KB" "$@" >/dev/null 2>/tmp/side-by-side.$$ || true
  tail -n 1 /tmp/side-by-side.$$
}
ls -l "$log"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for _ in $(seq "$runs"); do
  measure "mailtls logs --json" "$mailtls" logs --json "$log"
  measure "grep/awk one-liner" bash -c "egrep 'TLS connection established from.*with cipher' '$log' | awk '{printf(\"%s %s %s %s\\n\", \$12, \$13, \$14, \$15)}' | sort | uniq -c | sort -n"
  measure "pflogsumm" pflogsumm "$log"
done
rm -f /tmp/side-by-side.$$
