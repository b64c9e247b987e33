#!/usr/bin/env bash
# Accuracy measurement on public repositories nobody here wrote.
#
#   bash bench/accuracy.sh [ROOT [OUT]]          lint every repo, print a table
#   bash bench/accuracy.sh sample N SEED [OUT]   draw N findings from OUT to review
#   bash bench/accuracy.sh table [OUT]           print the table of the last run again
#
# ROOT (default /tmp/acc) holds one extracted working tree per repository,
# named owner+name (e.g. /tmp/acc/jackc+pgx); only directories whose name
# contains '+' are linted. Each is linted with the default configuration,
# from inside the repository (paths are relative), with
#   grantguard check --format json --fail-on never .
# OUT (default ROOT/findings.jsonl) gets every finding as one JSON line, with
# "repo" (owner/name), "repo_dir" and "test_like" added. The raw report,
# stderr, exit code and time of each repo are kept in OUT.logs/.
#
# A finding is test-like when a path segment is test, tests, __tests__,
# testing, regress, fixtures or testdata (case-insensitive), or the file
# name starts with test_ or ends with _test.go.
#
# sample: draws N findings at random (the same ones for the same SEED and
# OUT) and prints each with three lines of source read from the extracted
# file; set RULE to a regular expression to sample only matching rules
# (RULE=parse-error). Source context may contain secrets in clear: keep the
# output under /tmp, never commit it.
#
# The table's last columns come from grantguard's stderr notes: files left
# out in test and fixture paths (tests-out; ACC_FLAGS=--tests lints them),
# .sql files of other dialects left out (dialect-out), other skipped files
# (skipped: generated, binary, unparsable templates...), and "panic" when
# stderr holds a Go panic.
#
# Environment: ACC_FLAGS extra check flags (e.g. "--tests"), ACC_TIMEOUT
# seconds per repository (default 1800; a repo that times out is reported
# with exit 124 and whatever findings were written), GRANTGUARD to use a
# built binary instead of building one. Go files are loaded with go/packages
# (type-checked against their dependencies), so a Go repository's first run
# compiles its dependencies and may download modules: most of the time.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

