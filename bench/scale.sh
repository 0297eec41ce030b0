#!/usr/bin/env bash
# Scale: 50 stacks deployed at once against one moto_server behind bench/cfn_proxy.py, which
# throttles CloudFormation to a token bucket (default 20 requests/s, burst 20) with AWS's own
# Throttling error. Two ways: one JVM calling the engine's StackDeployer on a 50-thread pool
# (bench's ConcurrentDeploys), and 50 `bin/bakehouse cfn-deploy` processes started together.
# Prints, for each, how many succeeded, the total time and the throttled requests the proxy sent.
# Both use the SDK's adaptive retry mode with up to 10 attempts (AWS_RETRY_MODE=adaptive,
# AWS_MAX_ATTEMPTS=10, which the engine reads as the AWS tools do); RETRY_MODE=standard and
# MAX_ATTEMPTS=3 give the defaults.
#   bench/scale.sh [STACKS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
stacks="${1:-50}"
rate="${2:-20}"
export AWS_RETRY_MODE="${RETRY_MODE:-adaptive}" AWS_MAX_ATTEMPTS="${MAX_ATTEMPTS:-10}"

mvn -B -ntp -q -Dstyle.color=never -pl cli,bench -am package -DskipTests
work="$(mktemp -d)"
# The third-party jars only, resolved through the reactor (-am: the engine's dependencies as this
# checkout declares them; each module writes the file, bench last); this build's own classes
# come first from target/, never a bakehouse jar installed in ~/.m2.
mvn -B -ntp -q -Dstyle.color=never -pl bench -am dependency:build-classpath -DexcludeGroupIds=io.bakehouse \
  -Dmdep.outputFile="$work/cp" >/dev/null
classpath="bench/target/classes:engine/target/classes:$(cat "$work/cp")"

start_moto
start_proxy --rate "$rate" --burst "$rate"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_proxy
  kill "$MOTO_PID" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
small_template "$work/stack.yaml"

throttled() { curl -fs "$PROXY_ENDPOINT/_proxy/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["throttled"])'; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# One process, a thread per stack.
before="$(throttled)"
start="$(date +%s%N)"
if timeout 300 java -XX:+UseSerialGC -cp "$classpath" io.bakehouse.bench.ConcurrentDeploys \
    "$PROXY_ENDPOINT" "$work/stack.yaml" scale-jvm- "$stacks" "$stacks" >"$work/jvm.out" 2>"$work/jvm.err"; then :; fi
jvm_ms="$(ms_since "$start")"
jvm_ok="$(sed -n 's/^deployed \([0-9]*\) of.*/\1/p' "$work/jvm.out")"
jvm_throttled=$(( $(throttled) - before ))
head -n 5 "$work/jvm.err" >&2

# A process per stack, all started together.
before="$(throttled)"
start="$(date +%s%N)"
for i in $(seq 1 "$stacks"); do
  timeout 300 bin/bakehouse cfn-deploy --endpoint-url "$PROXY_ENDPOINT" --stack "scale-cli-$i" \
    --template "$work/stack.yaml" --param "Value=v$i" >"$work/cli-$i.log" 2>&1 &
  pids+=("$!")
done
cli_ok=0
for pid in "${pids[@]}"; do
  if wait "$pid"; then cli_ok=$((cli_ok + 1)); fi
done
pids=()
cli_ms="$(ms_since "$start")"
cli_throttled=$(( $(throttled) - before ))
for i in $(seq 1 "$stacks"); do
  grep -q "CREATE_COMPLETE" "$work/cli-$i.log" || { echo "scale-cli-$i:" >&2; tail -n 3 "$work/cli-$i.log" >&2; }
done

printf '%-44s %10s %12s %10s\n' "$stacks stacks at once, CFN limited to $rate req/s" "succeeded" "total" "throttled"
printf '%-44s %6s/%-3s %9s ms %10s\n' "one JVM, StackDeployer on $stacks threads" "${jvm_ok:-0}" "$stacks" "$jvm_ms" "$jvm_throttled"
printf '%-44s %6s/%-3s %9s ms %10s\n' "$stacks bin/bakehouse cfn-deploy processes" "$cli_ok" "$stacks" "$cli_ms" "$cli_throttled"
echo "(retry mode $AWS_RETRY_MODE, at most $AWS_MAX_ATTEMPTS attempts per request)"
echo "scale jvm ${jvm_ok:-0} $stacks $jvm_ms $jvm_throttled"
echo "scale cli $cli_ok $stacks $cli_ms $cli_throttled"
