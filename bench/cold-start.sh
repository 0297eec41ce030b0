#!/usr/bin/env bash
# One step's cold start: `bakehouse publish-ami-param` against `aws ssm put-parameter`, each
# a fresh process per run, against the same local moto_server. Start-up dominates both.
# bakehouse does more per run (checks the AMI, reads the parameter, writes it) than the
# single put-parameter call. bakehouse is timed without its class cache (BAKEHOUSE_CDS=0), with
# the cache of the runtime the launcher picks (Java 25's ahead-of-time cache where one is
# installed, else AppCDS), and, where a Java 17-24 runtime is installed too, with that runtime's
# AppCDS archive. One untimed first run records each cache.
# Usage: bench/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs="${1:-9}"

[ -f cli/target/bakehouse.jar ] || mvn -B -ntp -q -Dstyle.color=never -pl cli -am package -DskipTests
start_moto
cds_dir="$(mktemp -d)"
trap 'kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$cds_dir"' EXIT
export BAKEHOUSE_CDS_DIR="$cds_dir"
ami="$(moto_ami 1)"
publish() { bin/bakehouse publish-ami-param --endpoint-url "$MOTO_ENDPOINT" --name "/Bench/Ours/AmiId" --ami-id "$ami" --force; }

# A Java 17-24 runtime, if one is installed beside the one the launcher picks.
older=""
for java in /usr/lib/jvm/*/bin/java; do
  major="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  if [ -n "$major" ] && [ "$major" -ge 17 ] && [ "$major" -lt 25 ]; then older="$java"; break; fi
done
picked="$(bin/bakehouse --version | sed -n 's/^Java \([0-9]*\).*/\1/p')"

# The first runs record the caches (and are not timed).
first_ms="$(time_ms publish)"
[ -z "$older" ] || BAKEHOUSE_JAVA="$older" publish >/dev/null 2>&1
[ "$(find "$cds_dir" -name '*publish-ami-param*' | wc -l)" -ge 1 ] || { echo "no class cache was written" >&2; exit 1; }

plain=(); ours=(); appcds=(); theirs=()
for _ in $(seq 1 "$runs"); do
  plain+=("$(BAKEHOUSE_CDS=0 time_ms publish)")
  ours+=("$(time_ms publish)")
  [ -z "$older" ] || appcds+=("$(BAKEHOUSE_JAVA="$older" time_ms publish)")
  theirs+=("$(time_ms aws --endpoint-url "$MOTO_ENDPOINT" ssm put-parameter \
    --name "/Bench/Theirs/AmiId" --value "$ami" --type String --data-type aws:ec2:image --overwrite)")
  printf '.' >&2
done
echo >&2
p="$(printf '%s\n' "${plain[@]}" | median)"
o="$(printf '%s\n' "${ours[@]}" | median)"
t="$(printf '%s\n' "${theirs[@]}" | median)"
a="-"
[ -z "$older" ] || a="$(printf '%s\n' "${appcds[@]}" | median)"
printf '%-64s %5s ms\n' "command (fresh process each run)" "median"
printf '%-64s %5s ms\n' "bakehouse publish-ami-param, Java $picked, no class cache" "$p"
printf '%-64s %5s ms\n' "bakehouse publish-ami-param, Java $picked, its class cache" "$o"
printf '%-64s %5s ms\n' "bakehouse publish-ami-param, ${older:-no Java 17-24 here}, AppCDS" "$a"
printf '%-64s %5s ms\n' "bakehouse publish-ami-param, first run (records the cache)" "$first_ms"
printf '%-64s %5s ms\n' "aws ssm put-parameter (1 AWS call)" "$t"
printf 'ratio aws/bakehouse: %s without a cache, %s with  (%s runs; %s cores; %s)\n' \
  "$(awk -v a="$t" -v b="$p" 'BEGIN {printf "%.2f", a / b}')" "$(awk -v a="$t" -v b="$o" 'BEGIN {printf "%.2f", a / b}')" \
  "$runs" "$(nproc)" "$(aws --version 2>&1 | cut -d' ' -f1)"
echo "coldstart $p $o $t $a $first_ms $picked"
