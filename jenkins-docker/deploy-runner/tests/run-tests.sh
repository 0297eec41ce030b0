#!/usr/bin/env bash
# Tests of the deploy runner's trigger scripts: each runs for real (git, terraform, packer)
# against a local repository; Kaniko is replaced by a stub that records its arguments. The
# last part asks the real gatekeeper (`bakehouse ecs-run --config --check`, the jar `mvn
# package` builds) about argument vectors on the standard configuration, and runs the
# approved commands against the real scripts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scripts="$here/../scripts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export CHECKPOINT_DISABLE=1 RUNNER_WORKDIR="$tmp" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; sed 's/^/    /' "$tmp/out" >&2; }

# expect CODE NAME TEXT CMD...: CMD exits with CODE and its output contains TEXT.
expect() {
  local code="$1" name="$2" text="$3"; shift 3
  local actual=0
  "$@" >"$tmp/out" 2>&1 || actual=$?
  if [ "$actual" -ne "$code" ]; then
    echo "    expected exit $code, got $actual" >>"$tmp/out"; not_ok "$name"; return
  fi
  if ! grep -qF -- "$text" "$tmp/out"; then
    echo "    output lacks: $text" >>"$tmp/out"; not_ok "$name"; return
  fi
  ok "$name"
}

# A repository with a Terraform configuration, a Packer template and a Dockerfile.
repo="$tmp/infra"
mkdir -p "$repo/envs/dev" "$repo/packer" "$repo/image"
cat >"$repo/envs/dev/main.tf" <<'TF'
variable "name" {
  type    = string
  default = "nobody"
}

output "greeting" {
  value = "hello ${var.name}"
}
TF
cat >"$repo/packer/app.pkr.hcl" <<'PKR'
variable "region" {
  type    = string
  default = "us-east-1"
}

source "null" "app" {
  communicator = "none"
}

build {
  sources = ["source.null.app"]
}
PKR
printf 'FROM scratch\n' >"$repo/image/Dockerfile"
printf 'name = "from-file"\n' >"$repo/envs/dev/dev.tfvars"
git -C "$repo" init --quiet -b main
git -C "$repo" add -A
git -C "$repo" commit --quiet -m "infra"
git -C "$repo" tag v1.0.0
on_main="$(git -C "$repo" rev-parse HEAD)"
# A commit that is only on a side branch, then main moves on.
git -C "$repo" checkout --quiet -b side
echo "side" >"$repo/side.txt"
git -C "$repo" add side.txt
git -C "$repo" commit --quiet -m "side"
on_side="$(git -C "$repo" rev-parse HEAD)"
git -C "$repo" checkout --quiet main
echo "# moved on" >>"$repo/envs/dev/main.tf"
git -C "$repo" commit --quiet -am "main moves on"
url="file://$repo"

expect 2 "plan: changes pending exit 2 with the plan printed" "Changes to Outputs" \
  "$scripts/plan" --repo "$url" --ref main --path envs/dev --var name=dev
expect 0 "apply: applies and prints outputs" 'greeting = "hello dev"' \
  "$scripts/apply" --repo "$url" --ref v1.0.0 --path=envs/dev --var=name=dev
expect 2 "plan: unknown option is a usage error" "unknown argument: --target" \
  "$scripts/plan" --repo "$url" --ref main --target x
expect 2 "plan: --repo is required" "--repo is required" "$scripts/plan" --ref main
expect 2 "plan: option without value is a usage error" "--path needs a value" \
  "$scripts/plan" --repo "$url" --ref main --path
expect 2 "plan: a path leaving the repository is refused" "must stay inside the repository" \
  "$scripts/plan" --repo "$url" --ref main --path ../..
expect 1 "plan: an unknown ref fails" "cannot fetch no-such-branch" \
  "$scripts/plan" --repo "$url" --ref no-such-branch
expect 1 "plan: a missing directory fails" "directory envs/prod is not in" \
  "$scripts/plan" --repo "$url" --ref main --path envs/prod

# Refs and repositories never reach git as options, whatever the caller gets past.
expect 2 "plan: a ref starting with '-' is refused before git runs" "starts with '-'" \
  "$scripts/plan" --repo "$url" --ref="--upload-pack=touch $tmp/pwned"
