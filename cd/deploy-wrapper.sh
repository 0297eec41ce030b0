#!/usr/bin/env bash
# Deploys the app stack of one environment with the AMI published for it in SSM.
set -euo pipefail

readonly ENVIRONMENTS="dev prod"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<EOF
usage: deploy-wrapper.sh --environment dev|prod [options]

Reads the AMI ID from the SSM parameter /DeploymentConfig/<env>/App/AmiId, builds the app
stack's parameters (cloudformation/params/<env>.json plus AmiId; values written as
"ssm:/name" are read from that SSM parameter) and runs
  \${BAKEHOUSE_CLI:-bakehouse} cfn-deploy ... --output json
whose JSON result is printed on stdout. Messages go to stderr.

options:
  --environment ENV     dev or prod (required)
  --stack NAME          stack name (default: bakehouse-app-<env>)
  --template PATH       template (default: cloudformation/app.yaml of this repository)
  --params-file PATH    parameter file, AWS CLI list or {"Key":"Value"} map
                        (default: cloudformation/params/<env>.json)
  --bucket BUCKET       also sync the templates to s3://BUCKET/PREFIX/ first
  --prefix PREFIX       key prefix in the bucket (default: templates)
  --report FILE         also write the HTML deployment report to FILE (cfn-deploy --report)
  --region REGION       AWS region (default: the AWS CLI's own, e.g. AWS_REGION)
  --endpoint-url URL    AWS endpoint override (for an emulator)
  --dry-run             read SSM and build the parameters, print the commands, run nothing
  -h, --help            show this help

exit codes: 0 deployed, 1 deploy or AWS failure, 2 bad usage or missing tool/parameter
EOF
}

die() { echo "error: $1" >&2; exit "${2:-1}"; }
usage_error() { echo "error: $1 (run deploy-wrapper.sh --help)" >&2; exit 2; }

environment="" stack="" template="" params_file="" bucket="" prefix="templates"
region="" endpoint_url="" report="" dry_run=false

need_value() { [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) need_value "$@"; environment="$2"; shift 2 ;;
    --stack) need_value "$@"; stack="$2"; shift 2 ;;
    --template) need_value "$@"; template="$2"; shift 2 ;;
    --params-file) need_value "$@"; params_file="$2"; shift 2 ;;
    --bucket) need_value "$@"; bucket="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --region) need_value "$@"; region="$2"; shift 2 ;;
    --endpoint-url) need_value "$@"; endpoint_url="$2"; shift 2 ;;
    --report) need_value "$@"; report="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done

[[ -n "$environment" ]] || usage_error "--environment is required (one of: $ENVIRONMENTS)"
[[ " $ENVIRONMENTS " == *" $environment "* ]] || usage_error "--environment must be one of: $ENVIRONMENTS (got '$environment')"
stack="${stack:-bakehouse-app-$environment}"
template="${template:-$repo_root/cloudformation/app.yaml}"
params_file="${params_file:-$repo_root/cloudformation/params/$environment.json}"
prefix="${prefix#/}"
prefix="${prefix%/}"
[[ -f "$template" ]] || usage_error "template not found: $template"
[[ -f "$params_file" ]] || usage_error "parameter file not found: $params_file"

bakehouse="${BAKEHOUSE_CLI:-bakehouse}"
command -v aws >/dev/null 2>&1 || die "aws CLI not found; install AWS CLI v2 (https://docs.aws.amazon.com/cli/)" 2
command -v jq >/dev/null 2>&1 || die "jq not found; install it (apt-get install jq)" 2
if [[ "$dry_run" == false ]]; then
  command -v "$bakehouse" >/dev/null 2>&1 || die "bakehouse CLI '$bakehouse' not found; put it on PATH or set BAKEHOUSE_CLI" 2
fi

aws_options=()
[[ -n "$region" ]] && aws_options+=(--region "$region")
[[ -n "$endpoint_url" ]] && aws_options+=(--endpoint-url "$endpoint_url")

