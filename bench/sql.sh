#!/usr/bin/env bash
# Times `grantguard check` on a generated SQL migration corpus against
# squawk (squawk-cli 2.66.0, its prebuilt linux-x64 binary) and against a
# plain pg_query.Parse of every file (internal/parseonly), on the same
# files, and prints the ratios and peak RSS (from /usr/bin/time -v). Then
# lints a corpus with 10x the files and compares grantguard's peak RSS.
#
#   bash bench/sql.sh            # 2000 generated files, best of 5 runs
#   bash bench/sql.sh 5000 3     # 5000 generated files, best of 3
#   bash bench/sql.sh real 5     # real migrations (bench/realcorpus.sh), best of 5
#
# With "real", the corpus is the real PostgreSQL migrations that
# bench/realcorpus.sh takes from Go modules (ory/hydra, ory/kratos,
# temporal, goose, openfga): 1,226 files, 1.1 MB, ten copies of them so
# that process start-up does not dominate, and the 10x corpus a hundred.
#
# squawk is timed with two reporters: its default (rich, what a user sees
# in a terminal) and gcc (one line per issue, its cheapest). grantguard
# uses its default text output. All output goes to /dev/null. One untimed
# run of each tool first warms the page cache. The speedup of selective
# parsing alone is BenchmarkRun in rules/rules_bench_test.go. Needs go, npm and GNU time.
set -euo pipefail
files=${1:-2000}
runs=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$repo"
go build -o "$work/grantguard" ./cmd/grantguard
go build -tags benchtools -o "$work/parseonly" ./internal/parseonly
if [ "$files" = real ]; then
	bash bench/realcorpus.sh "$work/real" >/dev/null
	for i in $(seq 0 99); do
		[ "$i" -lt 10 ] && mkdir -p "$work/corpus/copy$i" && cp -r "$work/real/." "$work/corpus/copy$i/"
		mkdir -p "$work/corpus10/copy$i"
		cp -r "$work/real/." "$work/corpus10/copy$i/"
	done
else
	go run -tags benchtools ./internal/benchgen -out "$work/corpus" -files "$files" -sqlonly
	go run -tags benchtools ./internal/benchgen -out "$work/corpus10" -files $((files * 10)) -sqlonly
fi
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --silent --no-audit --no-fund squawk-cli@2.66.0 >/dev/null)
squawk=$(find "$work/npm/node_modules" -path '*linux-x64*' -type f -name squawk | head -n1)
[ -x "$squawk" ] || { echo "squawk binary not found under $work/npm/node_modules"; exit 2; }

# measure NAME CMD... : best wall time (s) and the largest peak RSS (KB)
# over $runs runs (the caller may set runs for one call), stored in T[NAME] and M[NAME].
declare -A T M
measure() {
	local name=$1
	shift
	"$@" >/dev/null 2>&1 || true
	local best= rss=0
	for _ in $(seq "$runs"); do
		/usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
		local wall kb
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
		kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
		if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$wall; fi
		[ "$kb" -gt "$rss" ] && rss=$kb
	done
	T[$name]=$best
	M[$name]=$rss
	printf '%-28s %8.2f s %10d KB peak RSS\n' "$name" "$best" "$rss"
}

cd "$work/corpus"
mapfile -d '' sqlfiles < <(find . -name '*.sql' -print0 | sort -z)
echo "corpus: ${#sqlfiles[@]} SQL files, $(du -sh . | cut -f1); $(nproc) cores; best of $runs"
measure grantguard "$work/grantguard" check --fail-on never .
measure parse-only "$work/parseonly" .
measure parse-only-raw "$work/parseonly" -preprocess=false .
measure squawk-gcc "$squawk" --reporter gcc "${sqlfiles[@]}"
# The rich reporter is slow (minutes on large corpora): one run.
runs=1 measure squawk-default "$squawk" "${sqlfiles[@]}"
cd "$work/corpus10"
measure grantguard-10x-files "$work/grantguard" check --fail-on never .

ratio() { awk -v a="${T[$1]}" -v b="${T[$2]}" 'BEGIN{printf "%.2f", a/b}'; }
echo
echo "grantguard / squawk (gcc reporter):     $(ratio grantguard squawk-gcc)   (target <= 0.20)"
echo "grantguard / squawk (default reporter): $(ratio grantguard squawk-default)"
echo "grantguard / parse-only (preprocessed): $(ratio grantguard parse-only)   (target < 1)"
echo "grantguard / parse-only (raw files):    $(ratio grantguard parse-only-raw)"
awk -v a="${M[grantguard-10x-files]}" -v b="${M[grantguard]}" \
	'BEGIN{printf "peak RSS, 10x files / 1x files:        %.2f   (target <= 1.20)\n", a/b}'
