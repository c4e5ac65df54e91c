#!/usr/bin/env bash
# Runs every benchmark and the load-generator scenarios with their baselines, then rewrites bench/RESULTS.md.
#
#   bench/run.sh                short run (a few seconds per scenario), 3 rounds
#   bench/run.sh --full         longer run
#   bench/run.sh --rounds N     N rounds of the load-generator scenarios (default 3)
#
# These machines are noisy (identical back-to-back runs differ by up to 40%), so every scenario runs once per round,
# each pair side by side in the same round, and the report judges each target on the median over the rounds.
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh, data under a temp folder, stopped on exit) and, for the Redis
# baseline, a throwaway redis-server (installed with apt-get when missing and running as root; skipped otherwise).
# Everything listens on 127.0.0.1 only.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
full=0
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=1 ;;
    --rounds) rounds=${2:-}; [ $# -gt 1 ] && shift ;;
    *) echo "usage: bench/run.sh [--full] [--rounds N]" >&2; exit 2 ;;
  esac
  shift
done
case "$rounds" in
  ''|*[!0-9]*|0) echo "bench/run.sh: --rounds needs a positive whole number, not '$rounds'" >&2; exit 2 ;;
esac
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
  local name=$1 round=$2; shift 2
  echo "== loadgen $name (round $round): $*"
  dotnet bench/LoadGen/bin/Release/net10.0/FlashSale.LoadGen.dll --name "$name" --round "$round" --out "$results/$name.r$round.json" \
    --duration "$seconds" --warmup "$warmup" --concurrency "$concurrency" --no-progress "$@"
}
throughput() { python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["Throughput"]))' "$1"; }

for round in $(seq 1 "$rounds"); do
  loadgen client-memory   "$round" --target client
  loadgen client-fast     "$round" --target client --write-mode fast
  loadgen kestrel-ceiling "$round" --target kestrel-ceiling
  loadgen http            "$round" --target http

  half_client=$(( $(throughput "$results/client-memory.r$round.json") / 2 ))
  half_http=$(( $(throughput "$results/http.r$round.json") / 2 ))
  loadgen client-open-half "$round" --target client --mode open --rate "$half_client" --max-inflight 1024
  loadgen http-open-half   "$round" --target http   --mode open --rate "$half_http"   --max-inflight 256

  loadgen redis-lua       "$round" --target redis-lua --count "$redis_count"
done

# PostgreSQL's scenarios run last: after a run that inserted a hundred thousand rows, the server checkpoints and
# autovacuums for a while, and scenarios measured then (the open loops in particular) saw its CPU as stalls.
for round in $(seq 1 "$rounds"); do
  loadgen client-postgres "$round" --target client --postgres "$pg"
  loadgen postgres-hotrow "$round" --target postgres-hotrow --postgres "$pg"
done

flag=""
if [ "$full" = 1 ]; then flag=" --full"; fi
if [ "$rounds" != 3 ]; then flag="$flag --rounds $rounds"; fi
command="bench/run.sh$flag (scenarios: $seconds s measured after $warmup s warm-up, $concurrency callers; open loop at half of the closed-loop peak; $rounds rounds)"
dotnet bench/LoadGen/bin/Release/net10.0/FlashSale.LoadGen.dll report --dir "$results" --command "$command"