aggregate() { # LOGS OUT: print the table from LOGS, write the findings to OUT
	python3 - "$1" "$2" <<'PY'
import collections, json, os, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
logs, out = sys.argv[1], sys.argv[2]
TEST_SEGS = {"test", "tests", "__tests__", "testing", "regress", "fixtures", "testdata"}
def test_like(path):
    segs = [s for s in re.split(r"[/\\]", path) if s not in ("", ".")]
    if any(s.lower() in TEST_SEGS for s in segs[:-1]):
        return True
    return bool(segs) and (segs[-1].lower().startswith("test_") or segs[-1].endswith("_test.go"))

def load(path):
    """The report's findings; a truncated report (crash) yields what is whole."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return [], "missing"
    try:
        return json.loads(text).get("findings") or [], "ok"
    except ValueError:
        pass
    i = text.find("[", text.find('"findings"'))
    if i < 0:
        return [], "empty" if not text.strip() else "bad"
    dec, found, i = json.JSONDecoder(), [], i + 1
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        try:
            obj, i = dec.raw_decode(text, i)
        except ValueError:
            break
        found.append(obj)
    return found, "partial"

if os.path.exists(os.path.join(logs, "build.txt")):
    print(open(os.path.join(logs, "build.txt")).read().strip())
runs = [l.rstrip("\n").split("\t") for l in open(os.path.join(logs, "runs.tsv")) if l.strip()]
rows, by_rule, odd = [], {}, []
all_rules = collections.Counter()
with open(out, "w", encoding="utf-8") as fo:
    for repo, d, rc, secs in runs:
        name = os.path.basename(d)
        fs, state = load(os.path.join(logs, name + ".json"))
        stderr = open(os.path.join(logs, name + ".stderr"), encoding="utf-8", errors="replace").read()
        rules, sev = collections.Counter(), collections.Counter()
        test = gof = 0
        for f in fs:
            f = dict(f)
            f.pop("docs", None)
            f["repo"], f["repo_dir"] = repo, d
            f["test_like"] = test_like(f.get("path", ""))
            rules[f.get("rule", "?")] += 1
            sev[f.get("severity", "?")] += 1
            test += f["test_like"]
            gof += f.get("path", "").endswith(".go")
            fo.write(json.dumps(f, ensure_ascii=False) + "\n")
        all_rules.update(rules)
        by_rule[repo] = rules
        tests_out = dialect_out = skipped = 0
        other = []
        for l in stderr.splitlines():
            m = re.search(r"left out (\d+) files? in test and fixture paths", l)
            if m:
                tests_out += int(m.group(1)); continue
            m = re.search(r"left out (\d+) \.sql files? of other SQL dialects", l)
            if m:
                dialect_out += int(m.group(1)); continue
            if ": skipped: " in l:
                skipped += 1; continue
            if l.strip():
                other.append(l)
        panic = "panic" if re.search(r"^panic:|goroutine \d+ \[", stderr, re.M) else ""
        rows.append((repo, rc, secs, len(fs), sev["error"], sev["warning"], sev["note"],
                     rules["parse-error"], test, gof, tests_out, dialect_out, skipped, state + (" " + panic if panic else "")))
        if rc != "0" or state != "ok" or other or panic:
            odd.append(f"{repo}: exit {rc}, report {state}{', PANIC' if panic else ''}; other stderr: {chr(10).join(other)[-400:]!r}")

hdr = ("repo", "exit", "secs", "total", "error", "warn", "note", "parse-err", "test-like", "go",
       "tests-out", "dialect-out", "skipped", "report")
w = [max(len(str(x)) for x in col) for col in zip(hdr, *rows)] if rows else [len(h) for h in hdr]
def line(r):
    return "  ".join(str(x).ljust(w[0]) if i == 0 else str(x).rjust(w[i]) for i, x in enumerate(r))
print(line(hdr))
for r in rows:
    print(line(r))
tot = ["TOTAL", "", f"{sum(float(r[2]) for r in rows):.2f}"] + [sum(r[i] for r in rows) for i in range(3, 13)] + [""]
print(line(tot))

# Findings by rule: one row per rule, one column per repository (short name).
print()
rules = [r for r, _ in all_rules.most_common()]
short = [repo.split("/")[-1][:12] for repo, *_ in runs]
rw = max([len("rule")] + [len(r) for r in rules])
cw = [max(len(s), 4) for s in short]
print("rule".ljust(rw) + "  " + "  ".join(s.rjust(c) for s, c in zip(short, cw)) + "  total")
for r in rules:
    print(r.ljust(rw) + "  " + "  ".join(str(by_rule[repo][r] or "").rjust(c) for (repo, *_), c in zip(runs, cw))
          + f"  {all_rules[r]:5d}")
if odd:
    print()
    print("odd runs:")
    for o in odd:
        print("  " + o)
print()
print(f"findings: {out} ({sum(r[3] for r in rows)} lines); raw reports and stderr: {logs}/")
PY
}

if [ "${1:-}" = table ]; then
	out=${2:-/tmp/acc/findings.jsonl}
	[ -f "$out.logs/runs.tsv" ] || { echo "accuracy.sh: no $out.logs/runs.tsv; run accuracy.sh first" >&2; exit 2; }
	aggregate "$out.logs" "$out"
	exit
fi

if [ "${1:-}" = sample ]; then
	n=${2:?usage: accuracy.sh sample N SEED [OUT]}
	seed=${3:?usage: accuracy.sh sample N SEED [OUT]}
	out=${4:-/tmp/acc/findings.jsonl}
	[ -f "$out" ] || { echo "accuracy.sh: $out does not exist; run accuracy.sh first" >&2; exit 2; }
	exec python3 - "$n" "$seed" "$out" "${RULE:-}" <<'PY'
import json, os, random, re, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
n, seed, out, rule_re = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rows = []
with open(out, encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        if rule_re and not re.search(rule_re, r.get("rule", "")):
            continue
        rows.append(r)
rng = random.Random(seed)
pick = rng.sample(rows, min(n, len(rows)))
print(f"{len(pick)} of {len(rows)} findings (seed {seed}{', rule ~ ' + rule_re if rule_re else ''})")
def cut(s, w=240):
    return s if len(s) <= w else s[:w] + " ..."
for i, r in enumerate(pick, 1):
    line = int(r.get("line") or 0)
    col = int(r.get("column") or 0)
    print()
    print(f"[{i}] {r['repo']}  {r['path']}:{line}:{col}  {r['rule']} ({r.get('severity','')})"
          + ("  [test-like]" if r.get("test_like") else ""))
    print(f"    {r.get('message','')}")
    src = os.path.join(r.get("repo_dir", ""), r["path"])
    try:
        with open(src, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError as e:
        print(f"    (cannot read {src}: {e})")
        continue
    lo, hi = max(1, line - 1), min(len(lines), line + 1)
    if line < 1:
        lo, hi = 1, min(len(lines), 3)
    for k in range(lo, hi + 1):
        mark = ">" if k == line else " "
        print(f"  {mark}{k:6d} | {cut(lines[k-1].rstrip(chr(13)))}")
PY
fi

root=${1:-/tmp/acc}
root=$(cd "$root" && pwd) || { echo "accuracy.sh: no directory $1" >&2; exit 2; }
out=${2:-$root/findings.jsonl}
logs=$out.logs
timeout_s=${ACC_TIMEOUT:-1800}
read -r -a extra <<<"${ACC_FLAGS:-}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gg=${GRANTGUARD:-}
if [ -z "$gg" ]; then
	echo "building grantguard from $here ..." >&2
	(cd "$here" && go build -o "$tmp/grantguard" ./cmd/grantguard) || { echo "accuracy.sh: build failed" >&2; exit 2; }
	gg=$tmp/grantguard
	built="grantguard built from $here at $(git -C "$here" describe --always --dirty 2>/dev/null || echo '?')"
else
	built="grantguard binary $gg"
fi
gg=$(cd "$(dirname "$gg")" && pwd)/$(basename "$gg")

rm -rf "$logs"
mkdir -p "$logs"
: >"$logs/runs.tsv"
printf '%s; flags: %s; %s\n' "$built" "${ACC_FLAGS:-none}" "$(date -u +%FT%TZ)" >"$logs/build.txt"
for dir in "$root"/*+*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	name=$(basename "$dir")
	repo=${name/+//}
	echo "linting $repo ..." >&2
	t0=$(date +%s.%N)
	(cd "$dir" && timeout "$timeout_s" "$gg" check --format json --fail-on never "${extra[@]}" . \
		>"$logs/$name.json" 2>"$logs/$name.stderr")
	rc=$?
	t1=$(date +%s.%N)
	secs=$(python3 -c "print(f'{$t1-$t0:.2f}')")
	[ "$rc" = 0 ] || echo "  $repo: exit $rc (stderr in $logs/$name.stderr)" >&2
	printf '%s\t%s\t%s\t%s\n' "$repo" "$dir" "$rc" "$secs" >>"$logs/runs.tsv"
done

aggregate "$logs" "$out"
