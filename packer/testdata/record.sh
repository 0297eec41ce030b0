#!/usr/bin/env bash
# Records real `packer -machine-readable` output from the local build against a
# moto_server on loopback, for the Java parser tests. Rewrites every file listed in
# INDEX.md. Run from anywhere: packer/testdata/record.sh
set -euo pipefail

testdata=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
packer_dir=$(cd "$testdata/.." && pwd)
# shellcheck source=packer/tools/local-aws.sh
source "$packer_dir/tools/local-aws.sh"

for tool in packer moto_server python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "record.sh: '$tool' not found; see packer/README.md" >&2; exit 1; }
done

isolate_aws_env
work=$(mktemp -d)
cleanup() {
  stop_moto
  rm -rf "$work"
}
trap cleanup EXIT

# Each build gets a fresh emulator, so AMI names (timestamped to the second) never clash
# with an earlier recording's.
fresh_moto() {
  stop_moto
  start_moto "$work/moto.log"
}

# Relative paths keep this machine's directories out of the recordings.
cd "$packer_dir"
template=bakehouse-app.pkr.hcl
recording_vars=(
  -var "app_version=1.4.2"
  -var "git_sha=9f1c2ab"
  -var "environment=dev"
  -var "build_url=https://jenkins.example.invalid/job/bakehouse/42/"
)

index=$testdata/INDEX.md
{
  echo "# Recorded Packer output"
  echo
  echo "Written by \`record.sh\` with $(packer version | head -n 1) against moto_server on loopback."
  echo "Each file is the complete stdout of the command shown; the exit status is Packer's."
  echo
  echo "| file | command (from packer/) | exit |"
  echo "| --- | --- | --- |"
} >"$index"

# record <file> <packer arguments...>: runs packer, keeps its stdout in <file>, notes the exit.
record() {
  local file=$1 shown status=0
  shift
  shown=$(printf '%q ' packer "$@" | sed -e "s|$MOTO_ENDPOINT|http://127.0.0.1:PORT|g" -e "s|$work|TMP|g")
  packer "$@" >"$testdata/$file" || status=$?
  printf "| \`%s\` | \`%s\` | %d |\n" "$file" "${shown% }" "$status" >>"$index"
  echo "recorded $file (exit $status)"
}

fresh_moto
record local-bake-success.txt \
  build -machine-readable -only='local.*' "${recording_vars[@]}" -var "local_ec2_endpoint=$MOTO_ENDPOINT" \
  -var "manifest_path=$work/success-manifest.json" "$template"

fresh_moto
record local-bake-ami-copies.txt \
  build -machine-readable -only='local.*' "${recording_vars[@]}" -var "local_ec2_endpoint=$MOTO_ENDPOINT" \
  -var 'ami_regions=["us-west-2","eu-west-1"]' \
  -var "manifest_path=$work/copies-manifest.json" "$template"
cp "$work/copies-manifest.json" "$testdata/local-bake-ami-copies.manifest.json"
printf "| \`%s\` | manifest written by the build above | |\n" local-bake-ami-copies.manifest.json >>"$index"

fresh_moto
record local-bake-no-source-ami.txt \
  build -machine-readable -only='local.*' "${recording_vars[@]}" -var "local_ec2_endpoint=$MOTO_ENDPOINT" \
  -var "source_ami_name=no-such-image-*" \
  -var "manifest_path=$work/unused-manifest.json" "$template"

record local-bake-endpoint-refused.txt \
  build -machine-readable -only='local.*' "${recording_vars[@]}" \
  -var "local_ec2_endpoint=http://127.0.0.1:1" \
  -var "manifest_path=$work/unused-manifest.json" "$template"

record validate-error.txt \
  validate -machine-readable -var "app_version=1.4.2" -var "git_sha=9f1c" \
  -var "local_ec2_endpoint=https://ec2.us-east-1.amazonaws.com" "$template"
