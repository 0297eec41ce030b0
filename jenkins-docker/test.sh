#!/usr/bin/env bash
# Lints the Dockerfiles and scripts, then checks the agent image, controller configuration and build.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 not found; $2" >&2; exit 2; }
}
need dockerfilelint "install it with: npm install -g dockerfilelint"
need dockerfile-utils "install it with: npm install -g dockerfile-utils"
need shellcheck "install it with: apt-get install shellcheck"
need git "install it with: apt-get install git"
need python3 "install Python 3.9 or newer"
python3 -c 'import yaml' 2>/dev/null || { echo "error: python3 cannot import yaml; install it with: pip install pyyaml" >&2; exit 2; }

dockerfiles=(agent/Dockerfile controller/Dockerfile)
for dockerfile in "${dockerfiles[@]}"; do
  echo "== dockerfilelint $dockerfile"
  dockerfilelint "$dockerfile"
  echo "== dockerfile-utils lint $dockerfile"
  dockerfile-utils lint "$dockerfile"
done

echo "== shellcheck"
shellcheck --severity=style -- agent/*.sh controller/*.sh ./*.sh

echo "== structure"
(cd tests && python3 -m unittest -v test_jenkins_docker)
echo "jenkins-docker: all checks passed"
