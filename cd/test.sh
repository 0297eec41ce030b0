#!/usr/bin/env bash
# Shellchecks the deployment scripts, then runs them against moto with a recording bakehouse double
# and with the real bakehouse CLI (built first when its jar is missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 not found; $2" >&2; exit 2; }
}
need shellcheck "install it with: apt-get install shellcheck"
need jq "install it with: apt-get install jq"
need aws "install the AWS CLI (v2, or v1 >= 1.29: pip install awscli)"
need python3 "install Python 3.9 or newer"
need moto_server "install it with: pip install 'moto[server]>=5'"
python3 -c 'import boto3' 2>/dev/null || { echo "error: python3 cannot import boto3; install it with: pip install boto3" >&2; exit 2; }

# Some tests run the real CLI (bin/bakehouse), which needs the jar the build leaves.
if [[ ! -f ../cli/target/bakehouse.jar ]]; then
  need mvn "install Maven 3.9+ to build the bakehouse CLI"
  echo "== building the bakehouse CLI (cli/target/bakehouse.jar)"
  (cd .. && mvn -B -ntp -q -pl build-support/picocli,engine,cli -am package -DskipTests)
fi

echo "== shellcheck"
shellcheck --severity=style --external-sources -- ./*.sh tests/*.sh

echo "== script tests against moto"
(cd tests && ../../cloudformation/tests/with-moto.sh python3 -m unittest -v test_cd_scripts)
echo "cd: all checks passed"
