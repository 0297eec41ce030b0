#!/usr/bin/env bash
# Builds the Bakehouse Jenkins agent image, tags it with the git commit and pushes it to ECR.
set -euo pipefail

usage() {
  cat <<EOF
usage: build.sh --repository-uri URI --awscli-sha256 SHA256 [options]

Builds jenkins-docker/agent/Dockerfile from the repository root, tags the image
URI:<commit> (12 hex digits of HEAD; ECR tags are immutable, so one commit = one image) and
pushes it after logging in with 'aws ecr get-login-password'. Refuses a working tree with
uncommitted changes, since the tag would not describe the image.

options:
  --repository-uri URI  ECR repository, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/bakehouse/jenkins-agent
                        (default: \$BAKEHOUSE_AGENT_REPOSITORY_URI, the agents stack output AgentRepositoryUri)
  --awscli-sha256 SHA   sha256 of the pinned AWS CLI v2 zip (default: \$AWSCLI_SHA256); see README
  --region REGION       ECR region (default: taken from the repository URI)
  --tag TAG             image tag (default: the commit)
  --no-push             build only
  --dry-run             print the commands instead of running them
  -h, --help            show this help

exit codes: 0 built (and pushed), 1 a command failed, 2 bad usage, missing tool or dirty tree
EOF
}

die() { echo "error: $1" >&2; exit "${2:-1}"; }
usage_error() { echo "error: $1 (run build.sh --help)" >&2; exit 2; }

repository_uri="${BAKEHOUSE_AGENT_REPOSITORY_URI:-}"
awscli_sha256="${AWSCLI_SHA256:-}"
region="" tag="" push=true dry_run=false

need_value() { [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repository-uri) need_value "$@"; repository_uri="$2"; shift 2 ;;
    --awscli-sha256) need_value "$@"; awscli_sha256="$2"; shift 2 ;;
    --region) need_value "$@"; region="$2"; shift 2 ;;
    --tag) need_value "$@"; tag="$2"; shift 2 ;;
    --no-push) push=false; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done

[[ -n "$repository_uri" ]] || usage_error "--repository-uri (or BAKEHOUSE_AGENT_REPOSITORY_URI) is required"
ecr_pattern='^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/[a-z0-9]+([._/-][a-z0-9]+)*$'
[[ "$repository_uri" =~ $ecr_pattern ]] || usage_error "--repository-uri must look like ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME (got '$repository_uri')"
registry="${repository_uri%%/*}"
region="${region:-${BASH_REMATCH[2]}}"
[[ "$awscli_sha256" =~ ^[0-9a-f]{64}$ ]] || usage_error "--awscli-sha256 (or AWSCLI_SHA256) must be the 64-hex-digit sha256 of the AWS CLI zip"
[[ -z "$tag" || "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || usage_error "--tag '$tag' is not a valid image tag"

command -v git >/dev/null 2>&1 || die "git not found; install git" 2
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(git -C "$script_dir" rev-parse --show-toplevel 2>/dev/null)" \
  || die "$script_dir is not inside a git work tree; build from a clone of the repository" 2
commit="$(git -C "$repo_root" rev-parse HEAD)"
if [[ -n "$(git -C "$repo_root" status --porcelain)" ]]; then
  die "the work tree at $repo_root has uncommitted changes; commit or stash them so the tag describes the image" 2
fi
tag="${tag:-${commit:0:12}}"
image="$repository_uri:$tag"

if [[ "$dry_run" == false ]]; then
  command -v docker >/dev/null 2>&1 || die "docker not found; install Docker (with buildx)" 2
  if [[ "$push" == true ]]; then
    command -v aws >/dev/null 2>&1 || die "aws CLI not found; install AWS CLI v2" 2
  fi
fi

show() {
  printf '%q ' "$@"
  printf '\n'
}

build=(docker build --platform linux/amd64 --file "$repo_root/jenkins-docker/agent/Dockerfile"
  --build-arg "AWSCLI_SHA256=$awscli_sha256"
  --label "org.opencontainers.image.revision=$commit"
  --label "org.opencontainers.image.source=bakehouse"
  --tag "$image" "$repo_root")
login_password=(aws ecr get-login-password --region "$region")
login=(docker login --username AWS --password-stdin "$registry")
push_image=(docker push "$image")

if [[ "$dry_run" == true ]]; then
  show "${build[@]}"
  if [[ "$push" == true ]]; then
    printf '%s | %s\n' "$(show "${login_password[@]}")" "$(show "${login[@]}")"
    show "${push_image[@]}"
  fi
  exit 0
fi

echo "Building $image" >&2
"${build[@]}"
if [[ "$push" == true ]]; then
  echo "Logging in to $registry" >&2
  "${login_password[@]}" | "${login[@]}" >&2
  echo "Pushing $image" >&2
  "${push_image[@]}"
fi
echo "$image"
