#!/usr/bin/env bash
# Startup time of `mailtls --version` and of an offline doctor run, side by side for each way of
# shipping mailtls: the framework-dependent build (dotnet mailtls.dll and its apphost), the .NET
# tool installed from the local package, and the self-contained single-file linux-x64 build with
# and without ReadyToRun. Needs hyperfine (Debian package 'hyperfine').
# Usage: bench/startup/run.sh [OUTPUT_DIR]   (default: artifacts/startup)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-artifacts/startup}"
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install -y hyperfine" >&2; exit 1; }

dotnet build src/MailTls.Cli -c Release --nologo -v quiet
dotnet pack src/MailTls.Cli -c Release --no-build --nologo -v quiet -o "$out/nupkg"
rm -rf "$out/tool"
dotnet tool install --tool-path "$out/tool" --add-source "$out/nupkg" mailtls >/dev/null
# The documented single-file command (README), with and without ReadyToRun.
dotnet publish src/MailTls.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=embedded -o "$out/linux-x64" --nologo -v quiet
dotnet publish src/MailTls.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:DebugType=embedded -o "$out/linux-x64-jit" --nologo -v quiet

bin=src/MailTls.Cli/bin/Release/net10.0
example=examples/scenario-1-gmail-tls12-only
doctor="doctor --offline --config-dir $example --logs $example/mail.log --json"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$out/version.md" \
  "dotnet $bin/mailtls.dll --version" "$bin/mailtls --version" "$out/tool/mailtls --version" \
  "$out/linux-x64-jit/mailtls --version" "$out/linux-x64/mailtls --version"
hyperfine -N -i --warmup 2 --runs 10 --export-markdown "$out/doctor.md" \
  "dotnet $bin/mailtls.dll $doctor" "$out/linux-x64-jit/mailtls $doctor" "$out/linux-x64/mailtls $doctor"
ls -l "$out/linux-x64/mailtls" "$out/linux-x64-jit/mailtls"
