#!/usr/bin/env bash
# The whole pipeline, bake -> publish -> deploy -> runner job, against one moto_server:
#
#   bakehouse: bin/bakehouse packer-build (local-mode template), publish-ami-param, cfn-deploy
#              (cloudformation/app.yaml trimmed for the emulator) and ecs-run --config;
#   shell:     the seed-style script a shell CI job runs: packer build, aws ssm put-parameter,
#              aws cloudformation deploy, aws ecs run-task, then aws logs get-log-events and
#              aws ecs describe-tasks in a loop every 5 s until the task stops.
#
# The same stand-in plays the runner task for both (bench/pipeline_env.py play: writes 200 log
# lines in five batches 0.2 s apart, then stops the task). Each run bakes a new version (a
# fresh bake key) and creates a new stack. The launcher's class cache starts empty, so run 1 of
# each bakehouse step records it: per-step and total medians are of the runs after the first,
# and the first run's times are printed on their own.
#   bench/pipeline.sh [RUNS]    (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs="${1:-3}"
lines=200
command -v packer >/dev/null || { echo "packer is not installed" >&2; exit 1; }
[ -f cli/target/bakehouse.jar ] || mvn -B -ntp -q -Dstyle.color=never -pl cli -am package -DskipTests

work="$(mktemp -d)"
player=""
start_moto
trap 'kill "$player" 2>/dev/null || true; kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
# Fresh caches: run 1 of each step records its class cache (and pays for it), and the bake asks
# Packer for its version, as on a new agent.
export BAKEHOUSE_CDS_DIR="$work/cds" BAKEHOUSE_CACHE_DIR="$work/cache"
python3 bench/pipeline_env.py setup "$MOTO_ENDPOINT" "$work"
# shellcheck source=/dev/null
source "$work/env.sh"
template="$PWD/packer/bakehouse-app.pkr.hcl"
# The local build never uploads the binary; a stand-in file is enough.
printf 'bench input, not a real binary\n' >"$work/app-binary"
sha=0123456789abcdef0123456789abcdef01234567

