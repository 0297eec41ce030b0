#!/usr/bin/env bash
# `make readme-test`: runs the example blocks of README.md and of the pages under docs/ the way a
# newcomer would, on a clean copy of this working tree, and fails on any block that is neither
# marked to run nor marked not to run. The convention (docs/development.md, "Example blocks"):
# the last non-blank line before a ```sh, ```bash, ```shell or ```console block is
#   <!-- readme-test: run -->            the block runs here, and must succeed
#   <!-- readme-test: skip REASON -->    the block does not run here, because REASON
# and every fenced block names its language (```text for output and synopses).
#
# The blocks marked to run run in one copy (what the tree holds, without build output or other
# ignored files): README.md's first, then those of docs/*.md and docs/**/*.md in path order,
# each file's from top to bottom; a later block may use what an earlier one built (README.md's
# `make build` builds the bin/bakehouse the step pages run). Each runs in a fresh
# `bash -euo pipefail` of its own, in new network and process namespaces: only a loopback
# interface exists, so a block reaches the emulator it starts on 127.0.0.1 and nothing else
# (no AWS, no other host), and every process the block leaves behind ends with it. No AWS
# credentials, profile or endpoint of this shell reach a block.
#
# usage: scripts/test-readme.sh [--list] [FILE.md ...]
#   --list    check the markers and list the blocks, run nothing
#   FILE.md   these files, in this order (default: README.md, then docs/**/*.md)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
list_only=false
if [[ "${1:-}" == "--list" ]]; then
  list_only=true
  shift
fi
block_timeout="${README_TEST_BLOCK_TIMEOUT:-20m}"

die() { echo "readme-test: $*" >&2; exit 1; }

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  files=("$repo/README.md")
  mapfile -t -O 1 files < <(find "$repo/docs" -type f -name '*.md' 2>/dev/null | LC_ALL=C sort)
fi
for file in "${files[@]}"; do
  [[ -f "$file" ]] || die "$file does not exist"
done
# How a file is named in what this prints: relative to the repository when it is in it.
display_name() {
  local path
  path="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  if [[ "$path" == "$repo"/* ]]; then echo "${path#"$repo"/}"; else echo "$1"; fi
}

work="$(mktemp -d -t readme-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
touch "$work/index" "$work/problems"

# One line per fenced block: file, block file, line, language, action (run, skip, none), reason;
# each block's text goes to blocks/F/N. Problems with the markers go to problems.
for f in "${!files[@]}"; do
  mkdir -p "$work/blocks/$f"
  awk -v name="$(display_name "${files[$f]}")" -v dir="$work/blocks/$f" -v problems="$work/problems" \
    -v index_file="$work/index" '
  function problem(line, text) { printf "%s:%d: %s\n", name, line, text >> problems }
  function is_command(lang) { return lang == "sh" || lang == "bash" || lang == "shell" || lang == "console" }
  BEGIN { n = 0; inside = 0; marker = ""; marker_line = 0 }
  inside && /^[ \t]*```[ \t]*$/ { inside = 0; close(file); next }
  inside { print > file; next }
  /^[ \t]*```/ {
    lang = $0; sub(/^[ \t]*```[ \t]*/, "", lang); sub(/[ \t].*$/, "", lang)
    n++; inside = 1; file = dir "/" n; printf "" > file
    action = "none"; reason = ""
    if (marker != "") {
      if (marker ~ /^run$/) action = "run"
      else if (marker ~ /^skip[ \t]+[^ \t]/) { action = "skip"; reason = marker; sub(/^skip[ \t]+/, "", reason) }
      else problem(marker_line, "readme-test marker \"" marker "\" is neither \"run\" nor \"skip REASON\"")
    }
    if (lang == "") problem(NR, "a fenced block without a language: write ```sh (and a readme-test marker) for commands, ```text for output and synopses")
    else if (is_command(lang) && action == "none" && marker == "") problem(NR, "a ```" lang " block without a readme-test marker: put <!-- readme-test: run --> or <!-- readme-test: skip REASON --> on the line before it")
    else if (!is_command(lang) && action != "none") problem(marker_line, "a readme-test marker before a ```" lang " block: only sh, bash, shell and console blocks hold commands")
    else if (lang == "console" && action == "run") problem(marker_line, "a ```console block cannot run (prompts and output are mixed): write its commands in a ```sh block")
    printf "%s\t%s\t%d\t%s\t%s\t%s\n", name, file, NR, lang, action, reason >> index_file
    marker = ""
    next
  }
  /^[ \t]*<!--[ \t]*readme-test:/ {
    if (marker != "") problem(marker_line, "a readme-test marker that no block follows")
    marker = $0
    sub(/^[ \t]*<!--[ \t]*readme-test:[ \t]*/, "", marker); sub(/[ \t]*-->[ \t]*$/, "", marker)
    marker_line = NR
    next
  }
  /^[ \t]*$/ { next }
  { if (marker != "") problem(marker_line, "a readme-test marker that no block follows"); marker = "" }
  END {
    if (inside) problem(NR, "a fenced block that never ends")
    if (marker != "") problem(marker_line, "a readme-test marker that no block follows")
  }
' "${files[$f]}"
done

if [[ -s "$work/problems" ]]; then
  cat "$work/problems" >&2
  die "$(wc -l <"$work/problems") problem(s) with the example blocks (the convention is in docs/development.md, \"Example blocks\")"
fi
runnable=$(awk -F'\t' '$5 == "run"' "$work/index" | wc -l)
[[ "$runnable" -gt 0 ]] || die "no block is marked <!-- readme-test: run -->: nothing shows the commands work"

while IFS=$'\t' read -r name _ line lang action reason; do
  case "$action" in
    skip) echo "skip - $name:$line ($lang): $reason" ;;
    run) echo "run  - $name:$line ($lang)" ;;
  esac
