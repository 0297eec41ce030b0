#!/usr/bin/env bash
# TEST DOUBLE for the bakehouse CLI, used only by cd/tests. It records every call so the tests
# can assert the exact argument vectors the cd scripts produce.
#
# Each call appends one JSON line to $FAKE_BAKEHOUSE_RECORD:
#   {"argv": [...], "params_file": <JSON content of --params-file, read while it exists>}
# publish-ami-param also writes the AMI to SSM (through the AWS CLI, at --endpoint-url) and
# labels the new version, as the real command does, so a rollback's redeploy reads it back.
# cfn-deploy resolves nothing: the tests that need its parameters run the real CLI.
# FAKE_BAKEHOUSE_FAIL=<command> makes that command fail with exit code 1.
set -euo pipefail

: "${FAKE_BAKEHOUSE_RECORD:?FAKE_BAKEHOUSE_RECORD must name the file to record calls in}"

value_of() {
  local wanted="$1"; shift
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == "$wanted" && $# -ge 2 ]]; then printf '%s' "$2"; return 0; fi
    shift
  done
  return 1
}

params_json=null
if params_path="$(value_of --params-file "$@")"; then
  params_json="$(cat "$params_path")"
fi
python3 -c 'import json, sys; print(json.dumps({"argv": sys.argv[2:], "params_file": json.loads(sys.argv[1])}))' \
  "$params_json" "$@" >>"$FAKE_BAKEHOUSE_RECORD"

if [[ "${FAKE_BAKEHOUSE_FAIL:-}" == "$1" ]]; then
  echo "error: $1 failed (test double told to fail)" >&2
  exit 1
fi

case "$1" in
  publish-ami-param)
    aws_options=()
    if endpoint="$(value_of --endpoint-url "$@")"; then aws_options+=(--endpoint-url "$endpoint"); fi
    if region="$(value_of --region "$@")"; then aws_options+=(--region "$region"); fi
    name="$(value_of --name "$@")"
    version="$(aws "${aws_options[@]}" ssm put-parameter --name "$name" --value "$(value_of --ami-id "$@")" \
      --type String --overwrite --query Version --output text)"
    aws "${aws_options[@]}" ssm label-parameter-version --name "$name" --parameter-version "$version" \
      --labels "$(value_of --label "$@")" >/dev/null
    jq -cn --arg name "$name" --argjson version "$version" '{name: $name, version: $version}'
    ;;
  cfn-deploy)
    if [[ " $* " == *" --print-parameters "* ]]; then
      jq -cn --arg stack "$(value_of --stack "$@")" '{stack: $stack, parameters: {}, recordedBy: "TEST_DOUBLE"}'
    else
      jq -cn --arg stack "$(value_of --stack "$@")" '{stack: $stack, status: "RECORDED_BY_TEST_DOUBLE"}'
    fi
    ;;
  *)
    echo "error: the test double does not know '$1'" >&2
    exit 2
    ;;
esac
