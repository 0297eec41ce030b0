#!/usr/bin/env bash
# `make demo`: the app's whole pipeline against a local AWS emulator (moto), run as the
# Jenkinsfile runs it, through bin/bakehouse and cd/*.sh: build the app, bake its AMI, publish
# it, deploy the app stack, run a smoke job through the deploy runner, bake and roll forward a
# second version, roll back, publish the front end (site/public) to S3 behind CloudFront, then
# the container path (Jenkinsfile.containers): the app's image in ECR, its ECS service rolled to it
# with ecs-service-deploy, and a failed rollout rolled back.
# Nothing reaches AWS: every call goes to a moto_server on a
# free loopback port, stopped on exit (also on failure or Ctrl-C).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/demo.sh [--skip-setup] [--skip-cli-build] [--work-dir DIR] [--summary-json FILE]

  --skip-setup        do not run scripts/setup.sh (the tools are already installed)
  --skip-cli-build    use cli/target/bakehouse.jar as it is (it must exist)
  --work-dir DIR      keep the reports, results and logs here (default: a new temporary directory)
  --summary-json FILE also write the summary as JSON to FILE

exit codes: 0 the pipeline ran through, 1 a stage failed, 2 bad usage or a missing tool
EOF
}

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip_setup=false skip_cli_build=false work="" summary_json=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-setup) skip_setup=true; shift ;;
    --skip-cli-build) skip_cli_build=true; shift ;;
    --work-dir) [[ $# -ge 2 ]] || { echo "error: --work-dir needs a value" >&2; exit 2; }; work="$2"; shift 2 ;;
    --summary-json) [[ $# -ge 2 ]] || { echo "error: --summary-json needs a value" >&2; exit 2; }; summary_json="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (run scripts/demo.sh --help)" >&2; exit 2 ;;
  esac
done

bold="" dim="" reset=""
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then bold=$'\e[1m' dim=$'\e[2m' reset=$'\e[0m'; fi
say() { printf '%s\n' "$*"; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

# ---- stages and their timings
stage_names=() stage_seconds=() stage_started=0 stage_count=0
readonly STAGES=12
now_ms() { date +%s%3N; }
stage() {
  end_stage
  stage_count=$((stage_count + 1))
  stage_names+=("$1")
  stage_started=$(now_ms)
  say ""
  say "${bold}==> [${stage_count}/${STAGES}] $1${reset}"
}
end_stage() {
  if [[ $stage_started -ne 0 ]]; then
    local ms=$(( $(now_ms) - stage_started ))
    stage_seconds+=("$(printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100)))")
    stage_started=0
  fi
}
# Runs a command with its messages indented under the stage, line by line (so that the stand-ins'
# lines and the CLI's interleave as they happen).
# Maven colours its output even when told not to; the codes and the blank lines go.
indent() { sed -u -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' -e "s/^/    ${dim}/" -e "s/\$/${reset}/"; }
quietly_indented() { "$@" 2>&1 | indent; return "${PIPESTATUS[0]}"; }

stage "Set-up: tools, the bakehouse CLI and the app"
if [[ "$skip_setup" == false ]]; then
  quietly_indented "$repo/scripts/setup.sh"
fi
for tool in java mvn packer go moto_server aws jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "demo: error: $tool not found; run scripts/setup.sh (make demo does)" >&2; exit 2; }
done
python3 -c 'import boto3, yaml' 2>/dev/null || { echo "demo: error: python3 needs boto3 and PyYAML (pip install 'moto[server]')" >&2; exit 2; }
if [[ "$skip_cli_build" == false ]]; then
  say "    building the bakehouse CLI (mvn package -pl cli -am, no tests)"
  (cd "$repo" && quietly_indented mvn -B -ntp -q -Dstyle.color=never -DskipTests package -pl cli -am)
fi
[[ -f "$repo/cli/target/bakehouse.jar" ]] || die "cli/target/bakehouse.jar is missing; run without --skip-cli-build"
say "    building the app (make -C app build)"
quietly_indented make -s -C "$repo/app" build
app_binary="$repo/app/bin/bakehouse-app-linux-amd64"
[[ -x "$app_binary" ]] || die "the app build did not produce $app_binary"

if [[ -z "$work" ]]; then
  work="$(mktemp -d -t bakehouse-demo.XXXXXX)"
else
  mkdir -p "$work"
  work="$(cd "$work" && pwd)"
fi
reports="$work/reports"
mkdir -p "$reports" "$work/results"

# ---- the emulator
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:${port}"
moto_pid="" stand_in_pid="" ecs_stand_in_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$stand_in_pid" ]]; then kill "$stand_in_pid" 2>/dev/null || true; fi
  if [[ -n "$ecs_stand_in_pid" ]]; then kill "$ecs_stand_in_pid" 2>/dev/null || true; fi
  if [[ -n "$moto_pid" ]]; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
    say "    moto_server on $endpoint stopped"
  fi
  if [[ $status -ne 0 ]]; then
    printf 'demo: failed (exit %s) in stage "%s"; logs and reports are in %s\n' "$status" \
      "${stage_names[-1]:-start}" "$work" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Only the emulator: fixed fake credentials, no profile, no instance metadata.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE
export AWS_ACCESS_KEY_ID=AKIAEMULATORONLY0000 AWS_SECRET_ACCESS_KEY=emulator-only-not-a-real-key AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL="$endpoint" AWS_PAGER=""
export BAKEHOUSE_CLI="$repo/bin/bakehouse"
aws_emu() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }
# bakehouse subcommands take the common options after the subcommand's name.
bh() { local cmd="$1"; shift; "$BAKEHOUSE_CLI" "$cmd" --endpoint-url "$endpoint" --region us-east-1 --no-color "$@"; }

stage "Local AWS emulator and the environment's network"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 150); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=1)" "$endpoint" 2>/dev/null; then
    break
  fi
  kill -0 "$moto_pid" 2>/dev/null || { cat "$work/moto.log" >&2; die "moto_server exited before it served"; }
  sleep 0.1
done
say "    moto_server on $endpoint (pid $moto_pid), log $work/moto.log"
# moto moves an ECS task one state on each DescribeTasks; real tasks run until their container exits.
curl -fsS -X POST -H 'Content-Type: application/json' "$endpoint/moto-api/state-manager/set-transition" \
  -d '{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}' >/dev/null

vpc_id="$(aws_emu ec2 create-vpc --cidr-block 10.40.0.0/16 --query Vpc.VpcId --output text)"
aws_emu ec2 modify-vpc-attribute --vpc-id "$vpc_id" --enable-dns-hostnames '{"Value": true}'
subnet_a="$(aws_emu ec2 create-subnet --vpc-id "$vpc_id" --cidr-block 10.40.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)"
subnet_b="$(aws_emu ec2 create-subnet --vpc-id "$vpc_id" --cidr-block 10.40.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)"
for pair in "VpcId=$vpc_id" "LoadBalancerSubnetIds=$subnet_a,$subnet_b" "InstanceSubnetIds=$subnet_a,$subnet_b"; do
  aws_emu ssm put-parameter --name "/DeploymentConfig/dev/Network/${pair%%=*}" --type String --value "${pair#*=}" >/dev/null
  say "    /DeploymentConfig/dev/Network/${pair%%=*} = ${pair#*=}"
done
# The deploy runner's cluster, task definition and log group (cloudformation/deploy-runner.yaml in AWS).
runner_sg="$(aws_emu ec2 create-security-group --vpc-id "$vpc_id" --group-name deploy-runner --description 'deploy runner tasks' --query GroupId --output text)"
aws_emu ecs create-cluster --cluster-name deploy-runner >/dev/null
aws_emu ecs register-task-definition --family deploy-runner-smoke --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 512 --memory 1024 --container-definitions '[{"name": "runner", "image": "deploy-runner:demo", "essential": true,
  "memory": 1024, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/bakehouse/deploy-runner",
  "awslogs-region": "us-east-1", "awslogs-stream-prefix": "runner"}}}]' >/dev/null
