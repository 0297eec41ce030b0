#!/usr/bin/env bash
# Prints the controller's environment from the jenkins-agents stack outputs, one NAME=value
# per line (docker run --env-file format): output key ClusterArn -> BAKEHOUSE_CLUSTER_ARN.
set -euo pipefail

usage() {
  cat <<USAGE
usage: agents-env.sh --stack NAME [--region REGION] [--endpoint-url URL]

Reads the outputs of the jenkins-agents CloudFormation stack NAME and prints them as
BAKEHOUSE_<OUTPUT_KEY_IN_UPPER_SNAKE_CASE>=value lines, the variables casc.yaml reads.
USAGE
}

die() { echo "error: $1" >&2; exit "${2:-1}"; }
usage_error() { echo "error: $1 (run agents-env.sh --help)" >&2; exit 2; }

stack="" aws_options=()
need_value() { [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stack) need_value "$@"; stack="$2"; shift 2 ;;
    --region|--endpoint-url) need_value "$@"; aws_options+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[[ -n "$stack" ]] || usage_error "--stack is required"
command -v aws >/dev/null 2>&1 || die "aws CLI not found; install AWS CLI v2" 2

if ! outputs="$(aws "${aws_options[@]}" cloudformation describe-stacks --stack-name "$stack" \
    --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text 2>&1)"; then
  die "cannot read the outputs of stack $stack: $(printf '%s' "$outputs" | grep -m1 . || true)"
fi
[[ -n "$outputs" && "$outputs" != "None" ]] || die "stack $stack has no outputs; is it the jenkins-agents stack?"

while IFS=$'\t' read -r key value; do
  name="$(sed -E 's/([a-z0-9])([A-Z])/\1_\2/g' <<<"$key" | tr '[:lower:]' '[:upper:]')"
  printf 'BAKEHOUSE_%s=%s\n' "$name" "$value"
done <<<"$outputs"
