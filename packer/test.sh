#!/usr/bin/env bash
# Checks the app AMI template and every shell script under packer/ and app/:
#   1. packer fmt -check on the templates
#   2. packer validate of the real build (aws.*) and the local build (local.*)
#   3. the template refuses a non-loopback endpoint for the local build
#   4. shellcheck
#   5. a local bake against a moto_server started here on a free loopback port; the AMI
#      and its copy must exist with the expected tags, and the manifest must list them.
# Needs packer, shellcheck, moto_server, python3 with boto3, curl. Fails if one is missing.
# Never talks to real AWS: credentials are fake and every endpoint is 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=packer/tools/local-aws.sh
source "$here/tools/local-aws.sh"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'packer/test.sh: FAILED: %s\n' "$*" >&2; exit 1; }
require() {
  command -v "$1" >/dev/null 2>&1 || fail "'$1' not found; $2"
}

require packer "install Packer (Debian: apt-get install packer; elsewhere https://developer.hashicorp.com/packer/install)"
require shellcheck "install ShellCheck (Debian: apt-get install shellcheck)"
require moto_server "install moto (pip install 'moto[server]')"
require python3 "install Python 3 (Debian: apt-get install python3)"
require curl "install curl (Debian: apt-get install curl)"
python3 -c 'import boto3' 2>/dev/null || fail "python3 cannot import boto3; install it (pip install boto3)"

isolate_aws_env
work=$(mktemp -d)
cleanup() {
  stop_moto
  rm -rf "$work"
}
trap cleanup EXIT

# Packer 1.9+ reads the directory (with plugins.pkr.hcl); 1.6-1.8 read the template file.
packer_version=$(packer version | sed -n 's/^Packer v\([0-9]*\.[0-9]*\).*/\1/p' | head -n 1)
[[ -n $packer_version ]] || fail "cannot tell the Packer version from '$(packer version | head -n 1)'"
if [[ $(printf '%s\n' "$packer_version" 1.9 | sort -V | head -n 1) == 1.9 ]]; then
  template=$here
  step "packer init (Packer $packer_version)"
  packer init "$template"
else
  template=$here/bakehouse-app.pkr.hcl
  echo "Packer $packer_version: using $template without plugins.pkr.hcl"
fi

# Test inputs only: nothing below is a real release.
test_binary=$work/test-input-app-binary
printf 'test input, not a real binary\n' >"$test_binary"
test_vars=(
  -var "app_version=0.0.0-test"
  -var "git_sha=0123456789abcdef0123456789abcdef01234567"
  -var "environment=test"
  -var "build_url=https://ci.invalid/job/bakehouse-test/1/"
  -var "app_binary=$test_binary"
  -var 'tags={ Purpose = "packer-test" }'
)

step "packer fmt -check"
packer fmt -check "$here/bakehouse-app.pkr.hcl" || fail "run: packer fmt packer/bakehouse-app.pkr.hcl"
packer fmt -check "$here/plugins.pkr.hcl" || fail "run: packer fmt packer/plugins.pkr.hcl"

step "packer validate: real build"
packer validate -only='aws.*' "${test_vars[@]}" -var 'ami_regions=["us-west-2"]' "$template"

step "packer validate: local build"
packer validate -only='local.*' "${test_vars[@]}" -var "local_ec2_endpoint=http://127.0.0.1:5000" "$template"

step "packer validate refuses a remote endpoint for the local build"
if rejection=$(packer validate -only='local.*' "${test_vars[@]}" \
  -var "local_ec2_endpoint=https://ec2.us-east-1.amazonaws.com" "$template" 2>&1); then
  fail "the template accepted a non-loopback local_ec2_endpoint"
fi
grep -q "never talks to a remote endpoint" <<<"$rejection" || fail "unexpected validate error: $rejection"
echo "rejected as expected"

step "shellcheck"
mapfile -t scripts < <(find "$repo/packer" "$repo/app" -name '*.sh' -not -path '*/bin/*' | sort)
((${#scripts[@]} > 0)) || fail "no shell scripts found under packer/ or app/"
printf '%s\n' "${scripts[@]#"$repo"/}"
shellcheck --external-sources --source-path="$repo" "${scripts[@]}"

step "local bake against moto_server"
started=$SECONDS
start_moto "$work/moto.log"
echo "moto_server on $MOTO_ENDPOINT"
output=$work/packer-build.out
manifest=$work/packer-manifest.json
if ! packer build -machine-readable -only='local.*' "${test_vars[@]}" \
  -var "local_ec2_endpoint=$MOTO_ENDPOINT" \
  -var 'ami_regions=["us-west-2"]' \
  -var "manifest_path=$manifest" \
  "$template" >"$output"; then
  grep ',ui,error,' "$output" >&2 || true
  fail "the local bake failed (output above)"
fi
artifact=$(artifact_id "$output" local.amazon-ebs.app)
[[ $artifact == *us-east-1:ami-*,*us-west-2:ami-* || $artifact == *us-west-2:ami-*,*us-east-1:ami-* ]] ||
  fail "artifact id '$artifact' does not hold an AMI in us-east-1 and its copy in us-west-2"
echo "artifact id: $artifact"

python3 "$here/tools/assert_ami.py" "$MOTO_ENDPOINT" "$artifact" \
  '{"App": "bakehouse-app", "Version": "0.0.0-test", "GitSha": "0123456789abcdef0123456789abcdef01234567",
    "BuildUrl": "https://ci.invalid/job/bakehouse-test/1/", "Environment": "test", "Purpose": "packer-test"}' \
  "bakehouse-app-0.0.0-test-"

python3 - "$manifest" "$artifact" <<'EOF'
import json
import sys

manifest_path, artifact_id = sys.argv[1], sys.argv[2]
with open(manifest_path) as handle:
    build = json.load(handle)["builds"][-1]
assert build["artifact_id"] == artifact_id, f"manifest artifact_id {build['artifact_id']!r} != {artifact_id!r}"
assert build["custom_data"] == {"mode": "local", "app_version": "0.0.0-test",
                                "git_sha": "0123456789abcdef0123456789abcdef01234567"}, build["custom_data"]
print(f"manifest lists {artifact_id}")
EOF
echo "local bake checked in $((SECONDS - started)) s"

printf '\npacker/test.sh: all checks passed\n'
