#!/usr/bin/env bash
# Lints every CloudFormation template, evaluates their IAM policies, then deploys and updates
# each stack against moto.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 not found; $2" >&2; exit 2; }
}
need cfn-lint "install it with: pip install cfn-lint"
need python3 "install Python 3.9 or newer"
need moto_server "install it with: pip install 'moto[server]>=5'"
python3 -c 'import boto3' 2>/dev/null || { echo "error: python3 cannot import boto3; install it with: pip install boto3" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "error: python3 cannot import yaml; install it with: pip install pyyaml" >&2; exit 2; }

mapfile -t templates < <(find . -path ./tests -prune -o -path ./params -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print | sort)
if [[ ${#templates[@]} -eq 0 ]]; then
  echo "error: no templates found under $here" >&2
  exit 1
fi
echo "== cfn-lint: ${templates[*]}"
cfn-lint --format parseable -- "${templates[@]}"

# Who may publish and deploy what, from the templates' policy documents (no emulator needed).
echo "== policy tests: test_iam_eval test_cfn_policies test_prod_approval test_container_roles"
(cd tests && python3 -m unittest -v test_iam_eval test_cfn_policies test_prod_approval test_container_roles)

# One fresh moto_server per template's tests.
for module in test_app_stack test_app_ecs_stack test_site_stack test_agents_stack; do
  echo "== moto deploy tests: $module"
  (cd tests && ./with-moto.sh python3 -m unittest -v "$module")
done
echo "cloudformation: all checks passed"
