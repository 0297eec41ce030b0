#!/usr/bin/env bash
# All benchmarks of bench/ in one run on this machine, each against its own loopback
# moto_server, then one table of medians and ratios. Every part is bounded in time and stops
# what it starts. Parts and their own scripts:
#   pipeline   bench/pipeline.sh      bake -> publish -> deploy -> runner job, bakehouse vs shell+aws
#   cold start bench/cold-start.sh    one step, fresh process: bakehouse (with/without AppCDS) vs aws
#   latency    bench/stack-latency.sh stack-completion detection latency, cfn-deploy vs aws deploy
#   logs       bench/ecs-run-logs.py  deploy-runner log streaming: first-line latency, lines/s
#   scale      bench/scale.sh         50 concurrent stacks behind a throttling proxy
#   site       bench/site.sh          a 2,000-file static site published 3 times, publish-site vs s3 sync + invalidation
# Usage: bench/run.sh [RUNS]   (runs per comparison, default 3; cold start uses 3x RUNS)
# Each part's own output goes to bench/target/run-<part>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
logs=bench/target
mkdir -p "$logs"

mvn -B -ntp -q -Dstyle.color=never -pl cli,bench -am package -DskipTests

# Runs one part with a time limit; its log keeps all output, its figures are the lines tagged
# with the part's key.
part() {
  local name="$1" limit="$2"; shift 2
  echo "bench: $name ..." >&2
  if ! timeout "$limit" "$@" >"$logs/run-$name.log" 2>&1; then
    echo "bench: $name failed; see $logs/run-$name.log" >&2
    tail -n 5 "$logs/run-$name.log" >&2
  fi
}
started=$SECONDS
part pipeline 1500 bench/pipeline.sh "$runs"
part coldstart 600 bench/cold-start.sh "$((runs * 3))"
part latency 900 bench/stack-latency.sh "$runs"
part logs 600 python3 bench/ecs-run-logs.py --lines 20000
part scale 900 bench/scale.sh 50 20
part site 900 bench/site.sh "$runs"

field() { awk -v k="$1" -v s="$2" -v n="$3" '$1 == k && $2 == s {print $n}' "$logs/run-$4.log" | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'; }
row() { printf '| %-44s | %18s | %16s | %8s |\n' "$@"; }

echo
echo "Bakehouse benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(java -version 2>&1 | head -n 1 | cut -d'"' -f2), $(aws --version 2>&1 | cut -d' ' -f1), $(packer version | head -n 1); $runs runs, medians"
row "measure" "bakehouse" "shell / aws CLI" "ratio"
row "--------------------------------------------" "------------------" "----------------" "--------"
for s in bake publish deploy run total; do
  b="$(field pipeline "$s" 3 pipeline)"; a="$(field pipeline "$s" 4 pipeline)"
  row "pipeline: $s (ms)" "${b:--}" "${a:--}" "$(ratio "$a" "$b")"
done
for s in bake publish deploy run; do
  b="$(field pipeline-first "$s" 3 pipeline)"; a="$(field pipeline-first "$s" 4 pipeline)"
  row "pipeline: $s, first run: cache recorded (ms)" "${b:--}" "${a:--}" "$(ratio "$a" "$b")"
done
read -r _ plain cds aws_cold appcds first_cold picked < <(grep '^coldstart ' "$logs/run-coldstart.log" | tail -n 1 \
  || echo "coldstart - - - - - -")
row "cold start, one step, Java $picked, no cache (ms)" "$plain" "$aws_cold" "$(ratio "$aws_cold" "$plain")"
row "cold start, one step, Java $picked, cache (ms)" "$cds" "$aws_cold" "$(ratio "$aws_cold" "$cds")"
row "cold start, one step, Java 17-24, AppCDS (ms)" "$appcds" "$aws_cold" "$(ratio "$aws_cold" "$appcds")"
row "cold start, first run: cache recorded (ms)" "$first_cold" "$aws_cold" "$(ratio "$aws_cold" "$first_cold")"
b="$(field latency bakehouse 3 latency)"; a="$(field latency aws 3 latency)"
row "stack done -> tool exits (ms)" "${b:--}" "${a:--}" "$(ratio "$a" "$b")"
first="$(sed -n 's/^first-line latency: \([0-9.]*\) s/\1/p' "$logs/run-logs.log")"
rate="$(sed -n 's/.*: \([0-9,]*\) lines\/s.*/\1/p' "$logs/run-logs.log")"
row "runner logs: first line (s) / lines per s" "${first:--} / ${rate:--}" "-" "-"
for how in jvm cli; do
  read -r _ _ ok n ms throttled < <(grep "^scale $how " "$logs/run-scale.log" || echo "scale $how - - - -")
  label="$([ "$how" = jvm ] && echo "one JVM, 50 threads" || echo "50 processes")"
  row "scale, 50 stacks, $label" "$ok/$n in $ms ms" "$throttled throttled" "-"
done
for s in first unchanged rebuilt; do
  b="$(field site "$s" 3 site)"; a="$(field site "$s" 4 site)"
  row "site, 2,000 files: $s (ms)" "${b:--}" "${a:--}" "$(ratio "$a" "$b")"
done
echo "(ratio = shell or aws CLI / bakehouse: above 1 means bakehouse is faster; all parts took $((SECONDS - started)) s;"
echo " logs in $logs/run-*.log)"