done <"$work/index"
if $list_only; then
  exit 0
fi

for tool in git tar unshare timeout moto_server; do
  command -v "$tool" >/dev/null || die "$tool is needed (make test's set-up installs moto_server; unshare and timeout come with util-linux and coreutils)"
done
# ip brings the namespace's loopback interface up; /usr/sbin is not on every user's PATH.
ip="$(PATH="$PATH:/usr/sbin:/sbin" command -v ip)" || die "ip is needed (apt-get install iproute2)"
unshare -r -n -p -f --mount-proc true 2>/dev/null \
  || die "cannot create network and process namespaces (unshare -r -n -p -f --mount-proc): the blocks run in them so that nothing but loopback is reachable; allow unprivileged user namespaces"

# The clean copy: the files git tracks or would track, as they are in the working tree, in a
# fresh repository (the app's build stamps the commit).
copy="$work/bakehouse"
mkdir -p "$copy"
git -C "$repo" ls-files -z --cached --others --exclude-standard \
  | tar -C "$repo" --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$copy" -xf -
git -C "$copy" init -q
git -C "$copy" add -A
git -C "$copy" -c user.name=readme-test -c user.email=readme-test@localhost -c commit.gpgsign=false \
  commit -q -m "working tree of $repo"

# The Jenkins distribution the plugin build needs is found beside a checkout (../shared/jenkins);
# the copy lives elsewhere, so it is named here, as a user with another layout would.
jenkins_dist="${BAKEHOUSE_JENKINS_DIST:-$repo/../shared/jenkins}"
env_args=(-u MOTO_ENDPOINT)
while IFS='=' read -r var _; do
  case "$var" in AWS_* | BAKEHOUSE_*) env_args+=(-u "$var") ;; esac
done < <(env)
env_args+=(AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
  "BAKEHOUSE_JENKINS_DIST=$jenkins_dist")

ran=0 skipped=0
while IFS=$'\t' read -r name block line lang action _; do
  [[ "$action" == "run" ]] || { [[ "$action" == "skip" ]] && skipped=$((skipped + 1)); continue; }
  echo "==> $name:$line: running the \`\`\`$lang block in a clean copy (loopback only)"
  sed 's/^/    | /' "$block"
  status=0
  # shellcheck disable=SC2016  # $1 and $2 are the inner shell's: ip and the block's file
  (cd "$copy" && env "${env_args[@]}" timeout --kill-after=10s "$block_timeout" \
    unshare -r -n -p -f --mount-proc --kill-child \
    bash -c '"$1" link set lo up && exec bash -euo pipefail "$2"' readme-block "$ip" "$block" </dev/null) \
    || status=$?
  if [[ $status -ne 0 ]]; then
    why="exit $status"
    [[ $status -ne 124 ]] || why="timed out after $block_timeout"
    echo "not ok - $name:$line: the block failed ($why)" >&2
    echo "readme-test: fix the block or the code it runs; a block that cannot run here is marked <!-- readme-test: skip REASON -->" >&2
    exit 1
  fi
  echo "ok - $name:$line"
  ran=$((ran + 1))
done <"$work/index"
echo "readme-test: ${#files[@]} file(s): $ran block(s) ran and passed, $skipped marked not to run (reasons above)"