aws_emu logs create-log-group --log-group-name /bakehouse/deploy-runner
sed -e "s/\${SUBNET}/$subnet_a/" -e "s/\${SECURITY_GROUP}/$runner_sg/" "$repo/scripts/demo/runner-config.yaml" >"$work/runner-config.yaml"
say "    deploy runner: cluster deploy-runner, task definition deploy-runner-smoke, log group /bakehouse/deploy-runner"

# The emulator variant of the app stack: moto cannot create some resource types through
# CloudFormation (cloudformation/tests/cfn_template.py drops them and the outputs naming them),
# and it refuses parameters nothing uses any more, so those leave the template and the
# parameter file too.
emulator_template="$work/app.emulator.json" emulator_params="$work/dev.emulator.json"
dropped="$(python3 - "$repo/cloudformation" "$emulator_template" "$emulator_params" <<'EOF'
import json
import sys
sys.path.insert(0, sys.argv[1] + "/tests")
import cfn_template
body, dropped, dropped_outputs = cfn_template.for_moto(cfn_template.load("app.yaml"))
template = json.loads(body)
used = cfn_template.referenced_ids({k: v for k, v in template.items() if k != "Parameters"})
unused = sorted(p for p in template["Parameters"] if p not in used)
for name in unused:
    del template["Parameters"][name]
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    json.dump(template, handle, indent=1)
with open(sys.argv[1] + "/params/dev.json", encoding="utf-8") as handle:
    params = [p for p in json.load(handle) if p["ParameterKey"] not in unused]
