// Built only with -tags benchtools: "go install ./..." (what pre-commit's
// golang hooks run) installs grantguard, not the benchmark tools.

//go:build benchtools

// Command benchgen writes a synthetic but realistic PostgreSQL migration
// tree for benchmarking grantguard (see package corpus for what it holds).
//
//	go run -tags benchtools ./internal/benchgen -out /tmp/corpus -files 2000
//
// The output depends only on -files, -seed and -sqlonly.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
)

func main() {
	out := flag.String("out", "", "directory to write the corpus into (created)")
	files := flag.Int("files", 1000, "number of files to write")
	seed := flag.Uint64("seed", 1, "random seed")
	sqlOnly := flag.Bool("sqlonly", false, "write only .sql files (no config files)")
	flag.Parse()
	if *out == "" || *files <= 0 {
		fmt.Fprintln(os.Stderr, "usage: benchgen -out DIR [-files N] [-seed S] [-sqlonly]")
		os.Exit(2)
	}
	if err := corpus.Write(*out, *files, *seed, *sqlOnly); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
