#!/usr/bin/env bash
# Times `bakehouse cfn-deploy` against `aws cloudformation deploy`: the same template deployed
# by each to its own stacks on one moto_server on a free loopback port, first a create, then
# an update that changes nothing. Prints each scenario's median and the ratio.
#
#   bench/cfn-deploy.sh            # 5 runs of each
#   RUNS=9 bench/cfn-deploy.sh
#
# Needs the CLI built (mvn -B -ntp -q package -DskipTests -pl cli -am), moto_server and aws.
set -euo pipefail

runs="${RUNS:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bakehouse="$root/bin/bakehouse"

die() { echo "bench: $*" >&2; exit 1; }
command -v moto_server >/dev/null || die "moto_server is missing (pip install 'moto[server]', or make test)"
command -v aws >/dev/null || die "the aws CLI is missing"
[ -f "$root/cli/target/bakehouse.jar" ] || die "build the CLI first: mvn -B -ntp -q package -DskipTests -pl cli -am"

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
work="$(mktemp -d)"
start_moto
trap 'kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="$MOTO_ENDPOINT"
unset AWS_ENDPOINT_URL

# AWSTemplateFormatVersion: the AWS CLI reads the template summary on updates, which moto needs it for.
small_template "$work/app.yaml"

# Runs a command and prints how long it took in milliseconds; the command must succeed.
elapsed_ms() {
  local start end
  start="$(date +%s%N)"
  "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; tail -n 20 "$work/moto.log" >&2; die "failed: $*"; }
  end="$(date +%s%N)"
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

bh_deploy() { "$bakehouse" cfn-deploy --endpoint-url "$endpoint" --stack "$1" --template "$work/app.yaml" --param Value=v1; }
# moto refuses an unchanged update already at CreateChangeSet ("No updates are to be
# performed."), which the AWS CLI reports as an error despite --no-fail-on-empty-changeset
# (it only expects AWS's empty change set); that answer counts as the no-change outcome here.
aws_deploy() {
  local out status=0
  out="$(aws --endpoint-url "$endpoint" cloudformation deploy --stack-name "$1" --template-file "$work/app.yaml" \
    --parameter-overrides Value=v1 --no-fail-on-empty-changeset 2>&1)" || status=$?
  if [ "$status" -ne 0 ] && ! grep -q "No updates are to be performed" <<<"$out"; then
    echo "$out"
    return "$status"
  fi
}

: >"$work/bh-create"; : >"$work/bh-noop"; : >"$work/aws-create"; : >"$work/aws-noop"
for i in $(seq 1 "$runs"); do
  elapsed_ms bh_deploy "bh-$i" >>"$work/bh-create"
  elapsed_ms bh_deploy "bh-$i" >>"$work/bh-noop"
  elapsed_ms aws_deploy "aws-$i" >>"$work/aws-create"
  elapsed_ms aws_deploy "aws-$i" >>"$work/aws-noop"
  echo "bench: run $i of $runs done" >&2
done

printf '%-22s %16s %16s %8s\n' "scenario ($runs runs)" "bakehouse (ms)" "aws deploy (ms)" "ratio"
for scenario in create noop; do
  bh="$(median <"$work/bh-$scenario")"
  cli="$(median <"$work/aws-$scenario")"
  label="$([ "$scenario" = create ] && echo "create" || echo "no-change update")"
  printf '%-22s %16s %16s %8s\n' "$label" "$bh" "$cli" "$(awk -v a="$cli" -v b="$bh" 'BEGIN { printf "%.2fx", a / b }')"
done
echo "(ratio = aws cloudformation deploy / bakehouse cfn-deploy, medians; above 1 means bakehouse is faster)"