with open(sys.argv[3], "w", encoding="utf-8") as handle:
    json.dump(params, handle, indent=1)
print(", ".join(sorted(dropped)) + "; outputs " + (", ".join(sorted(dropped_outputs)) or "none")
      + "; parameters " + (", ".join(unused) or "none"))
EOF
)"
say "    EMULATOR VARIANT of cloudformation/app.yaml and params/dev.json, without what moto cannot create:"
say "      $dropped"

# moto decides whether an update changes anything by comparing the change set's parameters
# with the ones the stack was created with (an executed change set never updates them), so
# rolling back to the first AMI would look like "no changes". Each deploy therefore gets its
# own copy of the emulator variant, differing only in the Description.
emulator_template_for() {
  local copy="$work/app.emulator.$1.json"
  jq --arg deploy "$1" '.Description += " [emulator variant, \($deploy)]"' "$emulator_template" >"$copy"
  printf '%s\n' "$copy"
}

# The AMI the stack's launch template really holds (its newest version), read from EC2.
launch_template_ami() {
  local id
  id="$(aws_emu cloudformation list-stack-resources --stack-name bakehouse-app-dev \
    --query "StackResourceSummaries[?LogicalResourceId=='LaunchTemplate'].PhysicalResourceId | [0]" --output text)"
  # shellcheck disable=SC2016  # $Latest is EC2's name for the newest version, not a shell variable
  aws_emu ec2 describe-launch-template-versions --launch-template-id "$id" --versions '$Latest' \
    --query 'LaunchTemplateVersions[0].LaunchTemplateData.ImageId' --output text
}

git_sha="$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo 0000000000000000000000000000000000000000)"
packer_template="$repo/packer/bakehouse-app.pkr.hcl"
packer_minor="$(packer version | sed -n 's/^Packer v[0-9]*\.\([0-9]*\).*/\1/p' | head -n 1)"
if [[ "${packer_minor:-0}" -ge 9 ]]; then
  packer init "$repo/packer" >/dev/null
  packer_template="$repo/packer"
fi

# bake VERSION: bakes the local-mode AMI for app VERSION and prints its ID.
bake() {
  local version="$1" out="$work/results/bake-$1.json"
  bh packer-build --template "$packer_template" --only 'local.*' \
    --var "app_version=$version" --var "git_sha=$git_sha" --var environment=dev \
    --var "build_url=file://$work" --var "app_binary=$app_binary" \
    --var "local_ec2_endpoint=$endpoint" --var "manifest_path=$work/results/manifest-$version.json" \
    --timeout 10m --output json >"$out" 2> >(sed '/: Adding tag: /d; /: Tagging snapshot: /d' | indent >&2)
  jq -er .amiId "$out"
}

