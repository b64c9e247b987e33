#!/usr/bin/env bash
# Times `grantguard check` against `go vet ./...` on a real module taken
# from the module cache, and prints the ratio. The goal is that the Go
# checks keep grantguard within 1.5x of go vet.
#
#   bash bench/govet.sh                                 # pgx v5.12.0
#   bash bench/govet.sh github.com/lib/pq@v1.12.3 5     # other module, 5 runs
#
# Both tools run warm (one untimed run each first, so the build cache holds
# the dependencies' export data); the best of N runs counts. go vet caches
# its results per package, so a re-run on unchanged files measures only
# that cache: before every timed run, each Go file gets a fresh trailing
# comment, as after an edit, and both tools pay for re-analysis (and for
# recompiling export data) as they would in a real edit-check loop. The
# unedited, cached numbers are printed too. go vet checks test files, so
# grantguard is timed with and without --tests.
set -euo pipefail
mod=${1:-github.com/jackc/pgx/v5@v5.12.0}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/grantguard" "$repo/cmd/grantguard"
src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] || { echo "could not download $mod"; exit 2; }
# The module cache is read-only; work on a copy.
cp -r "$src" "$work/mod"
chmod -R u+w "$work/mod"
cd "$work/mod"
export GOWORK=off GOFLAGS=-mod=mod
go mod download

# best SECONDS... : the smallest of the arguments.
best() { printf '%s\n' "$@" | sort -g | head -1; }
timeit() { # timeit CMD...: wall seconds of one run, output discarded
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
edits=0
touch_sources() { # a new trailing comment in every Go file
  edits=$((edits + 1))
  find . -name '*.go' -not -path './vendor/*' -print0 |
    xargs -0 sh -c 'for f; do printf "\n// bench edit %s\n" "$0" >>"$f"; done' "$edits"
}
measure() { # measure NAME CMD...
  local name=$1; shift
  "$@" >/dev/null 2>&1 || true # warm-up
  local ts=()
  for _ in $(seq "$runs"); do
    [ "$mode" = edited ] && touch_sources
    ts+=("$(timeit "$@")")
  done
  local b; b=$(best "${ts[@]}")
  printf '%-34s best %.2fs of %s\n' "$name" "$b" "${ts[*]}" >&2
  echo "$b"
}

echo "module: $mod ($(find . -name '*.go' | wc -l) Go files), $runs runs each, $(nproc) cores" >&2
for mode in cached edited; do
  echo "-- $mode sources" >&2
  vet=$(measure "go vet ./..." go vet ./...)
  gg=$(measure "grantguard check ." "$work/grantguard" check --format json .)
  ggt=$(measure "grantguard check --tests ." "$work/grantguard" check --tests --format json .)
  printf '%s: ratio grantguard/go vet %.2f (with --tests %.2f); goal <= 1.5\n' "$mode" \
    "$(echo "$gg / $vet" | bc -l)" "$(echo "$ggt / $vet" | bc -l)"
done
