#!/usr/bin/env bash
# Runs `make demo`'s script end to end (no set-up; the CLI jar as `mvn verify` left it, built
# if missing) and checks the facts of its summary against what it says it did; then checks
# that Ctrl-C in the middle of a run stops the emulator it started.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d -t bakehouse-demo-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
check() {
  local what="$1"; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }
answers() { python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=2)" "$1" 2>/dev/null; }
two_different_amis() { [[ "$1" =~ ^ami-[0-9a-f]{8,17}$ && "$2" =~ ^ami-[0-9a-f]{8,17}$ && "$1" != "$2" ]]; }
complete_page() { contains "$1" "<!DOCTYPE html>" && contains "$1" '<h1 id="title">bakehouse-app-dev</h1>' && contains "$1" "</html>"; }
stopped() { [[ -n "$1" ]] && ! answers "$1"; }

build=(--skip-cli-build)
[[ -f "$repo/cli/target/bakehouse.jar" ]] || build=()

echo "== the whole demo"
status=0
NO_COLOR=1 "$repo/scripts/demo.sh" --skip-setup "${build[@]}" --work-dir "$work/run" \
  --summary-json "$work/summary.json" >"$work/transcript.txt" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then
  tail -n 60 "$work/transcript.txt" >&2
  echo "FAIL: scripts/demo.sh exited with $status" >&2
  exit 1
fi
summary="$work/summary.json"
q() { jq -r "$1" "$summary"; }
ami1="$(q .amis.build1)" ami2="$(q .amis.build2)"

check "two AMIs were baked, and they differ" \
  two_different_amis "$ami1" "$ami2"
check "the parameter's history is build-1, build-2, then build 1's AMI again as rollback-1" \
  test "$(jq -c '[.parameter.history[] | [.version, .ami, (.labels | join(","))]]' "$summary")" \
  = "[[1,\"$ami1\",\"build-1\"],[2,\"$ami2\",\"build-2\"],[3,\"$ami1\",\"rollback-1\"]]"
check "publishing gave versions 1 and 2; the rollback is the current version 3" \
  test "$(q '[.publishedVersions.build1, .publishedVersions.build2, .parameter.current.version] | join(",")')" = "1,2,3"
check "the stack is UPDATE_COMPLETE" test "$(q .stack.status)" = UPDATE_COMPLETE
check "the stack's AmiId parameter is build 1's AMI after the rollback" test "$(q .stack.amiId)" = "$ami1"
check "the stack's launch template runs build 1's AMI after the rollback" test "$(q .stack.launchTemplateAmi)" = "$ami1"
check "the smoke job exited 0" test "$(q .smokeExitCode)" = 0
check "twelve stages were timed" test "$(q '.stages | length')" = 12
site_files="$(find "$repo/site/public" -type f | wc -l)"
site_bytes="$(find "$repo/site/public" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')"
publish_facts() { q ".site.publishes[$1] | [.uploaded, .unchanged, .deleted, .bytes, .invalidationId, (.paths | join(\" \"))] | @json"; }
check "the first publish of the front end uploaded every file of site/public, and invalidated nothing new" \
  test "$(publish_facts 0)" = "[$site_files,0,0,$site_bytes,null,\"\"]"
check "build 2's front end uploaded its changed home page only, and invalidated it" \
  test "$(q '.site.publishes[1] | [.uploaded, .unchanged, .deleted, (.paths | join(" ")), (.invalidationId | type)] | @json')" \
  = "[1,$((site_files - 1)),0,\"/ /index.html\",\"string\"]"
check "publishing build 2's front end again changed nothing" \
  test "$(publish_facts 2)" = "[0,$site_files,0,0,null,\"\"]"
for report in $(q '.reports[]'); do
  check "report $(basename "$report") is a complete page for the stack" \
    complete_page "$report"
done
check "the first deploy's report shows the create" contains "$work/run/reports/deploy-1.html" CREATE_COMPLETE
check "the roll-forward's report shows build 2's AMI" contains "$work/run/reports/deploy-2.html" "$ami2"
check "the rollback's report shows build 1's AMI" contains "$work/run/reports/rollback.html" "$ami1"
t="$work/transcript.txt"
check "the transcript labels the emulator variant of the template" contains "$t" "EMULATOR VARIANT of cloudformation/app.yaml"
check "the transcript labels the local stand-in for the Fargate task" contains "$t" "a LOCAL STAND-IN plays the Fargate task"
check "the transcript labels the emulated CloudFront distribution" contains "$t" "EMULATED CloudFront distribution $(q .site.distributionId)"
check "the transcript gives the first publish's counts" \
  contains "$t" "site-1: $site_files uploaded ($site_bytes bytes), 0 unchanged, 0 deleted; nothing to invalidate"
check "the transcript gives build 2's invalidation" \
  contains "$t" "site-2: 1 uploaded ($(q '.site.publishes[1].bytes') bytes), $((site_files - 1)) unchanged, 0 deleted; invalidation $(q '.site.publishes[1].invalidationId') of / /index.html"
check "the transcript shows the second publish of build 2 unchanged" \
  contains "$t" "site-2-again: 0 uploaded (0 bytes), $site_files unchanged, 0 deleted; nothing to invalidate"