# publish AMI LABEL: publishes to /DeploymentConfig/dev/App/AmiId and prints the new version.
publish() {
  local out="$work/results/publish-$2.json"
  bh publish-ami-param --name /DeploymentConfig/dev/App/AmiId --ami-id "$1" --label "$2" --output json >"$out" \
    2> >(indent >&2)
  jq -er '[.. | objects | .version? | numbers] | first' "$out"
}

# deploy REPORT: deploys the app stack through cd/deploy-wrapper.sh as operators do.
deploy() {
  local report="$reports/$1.html"
  "$repo/cd/deploy-wrapper.sh" --environment dev --template "$(emulator_template_for "$1")" \
    --params-file "$emulator_params" --region us-east-1 --endpoint-url "$endpoint" \
    --report "$report" >"$work/results/$1.json" 2> >(indent >&2)
  say "    stack bakehouse-app-dev: $(jq -r .status "$work/results/$1.json"), launch template AMI $(launch_template_ami); report: $report"
}

stage "Build 1: bake the AMI (local-mode Packer build) for app 1.0.1"
ami_1="$(bake 1.0.1)"
say "    AMI $ami_1"

stage "Publish build 1 to /DeploymentConfig/dev/App/AmiId"
version_1="$(publish "$ami_1" build-1)"
say "    /DeploymentConfig/dev/App/AmiId version $version_1 = $ami_1"

stage "Deploy dev (cd/deploy-wrapper.sh, emulator variant of app.yaml)"
deploy deploy-1

stage "Smoke job through the deploy runner (bakehouse ecs-run --config)"
say "    moto runs no containers: a LOCAL STAND-IN plays the Fargate task (scripts/demo/task-stand-in.py)"
python3 "$repo/scripts/demo/task-stand-in.py" "$endpoint" deploy-runner /bakehouse/deploy-runner runner \
  "$work/results/smoke-exit-code" 2> >(sed "s/^/    /" >&2) &
stand_in_pid=$!
set +e
bh ecs-run --config "$work/runner-config.yaml" --max-wait-time 3m --output json -- \
  smoke smoke-check --environment dev --ami-id "$ami_1" >"$work/results/smoke.json" \
  2> >(sed "s/^/    /" >&2)
smoke_exit=$?
wait "$stand_in_pid"
stand_in_exit=$?
set -e
stand_in_pid=""
[[ $smoke_exit -eq 0 ]] || die "ecs-run exited with $smoke_exit"
[[ $stand_in_exit -eq 0 ]] || die "the smoke script exited with $stand_in_exit (the stand-in's report above)"
say "    smoke job: task $(jq -r '.taskArn | split("/") | last' "$work/results/smoke.json"), exit code $(jq -r .exitCode "$work/results/smoke.json")"

stage "Build 2: bake app 1.0.2 and publish it"
ami_2="$(bake 1.0.2)"
version_2="$(publish "$ami_2" build-2)"
say "    AMI $ami_2, /DeploymentConfig/dev/App/AmiId version $version_2"

stage "Roll dev forward to build 2"
deploy deploy-2

stage "Roll back dev to the previous AMI (cd/rollback.sh)"
"$repo/cd/rollback.sh" --environment dev --template "$(emulator_template_for rollback)" \
  --params-file "$emulator_params" --region us-east-1 --endpoint-url "$endpoint" \
  --report "$reports/rollback.html" >"$work/results/rollback.json" 2> >(indent >&2)
say "    stack bakehouse-app-dev: $(jq -r .status "$work/results/rollback.json"), launch template AMI $(launch_template_ami); report: $reports/rollback.html"

# publish_site DIR NAME: publishes DIR to the site bucket and says what it did, from the JSON result.
publish_site() {
  local out="$work/results/$2.json"
  bh publish-site --dir "$1" --bucket "$site_bucket" --distribution-id "$distribution" --output json >"$out" \
    2> >(indent >&2)
  say "    $2: $(jq -r '"\(.uploaded) uploaded (\(.bytes) bytes), \(.unchanged) unchanged, \(.deleted) deleted; " +
    (if .invalidationId then "invalidation \(.invalidationId) of \(.paths | join(" "))" else "nothing to invalidate" end)' "$out")"
}

