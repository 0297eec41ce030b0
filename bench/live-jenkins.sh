#!/usr/bin/env bash
# The plugin in the real Jenkins: how long the live suite takes, and what the controller costs.
#   bench/live-jenkins.sh [RUNS]     (default 3 controller starts with and without the plugin)
# 1. Controller start, side by side: the distribution's Jenkins with its plugins alone, and with
#    bakehouse.jpi added; for each, RUNS starts on a fresh JENKINS_HOME, timed from `java -jar`
#    to "Jenkins is fully up and running", and the resident memory (VmRSS) at that moment.
# 2. The live suite (LiveJenkinsIT: controller + inbound agent + moto, every step, restarts,
#    aborts): its wall time, each class's time from the failsafe report, and the harness's own
#    figures (every controller start in the suite, resident memory after the last build).
# Needs what `make test` installs; uses BAKEHOUSE_JENKINS_DIST (default ../shared/jenkins).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
dist="${BAKEHOUSE_JENKINS_DIST:-$(cd .. && pwd)/shared/jenkins}"
[ -f "$dist/jenkins.war" ] || { echo "bench: no Jenkins distribution at $dist: set BAKEHOUSE_JENKINS_DIST" >&2; exit 1; }
hpi=build-support/plugin-build/target/bakehouse.hpi
mvn_q=(mvn -B -ntp -q -Dstyle.color=never)
[ -f "$hpi" ] || "${mvn_q[@]}" -pl build-support/jenkins-dist,build-support/plugin-build -am package -DskipTests

work="$(mktemp -d)"
jpid=
cleanup() { [ -n "$jpid" ] && kill "$jpid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts a controller on a fresh home (with the plugin when $1 = with); prints "ms rss_kib".
start_once() {
  local home="$work/home-$1-$2" port; port="$(free_port)"
  mkdir -p "$home/plugins"
  cp "$dist"/plugins/*.jpi "$home/plugins/"
  [ "$1" = with ] && cp "$hpi" "$home/plugins/bakehouse.jpi"
  local t0; t0=$(date +%s%N)
  env -u AWS_PROFILE JENKINS_HOME="$home" java -Xmx1g -Djava.awt.headless=true -Djenkins.install.runSetupWizard=false \
    -Dhudson.model.UpdateCenter.never=true -Dhudson.model.DownloadService.never=true \
    -jar "$dist/jenkins.war" --httpListenAddress=127.0.0.1 --httpPort="$port" --webroot="$home/war" \
    >"$home/log" 2>&1 &
  jpid=$!
  local i
  for i in $(seq 1 1200); do
    grep -q 'Jenkins is fully up and running' "$home/log" && break
    kill -0 "$jpid" 2>/dev/null || { tail -n 20 "$home/log" >&2; echo "bench: the controller died" >&2; exit 1; }
    sleep 0.1
  done
  local ms=$(( ($(date +%s%N) - t0) / 1000000 )) rss
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$jpid/status")"
  kill "$jpid"; wait "$jpid" 2>/dev/null || true; jpid=
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

declare -A ms rss
for variant in without with; do
  for i in $(seq 1 "$runs"); do
    read -r m r < <(start_once "$variant" "$i")
    ms[$variant]+="$m "; rss[$variant]+="$r "
    echo "bench: controller start $variant the plugin, run $i of $runs: $m ms, $((r / 1024)) MiB" >&2
  done
done

echo "bench: the live suite ..." >&2
t0=$(date +%s)
"${mvn_q[@]}" verify -pl build-support/jenkins-dist,build-support/plugin-build -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LiveJenkinsIT >"$work/suite.log" 2>&1 \
  || { tail -n 40 "$work/suite.log" >&2; echo "bench: the live suite failed" >&2; exit 1; }
suite_s=$(( $(date +%s) - t0 ))

echo
printf '%-44s %12s %12s\n' "Jenkins $(unzip -p "$dist/jenkins.war" META-INF/MANIFEST.MF | sed -n 's/^Jenkins-Version: //p' | tr -d '\r'), $runs fresh starts (medians)" "start" "RSS at up"
for variant in without with; do
  m="$(echo "${ms[$variant]}" | tr ' ' '\n' | grep . | median)"
  r="$(echo "${rss[$variant]}" | tr ' ' '\n' | grep . | median)"
  printf '%-44s %9s ms %8s MiB\n' "$variant bakehouse.jpi" "$m" "$((r / 1024))"
  echo "controller $variant $m $r"
done
echo
echo "live suite (mvn verify of the plugin module, unit tests skipped): ${suite_s} s wall"
python3 - build-support/plugin-build/target/failsafe-reports <<'PY'
import glob, sys, xml.etree.ElementTree as ET
for f in sorted(glob.glob(sys.argv[1] + "/TEST-*.xml")):
    s = ET.parse(f).getroot()
    classes = {}
    for c in s.iter("testcase"):
        classes.setdefault(c.get("classname").rsplit(".", 1)[-1], []).append(float(c.get("time") or 0))
    for name, times in classes.items():
        print("  %-34s %3d tests %7.1f s" % (name, len(times), sum(times)))
PY
echo "harness figures (ms from java -jar to fully up, VmRSS in KiB):"
sed 's/^/  /' build-support/plugin-build/target/live/measurements.txt
echo "live suite ${suite_s}"
