// Built only with -tags benchtools: "go install ./..." (what pre-commit's
// golang hooks run) installs grantguard, not the benchmark tools.

//go:build benchtools

// Command parseonly is the baseline of bench/sql.sh: it reads every .sql
// file under the given directories and runs pg_query.Parse on it, nothing
// else, with one worker per core. With -preprocess (the default) each file
// first goes through grantguard's psql/template preprocess, so psql scripts
// and COPY data parse as they do in grantguard; without it files are parsed
// as they are, and a psql script fails at its first meta-command.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

func main() {
	pre := flag.Bool("preprocess", true, "run grantguard's SQL preprocess before parsing")
	jobs := flag.Int("jobs", runtime.NumCPU(), "parallel workers")
	flag.Parse()
	var files []string
	for _, root := range flag.Args() {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".sql") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	next := make(chan string)
	var failed, stmts atomic.Int64
	var wg sync.WaitGroup
	for range max(1, *jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				src, err := os.ReadFile(p)
				if err != nil {
					failed.Add(1)
					continue
				}
				text := string(src)
				if *pre {
					text = string(lint.PreprocessSQL(src))
				}
				res, err := pg_query.Parse(text)
				if err != nil {
					failed.Add(1)
					continue
				}
				stmts.Add(int64(len(res.Stmts)))
			}
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	fmt.Printf("%d files, %d statements, %d files failed to parse\n", len(files), stmts.Load(), failed.Load())
}