expect 2 "build-docker-image: a ref starting with '-' is refused" "starts with '-'" \
  "$scripts/build-docker-image" --repo "$url" --ref "--upload-pack=touch $tmp/pwned" --destination r.example.invalid/a:1
expect 2 "plan: a repository starting with '-' is refused" "starts with '-'" \
  "$scripts/plan" --repo "--upload-pack=touch $tmp/pwned" --ref main
expect 1 "plan: a ref that is a refspec with an option name fails as a ref" "cannot fetch" \
  "$scripts/plan" --repo "$url" --ref "main:--upload-pack=touch $tmp/pwned"
if [ -e "$tmp/pwned" ]; then not_ok "no injected command ran"; else ok "no injected command ran"; fi

# A bare commit: only with --commit-branch, and only if one of those branches contains it.
expect 2 "plan: a commit on an allowed branch is checked out" "commit $on_main is on main" \
  "$scripts/plan" --repo "$url" --ref "$on_main" --commit-branch main --path envs/dev --var name=dev
expect 2 "plan: a commit on no allowed branch is refused" "is not on any of the branches main master" \
  "$scripts/plan" --repo "$url" --ref "$on_side" --commit-branch main --commit-branch master --path envs/dev
expect 2 "plan: a bare commit without --commit-branch is refused" "accepted only with --commit-branch" \
  "$scripts/plan" --repo "$url" --ref "$on_main" --path envs/dev
expect 2 "plan: an unknown commit is refused" "is not on any of the branches main" \
  "$scripts/plan" --repo "$url" --ref 0123456789abcdef0123456789abcdef01234567 --commit-branch main
expect 1 "plan: no allowed branch exists" "cannot fetch any of the branches release" \
  "$scripts/plan" --repo "$url" --ref "$on_main" --commit-branch release
expect 0 "plan: the side commit is fine when its branch is allowed" "commit $on_side is on side" \
  "$scripts/apply" --repo "$url" --ref "$on_side" --commit-branch main --commit-branch side --path envs/dev

expect 0 "build-packer-artifact: builds with vars, machine-readable" "ui,say,Build 'null.app' finished" \
  "$scripts/build-packer-artifact" --repo "$url" --ref main --template-path packer/app.pkr.hcl \
  --var region=eu-west-1 --machine-readable --force
expect 1 "build-packer-artifact: missing template fails" "template packer/nope.pkr.hcl is not in" \
  "$scripts/build-packer-artifact" --repo "$url" --ref main --template-path packer/nope.pkr.hcl
expect 2 "build-packer-artifact: --template-path is required" "--template-path is required" \
  "$scripts/build-packer-artifact" --repo "$url" --ref main

cat >"$tmp/kaniko" <<'STUB'
#!/usr/bin/env bash
printf 'kaniko-arg:%s\n' "$@"
STUB
chmod +x "$tmp/kaniko"
export KANIKO_EXECUTOR="$tmp/kaniko"
expect 0 "build-docker-image: runs kaniko with an argument vector" "kaniko-arg:--build-arg=VERSION=1 2" \
  "$scripts/build-docker-image" --repo "$url" --ref main --context-path image \
  --destination registry.example.invalid/app:1 --build-arg "VERSION=1 2"
if grep -qF "kaniko-arg:--destination=registry.example.invalid/app:1" "$tmp/out"; then
  ok "build-docker-image: passes the destination"
else
  not_ok "build-docker-image: passes the destination"
fi
expect 2 "build-docker-image: --destination is required" "--destination is required" \
  "$scripts/build-docker-image" --repo "$url" --ref main
expect 1 "build-docker-image: missing Dockerfile fails" "Dockerfile is not in" \
  "$scripts/build-docker-image" --repo "$url" --ref main --destination r.example.invalid/a:1

expect 0 "smoke-check: checks its arguments and reports where it runs" "smoke check passed" \
  "$scripts/smoke-check" --environment dev --ami-id ami-0123456789abcdef0
