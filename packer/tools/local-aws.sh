# shellcheck shell=bash
# Sourced by packer/test.sh and packer/testdata/record.sh. Provides an AWS environment
# that can only reach a moto_server on loopback, and starts/stops that server.

# isolate_aws_env drops any real credentials, profiles and metadata lookups, and stops
# Packer from calling home for version checks.
isolate_aws_env() {
  unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ROLE_ARN \
    AWS_WEB_IDENTITY_TOKEN_FILE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
  export AWS_EC2_METADATA_DISABLED=true CHECKPOINT_DISABLE=1
}

free_loopback_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_moto <log file>: starts moto_server on a free loopback port and waits until it
# answers. Sets MOTO_PID and MOTO_ENDPOINT. Pair it with stop_moto in an EXIT trap.
start_moto() {
  local log=$1 port attempt
  port=$(free_loopback_port)
  moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  MOTO_ENDPOINT="http://127.0.0.1:$port"
  for attempt in $(seq 1 100); do
    if curl --silent --output /dev/null "$MOTO_ENDPOINT/moto-api/"; then
      return 0
    fi
    if ! kill -0 "$MOTO_PID" 2>/dev/null; then
      echo "moto_server exited at start (attempt $attempt); its log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "moto_server did not answer on $MOTO_ENDPOINT within 20 s; see $log" >&2
  return 1
}

stop_moto() {
  if [[ -n ${MOTO_PID:-} ]]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
    MOTO_PID=
  fi
}

# artifact_id <machine-readable output file> <build name>: prints the artifact id of the
# build's first artifact with Packer's escaped commas restored, e.g.
# us-east-1:ami-1,us-west-2:ami-2
artifact_id() {
  local output=$1 build=$2
  awk -F, -v build="$build" '$2 == build && $3 == "artifact" && $4 == "0" && $5 == "id" { print $6; exit }' "$output" |
    sed 's/%!(PACKER_COMMA)/,/g'
}
