#!/usr/bin/env bash
# Installs what the build, the tests and the demo need on a fresh machine; idempotent, so
# every `make` target can run it. Debian packages come from apt-get, Python tools from pip.
set -euo pipefail

say() { echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (run as root or install sudo)"; fi
}

# Debian packages: command -> package
declare -A debian=(
  [packer]=packer
  [go]=golang-go
  [shellcheck]=shellcheck
  [chromium]=chromium
)
missing=()
for cmd in "${!debian[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${debian[$cmd]}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python tools: the local AWS emulator, the CloudFormation linter and the AWS CLI (cfn-deploy's
# parity test deploys every template of its corpus with `aws cloudformation deploy` too).
pip_missing=()
command -v moto_server >/dev/null 2>&1 || pip_missing+=("moto[server]")
command -v cfn-lint >/dev/null 2>&1 || pip_missing+=("cfn-lint")
command -v aws >/dev/null 2>&1 || pip_missing+=("awscli")
python3 -c 'import yaml' >/dev/null 2>&1 || pip_missing+=("PyYAML")  # the gatekeeper's fuzz model
if [ "${#pip_missing[@]}" -gt 0 ]; then
  say "installing Python tools: ${pip_missing[*]}"
  python3 -m pip install --quiet "${pip_missing[@]}" \
    || die "could not install ${pip_missing[*]}: run \`python3 -m pip install 'moto[server]' cfn-lint awscli PyYAML\` where PyPI is reachable"
  hash -r
fi

# Dockerfile linters from the npm registry (no Docker engine is needed to lint).
npm_missing=()
command -v dockerfilelint >/dev/null 2>&1 || npm_missing+=("dockerfilelint@1.8.0")
command -v dockerfile-utils >/dev/null 2>&1 || npm_missing+=("dockerfile-utils@0.16.3")
if [ "${#npm_missing[@]}" -gt 0 ]; then
  command -v npm >/dev/null 2>&1 || die "npm is needed to install ${npm_missing[*]} (apt-get install npm)"
  say "installing Dockerfile linters: ${npm_missing[*]}"
  as_root npm install --global --no-audit --no-fund --loglevel=error "${npm_missing[@]}" >/dev/null
  hash -r
fi

for cmd in java mvn packer go shellcheck chromium moto_server cfn-lint aws dockerfilelint dockerfile-utils; do
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is still missing after set-up"
done
java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
[ "${java_version%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed (found ${java_version:-none})"
say "ready: java ${java_version}, $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'), packer $(packer version | head -n 1), $(go version | cut -d' ' -f3), moto $(python3 -c 'import moto; print(moto.__version__)'), $(aws --version 2>&1 | cut -d' ' -f1)"