# Prints "TYPE<TAB>VALUE" of an SSM parameter; a missing one is a usage error (exit 2).
read_parameter() {
  local name="$1" output
  if ! output="$(aws "${aws_options[@]}" ssm get-parameter --name "$name" \
      --query 'Parameter.[Type,Value]' --output text 2>&1)"; then
    if [[ "$output" == *ParameterNotFound* ]]; then
      die "SSM parameter $name does not exist${region:+ in $region}; publish it first (publishAmiParam or bakehouse publish-ami-param)" 2
    fi
    die "cannot read SSM parameter $name: $(printf '%s' "$output" | grep -m1 . || true)"
  fi
  printf '%s\n' "$output"
}

ami_parameter="/DeploymentConfig/$environment/App/AmiId"
ami_line="$(read_parameter "$ami_parameter")"
ami_id="${ami_line#*$'\t'}"
[[ "$ami_id" =~ ^ami-[0-9a-f]{8,17}$ ]] || die "SSM parameter $ami_parameter holds '$ami_id', not an AMI ID; republish it" 2
echo "AMI for $environment: $ami_id (from $ami_parameter)" >&2

# Both parameter file forms become the AWS CLI list form.
if ! parameters="$(jq -e 'if type == "array" then map({ParameterKey, ParameterValue: (.ParameterValue | tostring)})
    elif type == "object" then to_entries | map({ParameterKey: .key, ParameterValue: (.value | tostring)})
    else error("neither a list nor a map") end' "$params_file" 2>/dev/null)"; then
  die "parameter file $params_file is not a JSON list of {ParameterKey, ParameterValue} or a {\"Key\": \"Value\"} map" 2
fi

# cfn-deploy would resolve these itself (same rules); resolving here lets --dry-run show the final parameters.
resolved='{}'
while IFS= read -r name; do
  [[ -n "$name" ]] || continue
  line="$(read_parameter "$name")"
  type="${line%%$'\t'*}"
  value="${line#*$'\t'}"
  [[ "$type" != "SecureString" ]] || die "SSM parameter $name is a SecureString; stack parameters must not carry secrets" 2
  resolved="$(jq -c --arg name "$name" --arg value "$value" '. + {($name): $value}' <<<"$resolved")"
done < <(jq -r '.[] | .ParameterValue | select(startswith("ssm:")) | .[4:]' <<<"$parameters" | sort -u)

work_dir="$(mktemp -d -t bakehouse-deploy.XXXXXX)"
trap 'rm -rf "$work_dir"' EXIT
stack_parameters="$work_dir/$stack-parameters.json"
jq --argjson resolved "$resolved" --arg ami "$ami_id" '
  map(if (.ParameterValue | startswith("ssm:")) then .ParameterValue = $resolved[.ParameterValue[4:]] else . end)
  | map(select(.ParameterKey != "AmiId")) + [{ParameterKey: "AmiId", ParameterValue: $ami}]' \
  <<<"$parameters" >"$stack_parameters"

run() {
  if [[ "$dry_run" == true ]]; then
    printf '%q ' "$@" >&2
    printf '\n' >&2
  else
    "$@"
  fi
}

if [[ -n "$bucket" ]]; then
  template_dir="$(cd "$(dirname "$template")" && pwd)"
  echo "Syncing templates from $template_dir to s3://$bucket/$prefix/" >&2
  run aws "${aws_options[@]}" s3 sync "$template_dir" "s3://$bucket/$prefix/" \
    --exclude '*' --include '*.yaml' --include '*.yml' --include 'params/*.json' --exclude 'tests/*' --only-show-errors >&2
fi

if [[ "$dry_run" == true ]]; then
  echo "Stack parameters ($stack_parameters):" >&2
  jq . "$stack_parameters" >&2
fi
report_options=()
[[ -n "$report" ]] && report_options+=(--report "$report")
echo "Deploying $stack with $ami_id" >&2
run "$bakehouse" cfn-deploy --stack "$stack" --template "$template" --params-file "$stack_parameters" \
  --param "AmiId=$ami_id" --tag "Environment=$environment" "${aws_options[@]}" "${report_options[@]}" --output json