expect 0 "smoke-check: reads --name=value too" "environment prod is to run ami-0123456789abcdef0" \
  "$scripts/smoke-check" --environment=prod --ami-id=ami-0123456789abcdef0
expect 2 "smoke-check: an unknown environment is a usage error" "--environment must be dev or prod" \
  "$scripts/smoke-check" --environment qa --ami-id ami-0123456789abcdef0
expect 2 "smoke-check: a malformed AMI ID is a usage error" "--ami-id must be an AMI ID" \
  "$scripts/smoke-check" --environment dev --ami-id ami-XYZ
expect 2 "smoke-check: an unknown argument is refused" "unknown argument '--force'" \
  "$scripts/smoke-check" --environment dev --ami-id ami-0123456789abcdef0 --force

# ---- the real gatekeeper on the standard configuration, then the real scripts
root="$(cd "$here/../../.." && pwd)"
jar="${BAKEHOUSE_JAR:-$root/cli/target/bakehouse.jar}"
if [ ! -f "$jar" ]; then
  echo "not ok - the gatekeeper checks need the CLI jar $jar: run 'mvn -B -pl cli -am package -DskipTests' (make deploy-runner-test does)" >&2
  exit 1
fi
config="$tmp/standard-config.yaml"
# shellcheck disable=SC2016  # the placeholders are literal text
sed -e 's|\${Cluster}|deploy-runner|' -e 's|\${SubnetList}|subnet-0a1b2c3d|' -e 's|\${TaskSecurityGroup}|sg-0a1b2c3d|' \
  -e 's|\${LogGroup}|/bakehouse/deploy-runner|' -e 's|\${ArchiveBucket}|archive-bucket|' \
  -e 's|\${[A-Za-z]*TaskDefinition}|deploy-runner-job|' \
  -e 's|\${GitTokenSecretArn}|arn:aws:secretsmanager:us-east-1:123456789012:secret:git-AbCdEf|' \
  -e "s|\\\${InfraRepoUrl}|$url|; s|\\\${AppRepoUrl}|$url|" \
  -e 's|\${ImageRepositoryUri}|registry.example.invalid/app|' \
  -e 's|\${AppImageRepositoryUriPrefix}|registry.example.invalid/bakehouse-app|' \
  "$here/../standard-config.yaml" >"$config"
# No AWS call is made by --check; the loopback endpoint makes sure none could leave the machine.
# C.UTF-8: the JVM reads its arguments as UTF-8, so the Unicode cases arrive as written.
gatekeeper() {
  LC_ALL=C.UTF-8 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_ENDPOINT_URL=http://127.0.0.1:9 \
    "$root/bin/bakehouse" ecs-run --config "$config" --check --output json -- "$@"
}

# approved CODE NAME TEXT CONTAINER SCRIPT ARGS...: the gatekeeper approves; the command it
# approved, run against the real script, exits with CODE and prints TEXT.
approved() {
  local code="$1" name="$2" text="$3"; shift 3
  local command=()
  if ! BAKEHOUSE_JAR="$jar" gatekeeper "$@" >"$tmp/decision.json" 2>"$tmp/out"; then
    not_ok "$name (the gatekeeper refused it)"; return
  fi
  mapfile -t command < <(jq -r '.command[]' "$tmp/decision.json")
  command[0]="$scripts/${command[0]#/opt/deploy-runner/scripts/}"
  expect "$code" "$name" "$text" "${command[@]}"
}

# refused NAME WHY CONTAINER SCRIPT ARGS...: the gatekeeper refuses (exit 125, ecs-run's refusal) saying WHY.
refused() {
  local name="$1" why="$2" actual=0; shift 2
  BAKEHOUSE_JAR="$jar" gatekeeper "$@" >"$tmp/out" 2>&1 || actual=$?
  if [ "$actual" -eq 125 ] && grep -qF "deploy runner refused" "$tmp/out" && grep -qF -- "$why" "$tmp/out"; then
    ok "$name"
  else
    echo "    expected the gatekeeper to refuse (exit 125) saying: $why; got exit $actual" >>"$tmp/out"; not_ok "$name"
  fi
}

