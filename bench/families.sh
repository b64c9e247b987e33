#!/usr/bin/env bash
# Times `grantguard check` against squawk (`--reporter gcc`, squawk-cli
# 2.66.0) and against a plain pg_query.Parse of every file
# (internal/parseonly) on a directory of .sql files: on all of its files,
# and on each top-level directory of it (a "family": one repository,
# say). Every tool gets the same file list, the way a user would run it:
#
#   cd DIR/FAMILY && find . -name '*.sql' -print0 | xargs -0 TOOL
#
#   bash bench/families.sh DIR [RUNS]          # best of RUNS (default 3)
#   FAMILIES="a b" bash bench/families.sh DIR  # only these families
#   BASE=/path/to/grantguard bash bench/families.sh DIR   # also time another build
#   SQUAWK=/path/to/squawk bash bench/families.sh DIR     # no npm install
#
# Runs are interleaved (each tool once per round, RUNS rounds) and the best
# wall time of each is kept, so that a busy machine slows every tool
# alike. Output goes to /dev/null; one untimed round warms the page cache.
# The start-up line is `grantguard check` on an empty directory: the fixed
# cost a small family pays. Needs go, and npm unless SQUAWK is set.
set -euo pipefail
dir=${1:?usage: bash bench/families.sh DIR [RUNS]}
runs=${2:-3}
dir=$(cd "$dir" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/grantguard" ./cmd/grantguard &&
	go build -tags benchtools -o "$work/parseonly" ./internal/parseonly)
squawk=${SQUAWK:-}
if [ -z "$squawk" ]; then
	mkdir -p "$work/npm"
	(cd "$work/npm" && npm install --silent --no-audit --no-fund squawk-cli@2.66.0 >/dev/null)
	squawk=$(find "$work/npm/node_modules" -path '*linux-x64*' -type f -name squawk | head -n1)
fi
[ -x "$squawk" ] || { echo "squawk binary not found (set SQUAWK)"; exit 2; }
mkdir -p "$work/empty"

tools=(grantguard squawk parse)
declare -A cmd=(
	[grantguard]="$work/grantguard check --fail-on never"
	[squawk]="$squawk --reporter gcc"
	[parse]="$work/parseonly"
)
if [ -n "${BASE:-}" ]; then
	tools+=(base)
	cmd[base]="$BASE check --fail-on never"
fi

# wall SECONDS of one run of tool $1 on the .sql files under directory $2.
wall() {
	local t0 t1
	t0=$(date +%s%N)
	(cd "$2" && find . -name '*.sql' -print0 | xargs -0 ${cmd[$1]} >/dev/null 2>&1) || true
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}'
}

# best NAME DIR: best of $runs interleaved rounds for every tool, in B[tool].
declare -A B
best() {
	local d=$1 t w
	for t in "${tools[@]}"; do wall "$t" "$d" >/dev/null; B[$t]=; done
	for _ in $(seq "$runs"); do
		for t in "${tools[@]}"; do
			w=$(wall "$t" "$d")
			if [ -z "${B[$t]}" ] || awk -v a="$w" -v b="${B[$t]}" 'BEGIN{exit !(a<b)}'; then B[$t]=$w; fi
		done
	done
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "-" }'; }

families=${FAMILIES:-$(cd "$dir" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)}
echo "$dir: $(find "$dir" -name '*.sql' | wc -l) .sql files, $(du -sh "$dir" | cut -f1); $(nproc) cores; best of $runs interleaved runs"
echo "squawk: $("$squawk" --version 2>/dev/null | head -n1)"
# Start-up: grantguard on an empty directory.
su=
"$work/grantguard" check --fail-on never "$work/empty" >/dev/null 2>&1 || true
for _ in $(seq "$runs"); do
	t0=$(date +%s%N)
	"$work/grantguard" check --fail-on never "$work/empty" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	w=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
	if [ -z "$su" ] || awk -v a="$w" -v b="$su" 'BEGIN{exit !(a<b)}'; then su=$w; fi
done
echo "grantguard start-up (empty directory): $su s"
echo
header="| files | .sql | grantguard | squawk --reporter gcc | plain parse | grantguard/squawk | grantguard/parse |"
sep="|---|---|---|---|---|---|---|"
if [ -n "${BASE:-}" ]; then
	header+=" base build | grantguard/base |"
	sep+="---|---|"
fi
echo "$header"
echo "$sep"
row() {
	local name=$1 d=$2 n
	n=$(find "$d" -name '*.sql' | wc -l)
	[ "$n" -gt 0 ] || return 0
	best "$d"
	local line="| $name | $n | ${B[grantguard]} s | ${B[squawk]} s | ${B[parse]} s | $(ratio "${B[grantguard]}" "${B[squawk]}") | $(ratio "${B[grantguard]}" "${B[parse]}") |"
	if [ -n "${BASE:-}" ]; then
		line+=" ${B[base]} s | $(ratio "${B[grantguard]}" "${B[base]}") |"
	fi
	echo "$line"
}
row "all" "$dir"
for f in $families; do
	row "$f" "$dir/$f"
done
echo
echo "Targets: grantguard/squawk <= 0.5 on all files and <= 1 on each family; grantguard/parse <= 0.8."