stage "Publish the front end (site/public) to S3 behind CloudFront"
site_bucket=bakehouse-site-dev
aws_emu s3api create-bucket --bucket "$site_bucket" >/dev/null
distribution="$(aws_emu cloudfront create-distribution --origin-domain-name "$site_bucket.s3.amazonaws.com" \
  --default-root-object index.html --query Distribution.Id --output text)"
say "    bucket $site_bucket; EMULATED CloudFront distribution $distribution: moto keeps its configuration and"
say "    records invalidations, which it reports complete after a moment, but serves and caches nothing"
publish_site "$repo/site/public" site-1
# Build 2's front end: the same site with a changed home page, as a release would bring.
site_2="$work/site-2"
rm -rf "$site_2" && cp -R "$repo/site/public" "$site_2"
sed -i 's|<footer>Built by Bakehouse.</footer>|<footer>Built by Bakehouse, app 1.0.2.</footer>|' "$site_2/index.html"
grep -qF 'app 1.0.2.' "$site_2/index.html" || die "site/public/index.html has no footer for build 2 to change"
publish_site "$site_2" site-2
publish_site "$site_2" site-2-again

# ---- the container path (Jenkinsfile.containers), against the same emulator
# The container stack, emulator variant: moto's CloudFormation cannot create the deployment alarms
# and one security group egress (cfn_template drops them, as for app.yaml), and an executed change
# set would leave the stack without the outputs the pipeline reads, so it is created directly.
ecs_stack=bakehouse-app-ecs-dev
ecs_template="$work/app-ecs.emulator.json"
python3 - "$repo/cloudformation" "$ecs_template" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1] + "/tests")
import cfn_template
body, dropped, outputs = cfn_template.for_moto(cfn_template.load("app-ecs.yaml"))
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    handle.write(body)
EOF
ecs_output() {
  aws_emu cloudformation describe-stacks --stack-name "$ecs_stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
# running_image: the service's task definition revision and the image it runs, as moto holds them.
running_image() {
  local td
  td="$(aws_emu ecs describe-services --cluster "$ecs_cluster" --services "$ecs_service" \
    --query 'services[0].taskDefinition' --output text)"
  printf '%s %s\n' "${td##*/}" "$(aws_emu ecs describe-task-definition --task-definition "$td" \
    --query 'taskDefinition.containerDefinitions[0].image' --output text)"
}
# roll_image TAG NAME: rolls the service to TAG through the ECS stand-in; the CLI's exit code goes to results/NAME.exit.
roll_image() {
  local code=0
  "$BAKEHOUSE_CLI" ecs-service-deploy --endpoint-url "$ecs_endpoint" --region us-east-1 --no-color \
    --cluster "$ecs_cluster" --service "$ecs_service" --image "$ecs_repository:$1" --max-findings CRITICAL=0,HIGH=0 \
    --timeout 5m --output json >"$work/results/$2.json" 2> >(indent >&2) || code=$?
  echo "$code" >"$work/results/$2.exit"
}

stage "Container path: the app's image in ECR, its ECS service rolled to it (ecs-service-deploy)"
say "    EMULATOR VARIANT of cloudformation/app-ecs.yaml (without the deployment alarms and one security group"
say "    egress, which moto cannot create) as stack $ecs_stack, created with a public image first"
aws_emu cloudformation create-stack --stack-name "$ecs_stack" --template-body "file://$ecs_template" \
  --capabilities CAPABILITY_IAM --parameters ParameterKey=Environment,ParameterValue=dev \
  "ParameterKey=VpcId,ParameterValue=$vpc_id" "ParameterKey=LoadBalancerSubnetIds,ParameterValue=$subnet_a\\,$subnet_b" \
  "ParameterKey=TaskSubnetIds,ParameterValue=$subnet_a\\,$subnet_b" ParameterKey=DesiredCount,ParameterValue=1 \
  ParameterKey=ImageUri,ParameterValue=public.ecr.aws/docker/library/busybox:1.36 >/dev/null
ecs_cluster="$(ecs_output ClusterName)" ecs_service="$(ecs_output ServiceName)" ecs_repository="$(ecs_output RepositoryUri)"
say "    cluster $ecs_cluster, service $ecs_service, repository $ecs_repository"
say "    In AWS the deploy runner's Kaniko job builds app/Dockerfile and pushes it; moto keeps image records only:"
say "    a LOCAL STAND-IN for Kaniko records the image of app/ and plays ECR's scan on push (scripts/demo/kaniko-stand-in.py)"
for version in 1.0.1 1.0.2; do
  python3 "$repo/scripts/demo/kaniko-stand-in.py" "--context=dir://$repo/app" --dockerfile=Dockerfile \
    "--destination=$ecs_repository:$version" "--build-arg=VERSION=$version" | indent
done
say "    moto runs no tasks and judges no deployment: a LOCAL STAND-IN for ECS plays the deployments, in front of"
say "    moto (scripts/demo/ecs-stand-in.py); in this demo the tasks of image 1.0.2 fail their health check"
python3 "$repo/scripts/demo/ecs-stand-in.py" "$endpoint" "$work/ecs-stand-in.port" \
  --failing-image "$ecs_repository:1.0.2" 2> >(sed -u "s/^/    /" >&2) &
ecs_stand_in_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/ecs-stand-in.port" ]] && break; sleep 0.1; done
[[ -s "$work/ecs-stand-in.port" ]] || die "the ECS stand-in did not start"
ecs_endpoint="http://127.0.0.1:$(cat "$work/ecs-stand-in.port")"
roll_image 1.0.1 ecs-roll-1
[[ "$(cat "$work/results/ecs-roll-1.exit")" -eq 0 ]] || die "ecs-service-deploy of 1.0.1 exited with $(cat "$work/results/ecs-roll-1.exit")"
say "    ecs-service-deploy: $(jq -r '"\(.rolloutState), \(.taskDefinitionArn | split("/") | last) (was \(.previousTaskDefinitionArn | split("/") | last))"' \
  "$work/results/ecs-roll-1.json"); the service runs $(running_image)"

stage "A failed rollout: image 1.0.2's tasks fail their health check, ECS rolls the service back"
roll_image 1.0.2 ecs-roll-2
failed_exit="$(cat "$work/results/ecs-roll-2.exit")"
[[ "$failed_exit" -ne 0 ]] || die "ecs-service-deploy of the failing image 1.0.2 succeeded"
say "    ecs-service-deploy exited with $failed_exit (the rollout failed); the service runs $(running_image)"
kill "$ecs_stand_in_pid" 2>/dev/null || true
wait "$ecs_stand_in_pid" 2>/dev/null || true
ecs_stand_in_pid=""
end_stage

# ---- summary, read back from the emulator
history="$(aws_emu ssm get-parameter-history --name /DeploymentConfig/dev/App/AmiId --output json)"
stack="$(aws_emu cloudformation describe-stacks --stack-name bakehouse-app-dev --output json)"
stack_status="$(jq -r '.Stacks[0].StackStatus' <<<"$stack")"
stack_ami="$(jq -r '.Stacks[0].Parameters[] | select(.ParameterKey == "AmiId") | .ParameterValue' <<<"$stack")"
running_ami="$(launch_template_ami)"
outputs="$(jq -c '[.Stacks[0].Outputs // [] | .[] | {(.OutputKey): .OutputValue}] | add // {}' <<<"$stack")"
current="$(jq -c '.Parameters | max_by(.Version) | {version: .Version, ami: .Value}' <<<"$history")"
smoke_code="$(jq -r .exitCode "$work/results/smoke.json")"

say ""
say "${bold}==> Summary${reset} (all against the local emulator at $endpoint)"
say "    AMI build 1 (app 1.0.1):  $ami_1"
say "    AMI build 2 (app 1.0.2):  $ami_2"
say "    /DeploymentConfig/dev/App/AmiId versions:"
jq -r '.Parameters | sort_by(.Version)[] | "      version \(.Version): \(.Value)  \((.Labels // []) | join(","))"' <<<"$history"
say "    stack bakehouse-app-dev:  $stack_status, parameter AmiId $stack_ami, launch template AMI $running_ami"
if [[ "$outputs" == "{}" ]]; then
  say "    stack outputs:            none recorded (moto leaves outputs empty after a change set)"
else
  jq -r 'to_entries[] | "    output \(.key) = \(.value)"' <<<"$outputs"
fi
say "    smoke job exit code:      $smoke_code"
ecs_running="$(running_image)"
say "    service $ecs_service:  runs $ecs_running; the failed rollout of 1.0.2 exited $failed_exit"
say "    site $site_bucket:  $(aws_emu s3api list-objects-v2 --bucket "$site_bucket" --query 'length(Contents)' --output text) objects, distribution $distribution, $(aws_emu cloudfront list-invalidations --distribution-id "$distribution" --query 'length(InvalidationList.Items)' --output text) invalidation(s)"
say "    reports:"
for report in deploy-1 deploy-2 rollback; do say "      $reports/$report.html"; done
say "    stage times:"
total=0
for i in "${!stage_names[@]}"; do
  printf '      %6ss  %s\n' "${stage_seconds[$i]}" "${stage_names[$i]}"
done
total="$(printf '%s\n' "${stage_seconds[@]}" | awk '{ s += $1 } END { printf "%.1f", s }')"
printf '      %6ss  total\n' "$total"

if [[ -n "$summary_json" ]]; then
  jq -n --arg ami1 "$ami_1" --arg ami2 "$ami_2" --argjson v1 "$version_1" --argjson v2 "$version_2" \
    --argjson current "$current" --arg status "$stack_status" --arg stackAmi "$stack_ami" --arg launchTemplateAmi "$running_ami" \
    --argjson outputs "$outputs" --argjson smoke "$smoke_code" --arg reports "$reports" \
    --argjson containers "$(jq -n --arg stack "$ecs_stack" --arg cluster "$ecs_cluster" --arg service "$ecs_service" \
      --arg repository "$ecs_repository" --arg running "${ecs_running#* }" --arg revision "${ecs_running%% *}" \
      --argjson failedExit "$failed_exit" --slurpfile rolled "$work/results/ecs-roll-1.json" \
      --argjson images "$(aws_emu ecr describe-images --repository-name "${ecs_repository##*/}" --output json \
        | jq -c '[.imageDetails[] | {tag: .imageTags[0], digest: .imageDigest}] | sort_by(.tag)')" \
      '{stack: $stack, cluster: $cluster, service: $service, repository: $repository, images: $images, rollout: $rolled[0],
        failedRolloutExitCode: $failedExit, running: {taskDefinition: $revision, image: $running}}')" \
    --argjson site "$(jq -s --arg bucket "$site_bucket" --arg distribution "$distribution" \
      '{bucket: $bucket, distributionId: $distribution, publishes: .}' "$work/results/site-1.json" \
      "$work/results/site-2.json" "$work/results/site-2-again.json")" \
    --argjson history "$(jq -c '[.Parameters | sort_by(.Version)[] | {version: .Version, ami: .Value, labels: (.Labels // [])}]' <<<"$history")" \
    --argjson stages "$(for i in "${!stage_names[@]}"; do jq -n --arg n "${stage_names[$i]}" --argjson s "${stage_seconds[$i]}" '{stage: $n, seconds: $s}'; done | jq -s .)" \
    '{amis: {build1: $ami1, build2: $ami2}, publishedVersions: {build1: $v1, build2: $v2}, parameter: {current: $current,
      history: $history}, stack: {name: "bakehouse-app-dev", status: $status, amiId: $stackAmi, launchTemplateAmi: $launchTemplateAmi, outputs: $outputs},
      smokeExitCode: $smoke, site: $site, containers: $containers, reports: [$reports + "/deploy-1.html", $reports + "/deploy-2.html", $reports + "/rollback.html"],
      stages: $stages}' >"$summary_json"
fi
