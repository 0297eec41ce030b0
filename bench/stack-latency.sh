#!/usr/bin/env bash
# Stack-completion detection latency: how long after a stack reaches its final state each tool
# notices and exits. bench/cfn_proxy.py sits between the tool and moto and answers
# DescribeStacks with *_IN_PROGRESS until an instant T (the ExecuteChangeSet time plus a hold
# that varies from run to run), then passes the real CREATE_COMPLETE through. Latency is the
# tool's exit time minus T, for `bakehouse cfn-deploy` and `aws cloudformation deploy` (the AWS
# CLI v1 waits for the stack with its waiter: first look at once, then every 30 s).
#   bench/stack-latency.sh [RUNS]     (default 3; each aws run takes up to ~35 s)
# Prints: "latency <tool> <median ms> <min ms> <max ms>" lines after a table.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs="${1:-3}"
[ -f cli/target/bakehouse.jar ] || mvn -B -ntp -q -Dstyle.color=never -pl cli -am package -DskipTests

work="$(mktemp -d)"
start_moto
start_proxy --rate 0
trap 'stop_proxy; kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
small_template "$work/stack.yaml"

# Holds spread evenly over 4..26 s, so the waiter's 30 s period is sampled at several phases.
hold_for() { awk -v i="$1" -v n="$runs" 'BEGIN { printf "%.1f", 4 + 22 * (i - 0.5) / n }'; }

# Runs a deploy with the proxy holding the stack for $1 seconds; prints exit time - T in ms.
measure() {
  local hold="$1"; shift
  curl -fs "$PROXY_ENDPOINT/_proxy/hold?seconds=$hold" >/dev/null
  timeout 120 "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; echo "failed: $*" >&2; return 1; }
  local done_ns t_ns
  done_ns="$(date +%s%N)"
  t_ns="$(curl -fs "$PROXY_ENDPOINT/_proxy/release" | python3 -c 'import json,sys; print(json.load(sys.stdin)["t_ns"])')"
  [ "$t_ns" != None ] || { echo "the proxy saw no ExecuteChangeSet" >&2; return 1; }
  echo $(( (done_ns - t_ns) / 1000000 ))
}

ours=(); theirs=()
for i in $(seq 1 "$runs"); do
  hold="$(hold_for "$i")"
  ours+=("$(measure "$hold" bin/bakehouse cfn-deploy --endpoint-url "$PROXY_ENDPOINT" --stack "lat-bh-$i" \
    --template "$work/stack.yaml" --param Value=v1)")
  theirs+=("$(measure "$hold" aws --endpoint-url "$PROXY_ENDPOINT" cloudformation deploy --stack-name "lat-aws-$i" \
    --template-file "$work/stack.yaml" --parameter-overrides Value=v1)")
  echo "bench: latency run $i of $runs (hold ${hold} s): bakehouse ${ours[-1]} ms, aws ${theirs[-1]} ms" >&2
done

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:int((a[NR/2]+a[NR/2+1])/2); print m, a[1], a[NR]}'; }
read -r om omin omax < <(stats "${ours[@]}")
read -r tm tmin tmax < <(stats "${theirs[@]}")
printf '%-34s %10s %10s %10s\n' "exit time - T ($runs runs)" "median" "min" "max"
printf '%-34s %7s ms %7s ms %7s ms\n' "bakehouse cfn-deploy" "$om" "$omin" "$omax"
printf '%-34s %7s ms %7s ms %7s ms\n' "aws cloudformation deploy" "$tm" "$tmin" "$tmax"
echo "latency bakehouse $om $omin $omax"
echo "latency aws $tm $tmin $tmax"
