#!/usr/bin/env bash
# Runs every mailtls test against real servers: installs the Debian packages the tests need when
# they are missing, restores, builds, runs all test projects, and prints the closing line
# "N passed, N failed" counted from the TRX results. Exit status is 0 only if every test passed.
set -euo pipefail
cd "$(dirname "$0")"

# Real programs the tests start or use as oracles. A missing one is a test failure, not a skip,
# so they are installed here rather than probed for in the tests.
packages=(postfix openssl publicsuffix psl hash-slinger knot unbound ldnsutils xz-utils bzip2 chromium testssl.sh sslscan nmap)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Postfix asks for a mail configuration type when installed; the tests run private instances,
  # so the system instance is left unconfigured.
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
  # knot and unbound would both start a system service on 127.0.0.1:53 and one would fail the
  # install; the tests start private instances on free ports, so no packaged service is started.
  policy=/usr/sbin/policy-rc.d
  added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    added_policy=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { [ -z "$added_policy" ] || $sudo rm -f "$policy"; exit 1; }
  [ -z "$added_policy" ] || $sudo rm -f "$policy"
fi

results=TestResults
rm -rf "$results"
dotnet restore MailTls.slnx --nologo -v quiet
dotnet build MailTls.slnx -c Release --no-restore --nologo -v quiet

status=0
dotnet test MailTls.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" || status=$?

passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

dotnet build-server shutdown >/dev/null 2>&1 || true
echo "${passed} passed, ${failed} failed"
if [ ${#trx_files[@]} -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "test.sh: no test results were produced" >&2
  exit 1
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