approved 2 "gatekeeper+plan: an approved plan runs" "Changes to Outputs" \
  terraform-planner plan --repo "$url" --ref main --path envs/dev --var name=dev
approved 2 "gatekeeper+plan: --name=value forms, a repeated --var and a var file" 'hello from-file' \
  terraform-planner plan --repo="$url" --ref=v1.0.0 --path=envs/dev --var=name=a --var name=b \
  --var-file envs/dev/dev.tfvars
approved 0 "gatekeeper+apply: an approved apply runs" 'greeting = "hello dev"' \
  terraform-applier apply --repo "$url" --ref main --path envs/dev --var name=dev
approved 0 "gatekeeper+build-packer-artifact: hardcoded --machine-readable reaches packer" "ui,say,Build 'null.app' finished" \
  packer build-packer-artifact --repo "$url" --ref main --template-path packer/app.pkr.hcl --var region=eu-west-1 --force
approved 0 "gatekeeper+build-packer-artifact: a commit on main is built" "commit $on_main is on main" \
  packer build-packer-artifact --repo "$url" --ref "$on_main" --template-path packer/app.pkr.hcl
approved 2 "gatekeeper+build-packer-artifact: a commit only on a side branch is refused by the script" \
  "is not on any of the branches main master" \
  packer build-packer-artifact --repo "$url" --ref "$on_side" --template-path packer/app.pkr.hcl
approved 0 "gatekeeper+build-docker-image: a commit, two build args, kaniko runs" "kaniko-arg:--build-arg=B=2" \
  docker-image-builder build-docker-image --repo "$url" --ref "$on_main" --context-path image \
  --destination registry.example.invalid/app:1 --build-arg A=1 --build-arg B=2
approved 0 "gatekeeper+build-docker-image: the container pipeline's build reaches both app repositories" \
  "kaniko-arg:--destination=registry.example.invalid/bakehouse-app-prod:$on_main" \
  docker-image-builder build-docker-image --repo "$url" --ref "$on_main" --context-path image \
  --destination "registry.example.invalid/bakehouse-app-dev:$on_main" \
  --destination "registry.example.invalid/bakehouse-app-prod:$on_main" --build-arg "VERSION=$on_main"

refused "gatekeeper: plan --ref=--upload-pack is refused" "starts with '-'" \
  terraform-planner plan --repo "$url" --ref="--upload-pack=touch $tmp/pwned"
refused "gatekeeper: build-docker-image --ref=--upload-pack is refused" "starts with '-'" \
  docker-image-builder build-docker-image --repo "$url" --ref=--upload-pack --destination registry.example.invalid/app:1
refused "gatekeeper: build-docker-image refuses an app repository of another environment" "does not match" \
  docker-image-builder build-docker-image --repo "$url" --ref main --destination registry.example.invalid/bakehouse-app-staging:1
refused "gatekeeper: a repeated --ref is refused" "given more than once" terraform-planner plan --repo "$url" --ref main --ref v1.0.0
refused "gatekeeper: the hardcoded --machine-readable cannot be given" "is not allowed" \
  packer build-packer-artifact --repo "$url" --ref main --machine-readable
refused "gatekeeper: apply takes no bare commit" "bare commit ID" terraform-applier apply --repo "$url" --ref "$on_main"
refused "gatekeeper: --commit-branch comes only from the configuration" "is not allowed" \
  terraform-planner plan --repo "$url" --ref main --commit-branch side
refused "gatekeeper: a bidi override in a path is refused" "format or line separator" \
  terraform-planner plan --repo "$url" --ref main --path "envs/$(printf '\xe2\x80\xae')dev"
refused "gatekeeper: a line separator in a var is refused" "format or line separator" \
  terraform-planner plan --repo "$url" --ref main --var "name=a$(printf '\xe2\x80\xa8')b"
refused "gatekeeper: a C1 control (NEL) in a var is refused" "format or line separator" \
  terraform-planner plan --repo "$url" --ref main --var "name=a$(printf '\xc2\x85')b"
if [ -e "$tmp/pwned" ]; then not_ok "nothing the gatekeeper refused ran"; else ok "nothing the gatekeeper refused ran"; fi

echo "deploy runner scripts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
