#!/usr/bin/env bash
# Publishing a static site: `bakehouse publish-site` against what a hand-written CI step does,
# `aws s3 sync --delete` followed by `aws cloudfront create-invalidation --paths '/*'`. A
# generated site of 2,000 files (100 pages, 1,400 hashed scripts and stylesheets, 500 images;
# about 8 MB) is published twice by each tool to a bucket of its own behind a distribution of
# its own, on one moto_server on a free loopback port: first into the empty bucket, then again
# with nothing changed; then once more after a rebuild that wrote the same contents anew (every
# file's modification time is now, as after a CI checkout and build). Prints each scenario's
# median and the ratio, and `site SCENARIO BAKEHOUSE_MS AWS_MS` lines for bench/run.sh.
#
#   bench/site.sh [RUNS]     # default 3 runs of each
#
# Needs the CLI built (mvn -B -ntp -q package -DskipTests -pl cli -am), moto_server and aws.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs="${1:-3}"
files="${SITE_FILES:-2000}"

[ -f cli/target/bakehouse.jar ] || { echo "build the CLI first: mvn -B -ntp -q package -DskipTests -pl cli -am" >&2; exit 1; }
command -v aws >/dev/null || { echo "the aws CLI is missing" >&2; exit 1; }
start_moto
work="$(mktemp -d)"
trap 'kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
# The launcher's class cache, recorded by the untimed warm-up below: as on a machine that ran the step before.
export BAKEHOUSE_CDS_DIR="$work/cds"
unset AWS_ENDPOINT_URL
aws_() { aws --endpoint-url "$MOTO_ENDPOINT" "$@"; }

# The site: deterministic contents, so every run publishes the same bytes.
python3 - "$work/site" "$files" <<'PY'
import hashlib, os, random, sys
root, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
def write(path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
def text(n):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz {};=()\n") for _ in range(n)).encode()
pages, images = total // 20, total // 4
for i in range(total - pages - images):
    body = text(rng.randint(1000, 5000))
    ext = "css" if i % 5 == 0 else "js"
    write(f"assets/{i // 100}/chunk{i}.{hashlib.sha256(body).hexdigest()[:12]}.{ext}", body)
for i in range(images):
    write(f"img/photo{i}.png", rng.randbytes(rng.randint(2000, 6000)))
for i in range(pages):
    write("index.html" if i == 0 else f"docs/page{i}/index.html",
          b"<!doctype html><title>page</title><p>" + text(rng.randint(1000, 3000)) + b"</p>")
PY
count="$(find "$work/site" -type f | wc -l)"
size="$(find "$work/site" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }')"

distribution() {
  aws_ cloudfront create-distribution --origin-domain-name "$1.s3.amazonaws.com" --default-root-object index.html \
    --query Distribution.Id --output text
}
bakehouse_publish() { bin/bakehouse publish-site --endpoint-url "$MOTO_ENDPOINT" --dir "$work/site" --bucket "$1" --distribution-id "$2"; }
aws_publish() {
  aws_ s3 sync --delete --no-progress "$work/site" "s3://$1" >/dev/null
  aws_ cloudfront create-invalidation --distribution-id "$2" --paths '/*' >/dev/null
}

# Untimed: the launcher records its class cache for publish-site.
aws_ s3api create-bucket --bucket warm-up >/dev/null
bakehouse_publish warm-up "$(distribution warm-up)" >/dev/null 2>&1

scenarios=(first unchanged rebuilt)
for scenario in "${scenarios[@]}"; do : >"$work/bh-$scenario"; : >"$work/aws-$scenario"; done
for i in $(seq 1 "$runs"); do
  aws_ s3api create-bucket --bucket "bh-$i" >/dev/null
  aws_ s3api create-bucket --bucket "aws-$i" >/dev/null
  bh_dist="$(distribution "bh-$i")"
  aws_dist="$(distribution "aws-$i")"
  time_ms bakehouse_publish "bh-$i" "$bh_dist" >>"$work/bh-first"
  time_ms bakehouse_publish "bh-$i" "$bh_dist" >>"$work/bh-unchanged"
  time_ms aws_publish "aws-$i" "$aws_dist" >>"$work/aws-first"
  time_ms aws_publish "aws-$i" "$aws_dist" >>"$work/aws-unchanged"
  find "$work/site" -type f -exec touch {} +
  time_ms bakehouse_publish "bh-$i" "$bh_dist" >>"$work/bh-rebuilt"
  time_ms aws_publish "aws-$i" "$aws_dist" >>"$work/aws-rebuilt"
  n="$(aws_ s3api list-objects-v2 --bucket "bh-$i" --query 'length(Contents)')"; [ "$n" = "$count" ] || { echo "bh-$i holds $n objects, not $count" >&2; exit 1; }
  echo "bench: run $i of $runs done" >&2
done

printf '%-30s %16s %32s %8s\n' "site of $count files, $size" "bakehouse (ms)" "aws s3 sync + invalidation (ms)" "ratio"
for scenario in "${scenarios[@]}"; do
  bh="$(median <"$work/bh-$scenario")"
  cli="$(median <"$work/aws-$scenario")"
  case "$scenario" in
    first) label="first publish (empty bucket)" ;;
    unchanged) label="again, nothing changed" ;;
    *) label="rebuilt, same contents" ;;
  esac
  printf '%-30s %16s %32s %8s\n' "$label" "$bh" "$cli" "$(awk -v a="$cli" -v b="$bh" 'BEGIN { printf "%.2fx", a / b }')"
done
echo "(medians of $runs runs; ratio = aws / bakehouse: above 1 means bakehouse is faster)"
for scenario in "${scenarios[@]}"; do
  echo "site $scenario $(median <"$work/bh-$scenario") $(median <"$work/aws-$scenario")"
done
