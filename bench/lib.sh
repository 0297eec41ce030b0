#!/usr/bin/env bash
# Shared helpers for the benchmark scripts: a moto_server on a free loopback port, timing,
# medians. Sourced, not run.

# Starts moto_server on a free loopback port; sets MOTO_ENDPOINT and stops it on exit.
start_moto() {
  command -v moto_server >/dev/null || { echo "moto_server is not installed (make test installs it)" >&2; exit 1; }
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  env -u AWS_PROFILE moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  MOTO_PID=$!
  trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT
  MOTO_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -sf "$MOTO_ENDPOINT/moto-api/" >/dev/null && return 0
    sleep 0.1
  done
  echo "moto_server did not start" >&2
  exit 1
}

# Loopback-only, dummy-credential AWS environment for the tools being timed.
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
unset AWS_PROFILE

# Prints the milliseconds a command takes; its output is discarded; fails if it fails.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "benchmark command failed: $*" >&2; return 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# Median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# Creates an available AMI in moto and prints its ID.
moto_ami() {
  local base instance
  base=$(aws --endpoint-url "$MOTO_ENDPOINT" ec2 describe-images --owners amazon --query 'Images[0].ImageId' --output text)
  instance=$(aws --endpoint-url "$MOTO_ENDPOINT" ec2 run-instances --image-id "$base" --query 'Instances[0].InstanceId' --output text)
  aws --endpoint-url "$MOTO_ENDPOINT" ec2 create-image --instance-id "$instance" --name "bench-$1" --query ImageId --output text
}

# Starts bench/cfn_proxy.py in front of moto (extra arguments go to the proxy, e.g. --rate 10);
# sets PROXY_ENDPOINT and PROXY_PID. The caller stops it (stop_proxy) before moto's trap runs.
start_proxy() {
  local port_file
  port_file="$(mktemp -u)"
  python3 "$(dirname "${BASH_SOURCE[0]}")/cfn_proxy.py" --upstream "$MOTO_ENDPOINT" --port-file "$port_file" "$@" &
  PROXY_PID=$!
  for _ in $(seq 1 100); do
    if [ -s "$port_file" ]; then
      PROXY_ENDPOINT="http://127.0.0.1:$(cat "$port_file")"
      export PROXY_ENDPOINT
      rm -f "$port_file"
      return 0
    fi
    sleep 0.1
  done
  echo "cfn_proxy did not start" >&2
  exit 1
}

stop_proxy() { kill "${PROXY_PID:-}" 2>/dev/null || true; wait "${PROXY_PID:-}" 2>/dev/null || true; }

# A small stack for the CloudFormation benchmarks: an SSM parameter and a queue.
small_template() {
  cat >"$1" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Value:
    Type: String
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub "/bench/${AWS::StackName}/value"
      Type: String
      Value: !Ref Value
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !Ref Queue
YAML
}
