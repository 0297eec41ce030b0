#!/usr/bin/env bash
# Rolls an environment back to an AMI it ran before: re-publishes that AMI to SSM, redeploys.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=conventions.sh source-path=SCRIPTDIR
source "$here/conventions.sh"

usage() {
  cat <<EOF
usage: rollback.sh --environment dev|prod [--to-version N] [deploy options]

Reads the history of the SSM parameter /DeploymentConfig/<env>/App/AmiId, picks an earlier
AMI, publishes it again as the newest version labelled rollback-<N> with
  \${BAKEHOUSE_CLI:-bakehouse} publish-ami-param ... --output json
and redeploys the app stack with deploy-wrapper.sh.

The earlier AMI is version N with --to-version N; otherwise the newest earlier version whose
AMI differs from the current one (so a version republished unchanged is skipped).
publish-ami-param refuses a value that is not an AMI ID, or an AMI that no longer exists.
Parameter and stack names: cd/conventions.sh.

options:
  --environment ENV     dev or prod (required)
  --to-version N        roll back to this version of the parameter
  --stack NAME, --template PATH, --params-file PATH, --bucket BUCKET, --prefix PREFIX, --report FILE
                        passed to deploy-wrapper.sh
  --region REGION       AWS region (default: the AWS CLI's own, e.g. AWS_REGION)
  --endpoint-url URL    AWS endpoint override (for an emulator)
  --dry-run             read the history, print what would be published and deployed, change nothing
  -h, --help            show this help

exit codes: 0 rolled back, 1 publish/deploy or AWS failure, 2 bad usage or nothing to roll back to
EOF
}

die() { echo "error: $1" >&2; exit "${2:-1}"; }
usage_error() { echo "error: $1 (run rollback.sh --help)" >&2; exit 2; }

environment="" to_version="" region="" endpoint_url="" dry_run=false
deploy_options=()

need_value() { [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) need_value "$@"; environment="$2"; shift 2 ;;
    --to-version) need_value "$@"; to_version="$2"; shift 2 ;;
    --stack|--template|--params-file|--bucket|--prefix|--report) need_value "$@"; deploy_options+=("$1" "$2"); shift 2 ;;
    --region) need_value "$@"; region="$2"; shift 2 ;;
    --endpoint-url) need_value "$@"; endpoint_url="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done

problem="$(bakehouse_environment_problem "$environment")"
[[ -z "$problem" ]] || usage_error "$problem"
[[ -z "$to_version" || "$to_version" =~ ^[1-9][0-9]*$ ]] || usage_error "--to-version must be a positive version number (got '$to_version')"

bakehouse="${BAKEHOUSE_CLI:-bakehouse}"
command -v aws >/dev/null 2>&1 || die "aws CLI not found; install AWS CLI v2 (https://docs.aws.amazon.com/cli/)" 2
if [[ "$dry_run" == false ]]; then
  command -v "$bakehouse" >/dev/null 2>&1 || die "bakehouse CLI '$bakehouse' not found; put it on PATH or set BAKEHOUSE_CLI" 2
fi

aws_options=()
[[ -n "$region" ]] && aws_options+=(--region "$region")
[[ -n "$endpoint_url" ]] && aws_options+=(--endpoint-url "$endpoint_url")

parameter="$(bakehouse_ami_parameter "$environment")"
if ! history="$(aws "${aws_options[@]}" ssm get-parameter-history --name "$parameter" \
    --query 'Parameters[].[Version,Value]' --output text 2>&1)"; then
  if [[ "$history" == *ParameterNotFound* ]]; then
    die "SSM parameter $parameter does not exist${region:+ in $region}; nothing to roll back" 2
  fi
  die "cannot read the history of SSM parameter $parameter: $(printf '%s' "$history" | grep -m1 . || true)"
fi

# "VERSION<TAB>AMI" lines, newest first.
history="$(sort -t $'\t' -k1,1nr <<<"$history")"
current_line="$(head -n 1 <<<"$history")"
current_version="${current_line%%$'\t'*}"
current_ami="${current_line#*$'\t'}"

if [[ -n "$to_version" ]]; then
  target_line="$(awk -F '\t' -v v="$to_version" '$1 == v' <<<"$history")"
  [[ -n "$target_line" ]] || die "version $to_version of $parameter is not in its history (current version: $current_version)" 2
  [[ "$to_version" != "$current_version" ]] || die "version $to_version is already the current version of $parameter" 2
else
  target_line="$(awk -F '\t' -v ami="$current_ami" 'NR > 1 && $2 != ami { print; exit }' <<<"$history")"
  [[ -n "$target_line" ]] || die "$parameter has no earlier version with a different AMI than $current_ami; nothing to roll back to" 2
fi
target_version="${target_line%%$'\t'*}"
target_ami="${target_line#*$'\t'}"

echo "Rolling $environment back from $current_ami (version $current_version) to $target_ami (version $target_version)" >&2

publish=("$bakehouse" publish-ami-param --name "$parameter" --ami-id "$target_ami" \
  --label "rollback-$target_version" "${aws_options[@]}" --output json)
deploy=("$here/deploy-wrapper.sh" --environment "$environment" "${deploy_options[@]}" "${aws_options[@]}")

if [[ "$dry_run" == true ]]; then
  printf '%q ' "${publish[@]}" >&2; printf '\n' >&2
  printf '%q ' "${deploy[@]}" >&2; printf '\n' >&2
  exit 0
fi

"${publish[@]}" >&2
"${deploy[@]}"
