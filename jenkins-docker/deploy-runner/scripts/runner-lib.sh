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

# Branches a bare commit ID must be on (the gatekeeper passes them as --commit-branch).
RUNNER_COMMIT_BRANCHES=()

# runner_checkout REPO REF DIR: REF (branch, tag or commit) of REPO checked out in DIR. The
# repository and the ref are passed after `--`, so neither can be read as an option. A bare
# commit ID is checked out only if one of RUNNER_COMMIT_BRANCHES contains it: those branches
# are fetched and the commit must be among their history.
runner_checkout() {
  local repo="$1" ref="$2" dir="$3"
  case "$ref" in
    -*) runner_usage_error "ref ${ref} starts with '-'" ;;
  esac
  case "$repo" in
    -*) runner_usage_error "repository ${repo} starts with '-'" ;;
  esac
  runner_say "checking out ${ref} of ${repo}"
  git init --quiet -- "$dir" || runner_fail "cannot create ${dir}"
  git -C "$dir" remote add -- origin "$repo"
  if [[ "$ref" =~ ^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{64}$ ]]; then
    runner_checkout_commit "$repo" "${ref,,}" "$dir"
  else
    if ! git -C "$dir" fetch --quiet --depth 1 origin -- "$ref" 2>&1; then
      runner_fail "cannot fetch ${ref} from ${repo}"
    fi
    git -C "$dir" -c advice.detachedHead=false checkout --quiet --detach FETCH_HEAD -- \
      || runner_fail "cannot check out ${ref}"
  fi
  runner_say "at commit $(git -C "$dir" rev-parse HEAD)"
}

# runner_checkout_commit REPO COMMIT DIR (a remote is set up in DIR): checks COMMIT out if
# one of RUNNER_COMMIT_BRANCHES contains it; a usage error (exit 2) otherwise.
runner_checkout_commit() {
  local repo="$1" commit="$2" dir="$3" branch found="" fetched=()
  if [ "${#RUNNER_COMMIT_BRANCHES[@]}" -eq 0 ]; then
    runner_usage_error "a bare commit ID (${commit}) is accepted only with --commit-branch, the branches it must be on"
  fi
  for branch in "${RUNNER_COMMIT_BRANCHES[@]}"; do
    case "$branch" in
      -*|*..*|*:*) runner_usage_error "--commit-branch ${branch} is not a branch name" ;;
    esac
    if git -C "$dir" fetch --quiet origin -- "+refs/heads/${branch}:refs/remotes/origin/${branch}" 2>/dev/null; then
      fetched+=("$branch")
    fi
  done
  [ "${#fetched[@]}" -gt 0 ] || runner_fail "cannot fetch any of the branches ${RUNNER_COMMIT_BRANCHES[*]} from ${repo}"
  if git -C "$dir" cat-file -e "${commit}^{commit}" 2>/dev/null; then
    for branch in "${fetched[@]}"; do
      if git -C "$dir" merge-base --is-ancestor "$commit" "refs/remotes/origin/${branch}"; then
        found="$branch"
        break
      fi
    done
  fi
  [ -n "$found" ] || runner_usage_error "commit ${commit} is not on any of the branches ${RUNNER_COMMIT_BRANCHES[*]} of ${repo}"
  runner_say "commit ${commit} is on ${found}"
  git -C "$dir" -c advice.detachedHead=false checkout --quiet --detach "$commit" -- || runner_fail "cannot check out ${commit}"
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
