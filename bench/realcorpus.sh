#!/usr/bin/env bash
# Writes a corpus of real PostgreSQL migrations, taken from Go modules on
# the module proxy at pinned versions (reproducible: the proxy serves the
# same bytes for a version forever), into DIR:
#
#   bash bench/realcorpus.sh DIR
#
# Sources: ory/hydra and ory/kratos (golang-migrate/pop migrations, the
# PostgreSQL and the generic ones), temporal (versioned schema), goose's
# own test migrations, openfga. Files for other databases (MySQL, SQLite,
# CockroachDB, ClickHouse, ...) are left out by name, as are empty files.
set -euo pipefail
out=${1:?usage: realcorpus.sh DIR}
mods=(
	github.com/ory/hydra/v2@v2.3.0
	github.com/ory/kratos@v1.3.1
	go.temporal.io/server@v1.27.2
	github.com/pressly/goose/v3@v3.30.0
	github.com/openfga/openfga@v1.22.1
)
other='mysql|sqlite|cockroach|clickhouse|vertica|ydb|duckdb|turso|starrocks|spanner|mssql|sqlserver|redshift|tidb'
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
for m in "${mods[@]}"; do
	dir=$(GOFLAGS=-mod=mod go mod download -json "$m" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -d "$dir" ] || { echo "could not download $m" >&2; exit 2; }
	name=${m%@*}
	# testdata directories are renamed: grantguard skips them when walking,
	# and the corpus is for timing every tool on the same files.
	(cd "$dir" && find . -name '*.sql' -size +0 | grep -v -iE "$other" | while read -r f; do
		g=$(printf '%s' "$f" | sed 's#/testdata/#/fixtures/#g')
		mkdir -p "$out/$name/$(dirname "$g")"
		cp "$f" "$out/$name/$g"
		chmod u+w "$out/$name/$g"
	done)
done
echo "$(find "$out" -name '*.sql' | wc -l) SQL files, $(du -sh "$out" | cut -f1) in $out"
