#!/usr/bin/env bash
# Runs every benchmark and the load-generator scenarios with their baselines, then rewrites bench/RESULTS.md.
#
#   bench/run.sh          short run (a few seconds per scenario)
#   bench/run.sh --full   longer run
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh, data under a temp folder, stopped on exit) and, for the Redis
# baseline, a throwaway redis-server (installed with apt-get when missing and running as root; skipped otherwise).
# Everything listens on 127.0.0.1 only.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
full=0
if [ "${1:-}" = "--full" ]; then full=1; fi
# The warm-up is long because tiered JIT compilation of the silo, client and gateway paths takes several seconds to
# settle on 2 cores; measured before it settles, HTTP purchases ran at 7k/s instead of 12k/s (bench/Baselines/FINDINGS.md).
if [ "$full" = 1 ]; then seconds=15; warmup=10; bench_seconds=5; redis_count=2000000; else seconds=4; warmup=8; bench_seconds=2; redis_count=400000; fi
concurrency=64

tmp=$(mktemp -d)
chmod 755 "$tmp"
pg_dir="$tmp/pg"
cleanup() {
  "$repo/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build FlashSale.sln -c Release -v q -nologo

echo "== throwaway PostgreSQL"
pg=$("$repo/scripts/postgres.sh" start "$pg_dir")
export FLASHSALE_POSTGRES="$pg"

echo "== runtime benchmarks"
dotnet run -c Release --no-build --project bench/Runtime.Benchmarks -- all --seconds "$bench_seconds"

results="$tmp/results"
mkdir -p "$results"
loadgen() {
  local name=$1; shift
  echo "== loadgen $name: $*"
  dotnet bench/LoadGen/bin/Release/net10.0/FlashSale.LoadGen.dll --name "$name" --out "$results/$name.json" \
    --duration "$seconds" --warmup "$warmup" --concurrency "$concurrency" --no-progress "$@"
}
throughput() { python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["Throughput"]))' "$1"; }

# PostgreSQL's scenarios run last: after a run that inserted a hundred thousand rows, the server checkpoints and
# autovacuums for a while, and scenarios measured then (the open loops in particular) saw its CPU as stalls.
loadgen client-memory   --target client
loadgen client-fast     --target client --write-mode fast
loadgen kestrel-ceiling --target kestrel-ceiling
loadgen http            --target http

half_client=$(( $(throughput "$results/client-memory.json") / 2 ))
half_http=$(( $(throughput "$results/http.json") / 2 ))
loadgen client-open-half --target client --mode open --rate "$half_client" --max-inflight 1024
loadgen http-open-half   --target http   --mode open --rate "$half_http"   --max-inflight 256

loadgen redis-lua       --target redis-lua --count "$redis_count"
loadgen client-postgres --target client --postgres "$pg"
loadgen postgres-hotrow --target postgres-hotrow --postgres "$pg"

flag=""
if [ "$full" = 1 ]; then flag=" --full"; fi
command="bench/run.sh$flag (scenarios: $seconds s measured after $warmup s warm-up, $concurrency callers; open loop at half of the closed-loop peak)"
dotnet bench/LoadGen/bin/Release/net10.0/FlashSale.LoadGen.dll report --dir "$results" --command "$command"
