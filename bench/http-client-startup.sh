#!/usr/bin/env bash
# Measures the cold start of one AWS call on each HTTP client the SDK offers: a fresh JVM
# per run (as the CLI is started once per pipeline step), against a local moto_server.
# Prints, per client, the median time from JVM start to the call's answer and the median
# time spent in client set-up plus the call. Usage: bench/http-client-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"

command -v moto_server >/dev/null || { echo "moto_server is not installed (make test installs it)" >&2; exit 1; }
mvn -B -ntp -q -Dstyle.color=never -pl bench -am package -DskipTests
cp_file="$(mktemp)"
mvn -B -ntp -q -Dstyle.color=never -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="bench/target/classes:$(cat "$cp_file")"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
env -u AWS_PROFILE moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; rm -f "$cp_file"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.1; done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

printf '%-14s %18s %22s\n' "HTTP client" "JVM start -> answer" "client set-up + call"
for client in urlconnection apache netty; do
  totals=(); calls=()
  for _ in $(seq 1 "$runs"); do
    read -r total call < <(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" \
      io.bakehouse.bench.HttpClientStartup "$client" "http://127.0.0.1:$port")
    totals+=("$total"); calls+=("$call")
  done
  printf '%-14s %15s ms %19s ms\n' "$client" \
    "$(printf '%s\n' "${totals[@]}" | median)" "$(printf '%s\n' "${calls[@]}" | median)"
done
echo "($runs runs each, median; $(nproc) cores; $(java -version 2>&1 | head -n 1))"
