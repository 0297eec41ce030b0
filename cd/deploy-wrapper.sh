#!/usr/bin/env bash
# Deploys the app stack of one environment with the AMI published for it in SSM. The deploy
# and every check of its parameters are bakehouse cfn-deploy's; this script supplies the
# conventions (cd/conventions.sh) and keeps a copy of the templates in S3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$here")"
# shellcheck source=conventions.sh source-path=SCRIPTDIR
source "$here/conventions.sh"

usage() {
  cat <<EOF
usage: deploy-wrapper.sh --environment dev|prod [options]

Deploys the app stack with the AMI ID the SSM parameter /DeploymentConfig/<env>/App/AmiId holds:
  \${BAKEHOUSE_CLI:-bakehouse} cfn-deploy --stack STACK --template TEMPLATE --params-file FILE \\
      --param AmiId=ssm:/DeploymentConfig/<env>/App/AmiId --tag Environment=<env> ... --output json
cfn-deploy reads the parameter file (AWS CLI list or {"Key":"Value"} map) and every "ssm:/name"
value from SSM (String and StringList only), and refuses a SecureString, a missing parameter or
an AmiId that is not an AMI ID before anything is created. Its JSON result is printed on
stdout; messages go to stderr. Stack, parameter and file names: cd/conventions.sh.

options:
  --environment ENV     dev or prod (required)
  --stack NAME          stack name (default: bakehouse-app-<env>)
  --template PATH       template (default: cloudformation/app.yaml of this repository)
  --params-file PATH    parameter file, AWS CLI list or {"Key":"Value"} map
                        (default: cloudformation/params/<env>.json)
  --bucket BUCKET       also sync the templates to s3://BUCKET/PREFIX/ first (once cfn-deploy
                        has checked the parameters)
  --prefix PREFIX       key prefix in the bucket (default: templates)
  --report FILE         also write the HTML deployment report to FILE (cfn-deploy --report)
  --region REGION       AWS region (default: the CLI's own, e.g. AWS_REGION)
  --endpoint-url URL    AWS endpoint override (for an emulator)
  --dry-run             print the parameters cfn-deploy resolves (its --print-parameters JSON,
                        on stdout) and the commands it would run; change nothing
  -h, --help            show this help

exit codes: 0 deployed, 1 deploy or AWS failure, 2 bad usage or missing tool/parameter,
130 interrupted
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

problem="$(bakehouse_environment_problem "$environment")"
[[ -z "$problem" ]] || usage_error "$problem"
stack="${stack:-$(bakehouse_app_stack "$environment")}"
template="${template:-$repo_root/$BAKEHOUSE_APP_TEMPLATE}"
params_file="${params_file:-$repo_root/$(bakehouse_params_file "$environment")}"
ami_parameter="$(bakehouse_ami_parameter "$environment")"
prefix="${prefix#/}"
prefix="${prefix%/}"
[[ -f "$template" ]] || usage_error "template not found: $template"
[[ -f "$params_file" ]] || usage_error "parameter file not found: $params_file"

bakehouse="${BAKEHOUSE_CLI:-bakehouse}"
command -v "$bakehouse" >/dev/null 2>&1 || die "bakehouse CLI '$bakehouse' not found; put it on PATH or set BAKEHOUSE_CLI" 2
if [[ -n "$bucket" ]]; then
  command -v aws >/dev/null 2>&1 || die "aws CLI not found; install AWS CLI v2 (https://docs.aws.amazon.com/cli/)" 2
fi

aws_options=()
[[ -n "$region" ]] && aws_options+=(--region "$region")
[[ -n "$endpoint_url" ]] && aws_options+=(--endpoint-url "$endpoint_url")

# The AMI ID is one more ssm: value: cfn-deploy reads it with the parameter file's and checks that
# it is an AMI ID (the template's AmiId is an AWS::EC2::Image::Id); --param wins over the file.
cfn_deploy=("$bakehouse" cfn-deploy --stack "$stack" --template "$template" --params-file "$params_file"
  --param "AmiId=ssm:$ami_parameter" --tag "$(bakehouse_environment_tag "$environment")" "${aws_options[@]}")
report_options=()
[[ -n "$report" ]] && report_options+=(--report "$report")
deploy=("${cfn_deploy[@]}" "${report_options[@]}" --output json)
sync=()
if [[ -n "$bucket" ]]; then
  template_dir="$(cd "$(dirname "$template")" && pwd)"
  sync=(aws "${aws_options[@]}" s3 sync "$template_dir" "s3://$bucket/$prefix/"
    --exclude '*' --include '*.yaml' --include '*.yml' --include 'params/*.json' --exclude 'tests/*' --only-show-errors)
fi

print_command() {
  printf '%q ' "$@" >&2
  printf '\n' >&2
}

if [[ "$dry_run" == true ]]; then
  echo "Parameters cfn-deploy resolves for $stack (AmiId from $ami_parameter):" >&2
  "${cfn_deploy[@]}" --print-parameters --output json
  if [[ -n "$bucket" ]]; then
    echo "Would sync the templates from $template_dir to s3://$bucket/$prefix/:" >&2
    print_command "${sync[@]}"
  fi
  echo "Would deploy:" >&2
  print_command "${deploy[@]}"
  exit 0
fi

if [[ -n "$bucket" ]]; then
  # Reads only: a deployment cfn-deploy refuses leaves no templates behind.
  "${cfn_deploy[@]}" --print-parameters --output json >/dev/null
  echo "Syncing templates from $template_dir to s3://$bucket/$prefix/" >&2
  "${sync[@]}" >&2
fi
echo "Deploying $stack with the AMI ID in $ami_parameter" >&2
"${deploy[@]}"
