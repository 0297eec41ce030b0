#!/usr/bin/env bash
# Tests of the deploy runner's trigger scripts: each runs for real (git, terraform, packer)
# against a local repository; Kaniko is replaced by a stub that records its arguments.
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
git -C "$repo" init --quiet -b main
git -C "$repo" add -A
git -C "$repo" commit --quiet -m "infra"
git -C "$repo" tag v1.0.0
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

echo "deploy runner scripts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