# Every external command of a step is bounded: t runs it with a 300 s limit.
t() { timeout 300 "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Records "<step> <ms>" for the current run into $work/<tool>.times.
step() {
  local tool="$1" name="$2" start; shift 2
  start="$(now_ms)"
  if ! "$@" >"$work/step.log" 2>&1; then
    tail -n 20 "$work/step.log" >&2
    echo "bench: $tool step $name failed" >&2
    exit 1
  fi
  echo "$name $(( $(now_ms) - start ))" >>"$work/$tool.times"
}
start_player() { python3 bench/pipeline_env.py play "$MOTO_ENDPOINT" "$lines" 300 >/dev/null & player=$!; }

stack_params() {
  echo "Environment=dev" "AmiId=$1" "VpcId=$VPC_ID" "LoadBalancerSubnetIds=$SUBNETS" \
    "InstanceSubnetIds=$SUBNETS" MinSize=1 DesiredCapacity=1 MaxSize=2
}

# --- bakehouse ---------------------------------------------------------------------------
bh_bake() {
  t bin/bakehouse packer-build --endpoint-url "$MOTO_ENDPOINT" --template "$template" --only 'local.*' \
    --var "app_version=$1" --var "git_sha=$sha" --var "app_binary=$work/app-binary" \
    --var "local_ec2_endpoint=$MOTO_ENDPOINT" --var "manifest_path=$work/bh-manifest.json" --output json >"$work/bh-bake.json"
}
bh_publish() { t bin/bakehouse publish-ami-param --endpoint-url "$MOTO_ENDPOINT" --name /DeploymentConfig/dev/App/AmiId --ami-id "$1"; }
bh_deploy() {
  local args=() p
  for p in $(stack_params "$2"); do args+=(--param "$p"); done
  t bin/bakehouse cfn-deploy --endpoint-url "$MOTO_ENDPOINT" --stack "$1" --template "$work/app.json" "${args[@]}"
}
bh_run() { t bin/bakehouse ecs-run --endpoint-url "$MOTO_ENDPOINT" --config "$work/runner.yaml" -- terraform-planner plan; }

# --- the seed-style shell pipeline ------------------------------------------------------
sh_bake() {
  t packer build -machine-readable -only='local.*' -var "app_version=$1" -var "git_sha=$sha" \
    -var "app_binary=$work/app-binary" -var "local_ec2_endpoint=$MOTO_ENDPOINT" \
    -var "manifest_path=$work/sh-manifest.json" "$template" >"$work/sh-bake.out"
}
sh_publish() {
  t aws --endpoint-url "$MOTO_ENDPOINT" ssm put-parameter --name /DeploymentConfig/dev/App/AmiId --value "$1" \
    --type String --data-type aws:ec2:image --overwrite
}
sh_deploy() {
  # shellcheck disable=SC2046 # the parameters are KEY=VALUE words without spaces
  t aws --endpoint-url "$MOTO_ENDPOINT" cloudformation deploy --stack-name "$1" --template-file "$work/app.json" \
    --parameter-overrides $(stack_params "$2")
}
sh_run() {
  local task stream token="" out status
  task="$(t aws --endpoint-url "$MOTO_ENDPOINT" ecs run-task --cluster deploy-runner --launch-type FARGATE \
    --task-definition deploy-runner-terraform-planner \
    --network-configuration "awsvpcConfiguration={subnets=[${SUBNETS%%,*}],securityGroups=[$SECURITY_GROUP]}" \
    --overrides '{"containerOverrides":[{"name":"terraform","command":["plan"]}]}' \
    --query 'tasks[0].taskArn' --output text)"
  stream="runner/terraform/${task##*/}"
  local polls=0
  while :; do
    polls=$((polls + 1))
    [ "$polls" -le 60 ] || { echo "the task did not stop within 60 polls" >&2; return 1; }
    status="$(t aws --endpoint-url "$MOTO_ENDPOINT" ecs describe-tasks --cluster deploy-runner --tasks "$task" \
      --query 'tasks[0].lastStatus' --output text)"
    while out="$(t aws --endpoint-url "$MOTO_ENDPOINT" logs get-log-events --log-group-name /bakehouse/deploy-runner \
        --log-stream-name "$stream" --start-from-head ${token:+--next-token "$token"} --output json 2>/dev/null)"; do
      python3 -c 'import json,sys; [print(e["message"]) for e in json.load(sys.stdin)["events"]]' <<<"$out"
      next="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["nextForwardToken"])' <<<"$out")"
      [ "$next" = "$token" ] && break
      token="$next"
    done
    [ "$status" = STOPPED ] && break
    sleep 5
  done
}

: >"$work/bh.times"; : >"$work/sh.times"
for i in $(seq 1 "$runs"); do
  step bh bake bh_bake "1.$i.0-bh"
  ami="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["amiId"])' "$work/bh-bake.json")"
  step bh publish bh_publish "$ami"
  step bh deploy bh_deploy "pipe-bh-$i" "$ami"
  start_player; step bh run bh_run; wait "$player"; player=""

  step sh bake sh_bake "1.$i.0-sh"
  ami="$(sed -n 's/.*,artifact,0,id,us-east-1:\(ami-[0-9a-f]*\).*/\1/p' "$work/sh-bake.out" | head -n 1)"
  [ -n "$ami" ] || { echo "bench: no AMI in packer's output" >&2; exit 1; }
  step sh publish sh_publish "$ami"
  step sh deploy sh_deploy "pipe-sh-$i" "$ami"
  start_player; step sh run sh_run; wait "$player"; player=""
  echo "bench: pipeline run $i of $runs done" >&2
done

# Per-step medians of the runs after the first, and the median of their per-run totals; the
# first run is reported on its own: bakehouse records each step's class cache then.
# Each run writes four lines (bake, publish, deploy, run); steady drops run 1's.
steady() { if [ "$runs" -gt 1 ]; then tail -n +5; else cat; fi; }
med() { steady <"$2" | awk -v s="$1" '$1 == s {print $2}' | median; }
first() { awk -v s="$1" '$1 == s {print $2; exit}' "$2"; }
totals() { steady <"$1" | awk -v n=4 '{t += $2; if (NR % n == 0) {print t; t = 0}}' | median; }
for s in bake publish deploy run; do
  echo "pipeline-first $s $(first "$s" "$work/bh.times") $(first "$s" "$work/sh.times")"
done
printf '%-10s %14s %14s %8s\n' "step" "bakehouse" "shell+aws" "ratio"
for s in bake publish deploy run; do
  b="$(med "$s" "$work/bh.times")"; a="$(med "$s" "$work/sh.times")"
  printf '%-10s %11s ms %11s ms %7sx\n' "$s" "$b" "$a" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
  echo "pipeline $s $b $a"
done
b="$(totals "$work/bh.times")"; a="$(totals "$work/sh.times")"
printf '%-10s %11s ms %11s ms %7sx\n' "total" "$b" "$a" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
echo "pipeline total $b $a"
