// Package lint is grantguard's engine: it discovers files, classifies them
// by kind, runs the rule catalogue over them in parallel and returns one
// sorted list of findings.
//
// The package defines the single Finding type shared by every file kind, the
// rule metadata (Meta) from which help, docs and SARIF rules are rendered,
// the SQL front end on pg_query (preprocess, parse, split, PL/pgSQL bodies),
// configuration and suppression. It imports neither the rules nor the
// analyzers: they import it, and the catalogue is handed to Run explicitly.
package lint
