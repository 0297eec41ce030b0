#!/usr/bin/env bash
# Runs a command against a fresh moto_server on a free loopback port, then stops the server.
# The command sees MOTO_ENDPOINT (http://127.0.0.1:PORT), dummy credentials and no instance
# metadata, so nothing it does can reach real AWS.
set -euo pipefail

if [[ $# -eq 0 || "$1" == "--help" || "$1" == "-h" ]]; then
  echo "usage: with-moto.sh COMMAND [ARG...]   run COMMAND with a fresh moto_server (MOTO_ENDPOINT set)"
  exit 0
fi

command -v moto_server >/dev/null 2>&1 || {
  echo "error: moto_server not found; install it with: pip install 'moto[server]>=5'" >&2
  exit 2
}
command -v python3 >/dev/null 2>&1 || { echo "error: python3 not found; install Python 3.9+" >&2; exit 2; }

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$(mktemp -t moto.XXXXXX)"
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!

stop_moto() {
  kill "$moto_pid" 2>/dev/null || true
  wait "$moto_pid" 2>/dev/null || true
  rm -f "$log"
}
trap stop_moto EXIT INT TERM

endpoint="http://127.0.0.1:${port}"
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=1)" "$endpoint" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$moto_pid" 2>/dev/null; then
    echo "error: moto_server exited before it served; its output:" >&2
    cat "$log" >&2
    exit 2
  fi
  sleep 0.1
done

unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE
export MOTO_ENDPOINT="$endpoint"
export AWS_ENDPOINT_URL="$endpoint"
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_DEFAULT_REGION=us-east-1
export AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null
export AWS_SHARED_CREDENTIALS_FILE=/dev/null

# Not exec: the trap must still stop moto when the command ends.
"$@"
