package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/grantguard/grantguard/lint/format"
	"github.com/grantguard/grantguard/lsp"
	"github.com/grantguard/grantguard/rules"
)

// runLSP serves the Language Server Protocol on stdin and stdout until the
// client sends exit.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// Editors start language servers with --stdio; stdio is the only
	// transport, so the flag is accepted and changes nothing.
	fs.Bool("stdio", true, "talk over standard input and output (the only transport)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard lsp [--stdio]\n\nA language server over standard input and output: diagnostics for the\nfiles an editor has open, as grantguard check reports them.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "grantguard lsp: unexpected argument %q\n", fs.Arg(0))
		return exitError
	}
	s := lsp.New(lsp.Options{Catalogue: rules.All, History: rules.History, Version: version, Hover: format.HelpMarkdown})
	return s.Run(stdin, stdout)
}
