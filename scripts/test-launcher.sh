#!/usr/bin/env bash
# Tests of bin/bakehouse's class-data sharing: each case runs the launcher from another
# directory on an offline step command (ecs-run --describe-containers) and checks its exit
# status, its output and the cache. The cases run once on the runtime the launcher picks (the
# ahead-of-time cache of Java 25+ where one is installed) and again on a Java 17-24 runtime
# (AppCDS) where there is one. Needs cli/target/bakehouse.jar.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$repo/cli/target/bakehouse.jar" ] || { echo "build the CLI first (mvn -B -pl cli -am package)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/runner.yaml" <<'YAML'
cluster: deploy-runner
subnets: [subnet-1]
securityGroups: [sg-1]
logGroup: /bakehouse/deploy-runner
logStreamPrefix: runner
containers:
  terraform-planner:
    taskDefinition: deploy-runner-terraform-planner
    containerName: terraform
    scripts:
      plan: {}
YAML
export AWS_REGION=us-east-1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# Runs the launcher from $work/elsewhere; stdout to $work/out, stderr to $work/err; prints the exit status.
launch() {
  mkdir -p "$work/elsewhere"
  local status=0
  (cd "$work/elsewhere" && "$repo/bin/bakehouse" "$@" >"$work/out" 2>"$work/err") || status=$?
  echo "$status"
}
describe() { launch ecs-run --config "$work/runner.yaml" --describe-containers --output json; }
json_ok() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out" 2>/dev/null; }
archives() { find "$1" \( -name '*.jsa' -o -name '*.aot' \) 2>/dev/null | wc -l; }

test_firstRun_recordsOneArchiveAndPrintsCleanJson() {
  export BAKEHOUSE_CDS_DIR="$work/cache1"
  local status; status="$(describe)"
  if [ "$status" = 0 ] && json_ok && [ ! -s "$work/err" ] && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 1 ] &&
    [ -z "$(find "$BAKEHOUSE_CDS_DIR" -name '*.partial')" ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, $(archives "$BAKEHOUSE_CDS_DIR") archives, stderr: $(cat "$work/err")"
  fi
}

test_secondRun_usesTheArchiveWithTheSameOutput() {
  export BAKEHOUSE_CDS_DIR="$work/cache1"
  cp "$work/out" "$work/first"
  local status; status="$(BAKEHOUSE_JAVA_OPTS="-Xlog:class+load:file=$work/classes.txt" describe)"
  # Classes mapped from the dynamic archive are logged as coming from its "top" layer.
  if [ "$status" = 0 ] && cmp -s "$work/out" "$work/first" && [ ! -s "$work/err" ] &&
     grep -q "source: shared objects file" "$work/classes.txt"; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, stderr: $(cat "$work/err")"
  fi
}

