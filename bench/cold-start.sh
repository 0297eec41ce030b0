#!/usr/bin/env bash
# One step's cold start: `bakehouse publish-ami-param` against `aws ssm put-parameter`, each
# a fresh process per run, against the same local moto_server. Start-up dominates both.
# bakehouse does more per run (checks the AMI, reads the parameter, writes it) than the
# single put-parameter call. Usage: bench/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs="${1:-9}"

[ -f cli/target/bakehouse.jar ] || mvn -B -ntp -q -Dstyle.color=never -pl cli -am package -DskipTests
start_moto
ami="$(moto_ami 1)"

ours=(); theirs=()
for _ in $(seq 1 "$runs"); do
  ours+=("$(time_ms bin/bakehouse publish-ami-param --endpoint-url "$MOTO_ENDPOINT" \
    --name "/Bench/Ours/AmiId" --ami-id "$ami" --force)")
  theirs+=("$(time_ms aws --endpoint-url "$MOTO_ENDPOINT" ssm put-parameter \
    --name "/Bench/Theirs/AmiId" --value "$ami" --type String --data-type aws:ec2:image --overwrite)")
  printf '.' >&2
done
echo >&2
o="$(printf '%s\n' "${ours[@]}" | median)"
t="$(printf '%s\n' "${theirs[@]}" | median)"
printf '%-52s %8s\n' "command (fresh process each run)" "median"
printf '%-52s %5s ms\n' "bakehouse publish-ami-param (3 AWS calls)" "$o"
printf '%-52s %5s ms\n' "aws ssm put-parameter (1 AWS call)" "$t"
printf 'ratio aws/bakehouse: %s  (%s runs; %s cores; %s; %s)\n' \
  "$(awk -v a="$t" -v b="$o" 'BEGIN {printf "%.2f", a / b}')" "$runs" "$(nproc)" \
  "$(java -version 2>&1 | head -n 1)" "$(aws --version 2>&1 | cut -d' ' -f1)"
