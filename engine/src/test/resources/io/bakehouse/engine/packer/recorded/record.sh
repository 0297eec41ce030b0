#!/usr/bin/env bash
# Records real `packer -machine-readable` output for the engine's parser tests, against a
# moto_server on loopback: two builds in one run, and an AMI name already in use.
# Run from anywhere: engine/src/test/resources/io/bakehouse/engine/packer/recorded/record.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in packer moto_server python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "record.sh: '$tool' not found" >&2; exit 1; }
done
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true CHECKPOINT_DISABLE=1
unset AWS_PROFILE AWS_SESSION_TOKEN

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl --silent --output /dev/null "http://127.0.0.1:$port/moto-api/" && break
  sleep 0.2
done

cd "$here"
# The port changes with every recording; it is written as PORT so the files stay stable.
record() {
  local file=$1 status=0
  shift
  packer "$@" >"$file.raw" || status=$?
  sed "s|127.0.0.1:$port|127.0.0.1:PORT|g" "$file.raw" >"$file"
  rm -f "$file.raw"
  echo "recorded $file (exit $status)"
}
record two-builds.txt build -machine-readable -color=false -var "ec2_endpoint=http://127.0.0.1:$port" two-builds.pkr.hcl
# The same names again: Packer refuses, as after an interrupted run that left its AMI behind.
record name-in-use.txt build -machine-readable -color=false -var "ec2_endpoint=http://127.0.0.1:$port" two-builds.pkr.hcl