test_corruptArchive_isIgnoredSilently() {
  export BAKEHOUSE_CDS_DIR="$work/cache1"
  local archive; archive="$(find "$BAKEHOUSE_CDS_DIR" \( -name '*.jsa' -o -name '*.aot' \) | head -n 1)"
  chmod u+w "$archive"; printf 'not an archive' >"$archive"
  local status; status="$(describe)"
  if [ "$status" = 0 ] && cmp -s "$work/out" "$work/first" && [ ! -s "$work/err" ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, stderr: $(cat "$work/err")"
  fi
}

test_unwritableCacheDirectory_runsWithoutArchive() {
  mkdir -p "$work/locked"; chmod 555 "$work/locked"
  export BAKEHOUSE_CDS_DIR="$work/locked/cache"
  if [ -w "$work/locked" ]; then
    export BAKEHOUSE_CDS_DIR="/proc/bakehouse-cannot-write-here"  # root ignores mode bits
  fi
  local status; status="$(describe)"
  if [ "$status" = 0 ] && json_ok && [ ! -s "$work/err" ] && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, stderr: $(cat "$work/err")"
  fi
}

test_failedRun_recordsNoArchiveAndKeepsItsExitStatus() {
  export BAKEHOUSE_CDS_DIR="$work/cache2"
  local status; status="$(launch ecs-run --config "$work/missing.yaml" --describe-containers)"
  if [ "$status" != 0 ] && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ] &&
     [ -z "$(find "$work/cache2" -name '*.partial' 2>/dev/null)" ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, $(archives "$BAKEHOUSE_CDS_DIR") archives"
  fi
}

test_nonStepCommand_recordsNoArchive() {
  export BAKEHOUSE_CDS_DIR="$work/cache3"
  local status; status="$(launch --version)"
  if [ "$status" = 0 ] && grep -q bakehouse "$work/out" && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status"
  fi
}

test_helpOfAStep_recordsNoArchive() {
  export BAKEHOUSE_CDS_DIR="$work/cache6"
  local status; status="$(launch ecs-run --help)"
  if [ "$status" = 0 ] && grep -q "ecs-run" "$work/out" && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, $(archives "$BAKEHOUSE_CDS_DIR") archives"
  fi
}

test_cdsOff_recordsNoArchive() {
  export BAKEHOUSE_CDS_DIR="$work/cache4"
  local status; status="$(BAKEHOUSE_CDS=0 describe)"
  if [ "$status" = 0 ] && json_ok && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status"
  fi
}

test_jvmThatCannotStart_onTheRecordingRun_saysWhy() {
  export BAKEHOUSE_CDS_DIR="$work/cache5"
  local status; status="$(BAKEHOUSE_JAVA_OPTS="-XX:NoSuchOption" describe)"
  if [ "$status" != 0 ] && grep -q "NoSuchOption" "$work/err" && [ "$(archives "$BAKEHOUSE_CDS_DIR")" = 0 ]; then
    pass "${FUNCNAME[0]}"
  else
    fail "${FUNCNAME[0]}: status $status, stderr: $(cat "$work/err")"
  fi
}

# The launcher picks Java 25+ when one is installed, else Java 17+.
test_runtime_isTheNewestKindInstalled() {
  local status newest=17 java major
  for java in /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    major="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then newest=25; fi
  done
  status="$(env -u JAVA_HOME BAKEHOUSE_CDS=0 bash -c "$(declare -f launch); work='$work'; repo='$repo'; launch --version")"
  major="$(sed -n 's/^Java \([0-9]*\).*/\1/p' "$work/out")"
  if [ "$status" = 0 ] && { [ "$newest" = 25 ] && [ "$major" -ge 25 ] || [ "$newest" = 17 ] && [ "$major" -ge 17 ]; }; then
    pass "${FUNCNAME[0]} (Java $major)"
  else
    fail "${FUNCNAME[0]}: status $status, runtime '$major', newest installed kind $newest"
  fi
}

run_cases() {
  echo "== $1"
  test_firstRun_recordsOneArchiveAndPrintsCleanJson
  test_secondRun_usesTheArchiveWithTheSameOutput
  test_corruptArchive_isIgnoredSilently
  test_unwritableCacheDirectory_runsWithoutArchive
  test_failedRun_recordsNoArchiveAndKeepsItsExitStatus
  test_nonStepCommand_recordsNoArchive
  test_cdsOff_recordsNoArchive
  test_helpOfAStep_recordsNoArchive
  test_jvmThatCannotStart_onTheRecordingRun_saysWhy
}

test_runtime_isTheNewestKindInstalled
run_cases "the runtime the launcher picks"
for java in /usr/lib/jvm/*/bin/java; do
  major="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  if [ -n "$major" ] && [ "$major" -ge 17 ] && [ "$major" -lt 25 ]; then
    rm -rf "$work"/cache*
    export BAKEHOUSE_JAVA="$java"
    run_cases "Java $major (AppCDS): $java"
    unset BAKEHOUSE_JAVA
    break
  fi
done
[ "$failures" = 0 ] || { echo "$failures launcher test(s) failed" >&2; exit 1; }
echo "launcher: all tests passed"
