// Package gofront is grantguard's Go front end: it loads the packages that
// hold a run's Go files, runs the go/analysis analyzers over them with the
// checker go vet uses, and returns each file's diagnostics in byte offsets,
// its comments (for suppression comments) and its first syntax error.
//
// A file no typed package covers (outside any module, excluded by build
// constraints, cgo, a module whose packages cannot be listed) is parsed
// alone and checked with its own package's declarations only, so literal
// checks still run. An analyzer that panics becomes a Note, not a crash.
package gofront
