#!/usr/bin/env bash
# Times a second run on an unchanged Go module: `go vet ./...` replaying its
# cached results against `grantguard check .` reading its Go analysis cache,
# and prints the ratio. The goal is a ratio of at most 1.2.
#
#   bash bench/gocache.sh                    # grantguard's own repository
#   bash bench/gocache.sh DIR 5              # the module in DIR, best of 5
#
# DIR needs its module dependencies (go mod download). Each tool runs once
# untimed first, so that both caches hold the module; then the timed runs
# alternate between the two tools, so that load from other processes on
# the machine falls on both alike, and the best run of each counts. go vet
# checks test files: the cached `grantguard check --tests .` is the
# like-for-like run, and is timed too. So are the first grantguard run
# (with a cache of its own, emptied before each run) and a run without
# the cache (GRANTGUARD_CACHE=off), for what filling the cache costs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(cd "${1:-$repo}" && pwd)
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/grantguard" "$repo/cmd/grantguard"
cd "$dir"
export GOWORK=off GRANTGUARD_CACHE="$work/cache"

best() { printf '%s\n' "$@" | sort -g | head -1; }
timeit() { # timeit CMD...: wall seconds of one run, output discarded
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
cold() { GRANTGUARD_CACHE="$work/cold" "$work/grantguard" cache clean && GRANTGUARD_CACHE="$work/cold" "$work/grantguard" check .; }

echo "module: $dir ($(find . -name '*.go' -not -path './vendor/*' | wc -l) Go files), best of $runs, $(nproc) cores" >&2
go vet ./... >/dev/null 2>&1 || true
"$work/grantguard" check . >/dev/null 2>&1 || true
"$work/grantguard" check --tests . >/dev/null 2>&1 || true
cold >/dev/null 2>&1 || true
vet=() gg=() ggt=() first=() off=()
for _ in $(seq "$runs"); do
  vet+=("$(timeit go vet ./...)")
  gg+=("$(timeit "$work/grantguard" check .)")
  ggt+=("$(timeit "$work/grantguard" check --tests .)")
  first+=("$(timeit cold)")
  off+=("$(GRANTGUARD_CACHE=off timeit "$work/grantguard" check .)")
done
v=$(best "${vet[@]}") g=$(best "${gg[@]}") gt=$(best "${ggt[@]}") f=$(best "${first[@]}") o=$(best "${off[@]}")
printf '%-42s best %.2fs of %s\n' "go vet ./... (cached)" "$v" "${vet[*]}" >&2
printf '%-42s best %.2fs of %s\n' "grantguard check . (cached)" "$g" "${gg[*]}" >&2
printf '%-42s best %.2fs of %s\n' "grantguard check --tests . (cached)" "$gt" "${ggt[*]}" >&2
printf '%-42s best %.2fs of %s\n' "grantguard check . (empty cache)" "$f" "${first[*]}" >&2
printf '%-42s best %.2fs of %s\n' "grantguard check . (GRANTGUARD_CACHE=off)" "$o" "${off[*]}" >&2
printf 'ratio grantguard/go vet, second run: %.2f, with --tests %.2f (goal <= 1.2); first run %.2f, without the cache %.2f\n' \
  "$(echo "$g / $v" | bc -l)" "$(echo "$gt / $v" | bc -l)" "$(echo "$f / $v" | bc -l)" "$(echo "$o / $v" | bc -l)"
