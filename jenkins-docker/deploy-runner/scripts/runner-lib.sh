#!/usr/bin/env bash
# Shared by the deploy runner's trigger scripts (sourced, never run). Each script takes its
# arguments as an argument vector: `--name value` pairs (the gatekeeper passes options that
# way; `--name=value` is also read for local runs), flags without values, nothing through a
# shell. Exit codes: 0 done, 1 the job failed, 2 bad arguments.

runner_say() { printf '[%s] %s\n' "${RUNNER_SCRIPT:-runner}" "$*" >&2; }
runner_usage_error() { printf '[%s] error: %s\n' "${RUNNER_SCRIPT:-runner}" "$*" >&2; exit 2; }
runner_fail() { printf '[%s] error: %s\n' "${RUNNER_SCRIPT:-runner}" "$*" >&2; exit 1; }

# runner_need_value "$@": a usage error unless the option in $1 is followed by a value.
runner_need_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then
    runner_usage_error "$1 needs a value"
  fi
}

# runner_checkout REPO REF DIR: a shallow clone of REF (branch, tag or commit) into DIR.
runner_checkout() {
  local repo="$1" ref="$2" dir="$3"
  runner_say "checking out ${ref} of ${repo}"
  git init --quiet "$dir" || runner_fail "cannot create ${dir}"
  git -C "$dir" remote add origin "$repo"
  if ! git -C "$dir" fetch --quiet --depth 1 origin "$ref" 2>&1; then
    runner_fail "cannot fetch ${ref} from ${repo}"
  fi
  git -C "$dir" -c advice.detachedHead=false checkout --quiet FETCH_HEAD || runner_fail "cannot check out ${ref}"
  runner_say "at commit $(git -C "$dir" rev-parse HEAD)"
}

# runner_inside DIR PATH: PATH relative to DIR, refusing anything that leaves DIR.
runner_inside() {
  local dir="$1" path="$2"
  case "/${path}/" in
    */../*|//*) runner_usage_error "path ${path} must stay inside the repository" ;;
  esac
  printf '%s/%s' "$dir" "$path"
}

# runner_workdir: a fresh directory for the job's checkout, removed on exit.
runner_workdir() {
  local base="${RUNNER_WORKDIR:-${TMPDIR:-/tmp}}"
  RUNNER_DIR="$(mktemp -d "${base}/deploy-runner.XXXXXX")" || runner_fail "cannot create a work directory in ${base}"
  # shellcheck disable=SC2064  # expand now: the directory is fixed
  trap "rm -rf '${RUNNER_DIR}'" EXIT
}