check "the summary counts the site's objects and invalidations" \
  contains "$t" "site bakehouse-site-dev:  $site_files objects, distribution $(q .site.distributionId), 1 invalidation(s)"
check "ecs-run streamed the smoke script's output from the task's log stream" contains "$t" "smoke check passed"
check "the summary names build 1's AMI" contains "$t" "AMI build 1 (app 1.0.1):  $ami1"
check "the summary names build 2's AMI" contains "$t" "AMI build 2 (app 1.0.2):  $ami2"
check "the summary gives the stack's status" contains "$t" "stack bakehouse-app-dev:  UPDATE_COMPLETE"
check "the summary prints the smoke job's exit code" contains "$t" "smoke job exit code:      0"
# the container path
repository="$(q .containers.repository)" service="$(q .containers.service)"
check "the container stack's repository is bakehouse-app-dev" test "${repository##*/}" = bakehouse-app-dev
check "images 1.0.1 and 1.0.2 are in the repository, with different digests" \
  test "$(q '[.containers.images[] | .tag] | join(",")'),$(q '.containers.images | map(.digest) | unique | length')" = "1.0.1,1.0.2,2"
check "ecs-service-deploy rolled the service to 1.0.1: a new revision, COMPLETED" \
  test "$(q '[.containers.rollout.rolloutState, .containers.rollout.images.app, .containers.rollout.noChanges,
    (.containers.rollout.taskDefinitionArn != .containers.rollout.previousTaskDefinitionArn)] | @json')" \
  = "[\"COMPLETED\",\"$repository:1.0.1\",false,true]"
check "the rollout of 1.0.2 failed: ecs-service-deploy exited 1" test "$(q .containers.failedRolloutExitCode)" = 1
check "after the failed rollout the service runs 1.0.1's revision again" \
  test "$(q '[.containers.running.image, .containers.running.taskDefinition] | join(" ")')" \
  = "$repository:1.0.1 $(q '.containers.rollout.taskDefinitionArn | split("/") | last')"
check "the transcript labels the emulator variant of the container stack" contains "$t" "EMULATOR VARIANT of cloudformation/app-ecs.yaml"
check "the transcript labels the stand-in for Kaniko and ECR's scan" \
  contains "$t" "a LOCAL STAND-IN for Kaniko records the image of app/ and plays ECR's scan on push"
check "the stand-in for Kaniko says what it pushed" contains "$t" "[local stand-in for Kaniko] pushed bakehouse-app-dev:1.0.2"
check "the stand-in for ECR's scan says what it found" \
  contains "$t" "[local stand-in for ECR's scan on push] bakehouse-app-dev:1.0.1: scan complete, findings none"
check "the transcript labels the stand-in for ECS" contains "$t" "a LOCAL STAND-IN for ECS plays the deployments"
check "the stand-in for ECS trips the circuit breaker and rolls back" \
  contains "$t" "[local stand-in for ECS] circuit breaker: 2 tasks of deployment"
check "ecs-service-deploy gives the root cause of the failed rollout" \
  contains "$t" "Root cause: 2 tasks ("
check "ecs-service-deploy follows ECS's rollback to 1.0.1's revision to its end" \
  contains "$t" "ECS rolled back to $(q .containers.running.taskDefinition) (deployment "
check "the summary gives what the service runs after the failed rollout" \
  contains "$t" "service $service:  runs $(q .containers.running.taskDefinition) $repository:1.0.1; the failed rollout of 1.0.2 exited 1"
endpoint="$(sed -n 's/^==> Summary (all against the local emulator at \(http[^)]*\)).*/\1/p' "$t")"
check "the emulator was stopped at the end" stopped "$endpoint"
check "the transcript says the emulator was stopped" contains "$t" "moto_server on $endpoint stopped"

echo "== Ctrl-C during a run"
# A new session, so the signal reaches the demo's whole process group as Ctrl-C would; the
# demo starts with SIGINT at its default (a background job inherits it ignored).
setsid python3 -c "import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])" \
  "$repo/scripts/demo.sh" --skip-setup --skip-cli-build --work-dir "$work/interrupted" >"$work/interrupted.txt" 2>&1 &
demo_pid=$!
interrupted_endpoint=""
for _ in $(seq 1 600); do
  interrupted_endpoint="$(sed -n 's/^    moto_server on \(http:[^ ]*\) (pid.*/\1/p' "$work/interrupted.txt")"
  [[ -n "$interrupted_endpoint" ]] && break
  sleep 0.1
done
check "the interrupted run started its emulator" test -n "$interrupted_endpoint"
sleep 1
kill -INT -- "-$demo_pid" 2>/dev/null || true
interrupted_status=0
wait "$demo_pid" || interrupted_status=$?
check "the interrupted demo exits non-zero" test "$interrupted_status" -ne 0
check "Ctrl-C stopped the emulator" stopped "$interrupted_endpoint"
check "the interrupted run says where its logs are" contains "$work/interrupted.txt" "demo: failed (exit"

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed; the transcript:" >&2
  cat "$t" >&2
  exit 1
fi
echo "demo test: all checks passed"
