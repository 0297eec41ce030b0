#!/usr/bin/env bash
# The body of `plan` and `apply` (sourced with TERRAFORM_ACTION set). Arguments:
#
#   --repo URL         git repository holding the Terraform configuration (required)
#   --ref REF          branch, tag or commit (required)
#   --commit-branch B  a branch a bare commit given as --ref must be on (repeatable; the
#                      gatekeeper passes its rule's commitBranches this way)
#   --path DIR         the configuration's directory inside the repository (default: the root)
#   --var NAME=VALUE   a Terraform variable (repeatable)
#   --var-file FILE    a variable file inside the repository (repeatable)
#   --backend-config K=V  a backend setting for `terraform init` (repeatable)

repo="" ref="" dir="." vars=() var_files=() backend=()
while [ "$#" -gt 0 ]; do
  arg="$1"
  case "$arg" in --*=*) set -- "${arg%%=*}" "${arg#*=}" "${@:2}"; arg="$1" ;; esac
  case "$arg" in
    --repo) runner_need_value "$@"; repo="$2"; shift 2 ;;
    --ref) runner_need_value "$@"; ref="$2"; shift 2 ;;
    --commit-branch) runner_need_value "$@"; RUNNER_COMMIT_BRANCHES+=("$2"); shift 2 ;;
    --path) runner_need_value "$@"; dir="$2"; shift 2 ;;
    --var) runner_need_value "$@"; vars+=(-var "$2"); shift 2 ;;
    --var-file) runner_need_value "$@"; var_files+=("$2"); shift 2 ;;
    --backend-config) runner_need_value "$@"; backend+=("-backend-config=$2"); shift 2 ;;
    *) runner_usage_error "unknown argument: $arg" ;;
  esac
done
[ -n "$repo" ] || runner_usage_error "--repo is required"
[ -n "$ref" ] || runner_usage_error "--ref is required"

runner_workdir
runner_checkout "$repo" "$ref" "$RUNNER_DIR/src"
work="$(runner_inside "$RUNNER_DIR/src" "$dir")"
[ -d "$work" ] || runner_fail "directory ${dir} is not in ${repo} at ${ref}"
files=()
for f in "${var_files[@]}"; do
  files+=("-var-file=$(runner_inside "$RUNNER_DIR/src" "$f")")
done
terraform="${TERRAFORM:-terraform}"
export TF_IN_AUTOMATION=1 TF_INPUT=0
runner_say "terraform init (${dir})"
"$terraform" -chdir="$work" init -input=false -no-color "${backend[@]}"
case "$TERRAFORM_ACTION" in
  plan)
    runner_say "terraform plan"
    exec "$terraform" -chdir="$work" plan -input=false -no-color -detailed-exitcode "${vars[@]}" "${files[@]}" ;;
  apply)
    runner_say "terraform apply"
    exec "$terraform" -chdir="$work" apply -input=false -no-color -auto-approve "${vars[@]}" "${files[@]}" ;;
  *) runner_fail "unknown terraform action ${TERRAFORM_ACTION}" ;;
esac
