#!/usr/bin/env bash
# Measures the cold start of one AWS call on each HTTP client the SDK offers: a fresh JVM
# per run (as the CLI is started once per pipeline step), against a local moto_server.
# Prints, per client, the median time from JVM start to the call's answer and the median
# time spent in client set-up plus the call. Usage: bench/http-client-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"

# shellcheck source=bench/lib.sh
source bench/lib.sh
mvn -B -ntp -q -Dstyle.color=never -pl bench -am package -DskipTests
cp_file="$(mktemp)"
# Third-party jars through the reactor (as in bench/scale.sh); this build's classes from target/.
mvn -B -ntp -q -Dstyle.color=never -pl bench -am dependency:build-classpath -DexcludeGroupIds=io.bakehouse \
  -Dmdep.outputFile="$cp_file" >/dev/null
classpath="bench/target/classes:engine/target/classes:$(cat "$cp_file")"

rm_cp() { rm -f "$cp_file"; }
start_moto
trap 'kill "$MOTO_PID" 2>/dev/null || true; rm_cp' EXIT

printf '%-14s %18s %22s\n' "HTTP client" "JVM start -> answer" "client set-up + call"
for client in urlconnection apache apache5 netty; do
  totals=(); calls=()
  for _ in $(seq 1 "$runs"); do
    read -r total call < <(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" \
      io.bakehouse.bench.HttpClientStartup "$client" "$MOTO_ENDPOINT")
    totals+=("$total"); calls+=("$call")
  done
  printf '%-14s %15s ms %19s ms\n' "$client" \
    "$(printf '%s\n' "${totals[@]}" | median)" "$(printf '%s\n' "${calls[@]}" | median)"
done
echo "($runs runs each, median; $(nproc) cores; $(java -version 2>&1 | head -n 1))"
