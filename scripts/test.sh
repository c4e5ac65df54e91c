#!/usr/bin/env bash
# The README's test command: on a fresh machine it installs what the tests need, starts the services they
# use, restores, builds and runs the whole suite, then prints one summary line ("N passed, N failed").
# Extra arguments go to `dotnet test` (for example: --filter Category=Unit).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (see global.json)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cleanup_steps=()
cleanup() {
  local step
  for step in ${cleanup_steps[@]+"${cleanup_steps[@]}"}; do
    eval "$step" || true
  done
}
trap cleanup EXIT

apt_updated=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "the tests need the Debian package(s) $*; run this script as root to install them, or install them yourself" >&2
    exit 1
  fi
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# PostgreSQL (tests/Runtime.Postgres.Tests): a throwaway server from scripts/postgres.sh unless FLASHSALE_POSTGRES
# already names one. The PostgreSQL tests fail (never skip) without it.
if [ -z "${FLASHSALE_POSTGRES:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
  pg_dir="$PWD/.data/postgres-test"
  FLASHSALE_POSTGRES=$(scripts/postgres.sh start "$pg_dir")
  export FLASHSALE_POSTGRES
  cleanup_steps+=("scripts/postgres.sh stop '$pg_dir'")
fi

dotnet restore FlashSale.sln
dotnet build FlashSale.sln -c Release --no-restore

log=$(mktemp)
cleanup_steps+=("rm -f '$log'")
set +e
dotnet test FlashSale.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly result lines ("Passed!  - Failed: 0, Passed: 57, Skipped: 0, Total: 57").
summary=$(grep -E '^(Passed|Failed)! +- +Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
echo "$summary"
if [ "$status" -eq 0 ] && [ "${summary%% passed*}" = "0" ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
