#!/usr/bin/env bash
# One step's cold start: `bakehouse publish-ami-param` against `aws ssm put-parameter`, each
# a fresh process per run, against the same local moto_server. Start-up dominates both.
# bakehouse does more per run (checks the AMI, reads the parameter, writes it) than the
# single put-parameter call. bakehouse is timed twice: without class-data sharing
# (BAKEHOUSE_CDS=0) and with the launcher's AppCDS archive, which one untimed first run records.
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
# The first run records the archive (and is not timed).
publish >/dev/null 2>&1
ls "$cds_dir"/*publish-ami-param.jsa >/dev/null || { echo "no AppCDS archive was written" >&2; exit 1; }

plain=(); ours=(); theirs=()
for _ in $(seq 1 "$runs"); do
  plain+=("$(BAKEHOUSE_CDS=0 time_ms publish)")
  ours+=("$(time_ms publish)")
  theirs+=("$(time_ms aws --endpoint-url "$MOTO_ENDPOINT" ssm put-parameter \
    --name "/Bench/Theirs/AmiId" --value "$ami" --type String --data-type aws:ec2:image --overwrite)")
  printf '.' >&2
done
echo >&2
p="$(printf '%s\n' "${plain[@]}" | median)"
o="$(printf '%s\n' "${ours[@]}" | median)"
t="$(printf '%s\n' "${theirs[@]}" | median)"
printf '%-56s %8s\n' "command (fresh process each run)" "median"
printf '%-56s %5s ms\n' "bakehouse publish-ami-param, no CDS (3 AWS calls)" "$p"
printf '%-56s %5s ms\n' "bakehouse publish-ami-param, AppCDS archive (3 AWS calls)" "$o"
printf '%-56s %5s ms\n' "aws ssm put-parameter (1 AWS call)" "$t"
printf 'ratio aws/bakehouse: %s without CDS, %s with  (%s runs; %s cores; %s; %s)\n' \
  "$(awk -v a="$t" -v b="$p" 'BEGIN {printf "%.2f", a / b}')" "$(awk -v a="$t" -v b="$o" 'BEGIN {printf "%.2f", a / b}')" \
  "$runs" "$(nproc)" "$(java -version 2>&1 | head -n 1)" "$(aws --version 2>&1 | cut -d' ' -f1)"
echo "coldstart $p $o $t"
