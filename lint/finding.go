package lint

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Finding is one problem found in one file, for every file kind, or on one
// object of a live server (see Object).
type Finding struct {
	Rule     string   // rule ID
	Severity Severity // effective severity (config overrides applied)
	Path     string   // slash-separated, relative to the working directory; "" for a live finding
	// Object is what a finding on a live server is about, in place of a
	// file position; zero for a finding in a file.
	Object  Object
	Line    int    // 1-based
	Col     int    // 1-based, in characters; 0 when unknown
	EndLine int    // 0 when unknown
	EndCol  int    // exclusive end column; 0 when unknown
	Message string // never holds a secret in clear
	// Source is the offending source line with every known secret on it
	// redacted, without its line terminator. Empty when there is none.
	Source string
	// Fingerprint identifies the finding across unrelated edits and line
	// shifts: a hash of rule, path and the normalized offending line, plus
	// an occurrence counter. Set by the engine.
	Fingerprint string
}

// Object names a database object, server setting or pg_hba.conf line of
// a live server: the location of a finding of grantguard audit.
type Object struct {
	// Kind is role, database, schema, table, sequence, function, column,
	// default privileges, setting, pg_hba.conf or session.
	Kind string
	// Name is the object's fully qualified name: shop.public.orders for a
	// table of database shop, alice for a role, 12 for line 12 of
	// pg_hba.conf.
	Name string
}

// HBAObject is the kind of an Object naming a pg_hba.conf line.
const HBAObject = "pg_hba.conf"

// IsZero reports whether o names nothing (a finding in a file).
func (o Object) IsZero() bool { return o.Kind == "" }

// String is the readable location: "role alice", "table shop.public.orders",
// "pg_hba.conf:12".
func (o Object) String() string {
	if o.Kind == HBAObject {
		return o.Kind + ":" + o.Name
	}
	return o.Kind + " " + o.Name
}

// Location is where the finding is, as text output shows it before the
// severity: path:line:col for a file, the object for a live finding.
func (f *Finding) Location() string {
	if !f.Object.IsZero() {
		return f.Object.String()
	}
	pos := f.Path
	if f.Line > 0 {
		pos += ":" + strconv.Itoa(f.Line)
		if f.Col > 0 {
			pos += ":" + strconv.Itoa(f.Col)
		}
	}
	return pos
}

// Compare orders findings by path, line, column, object, rule, then message.
// Paths are ordered component by component (see ComparePaths), the order
// in which a directory walk meets them.
func Compare(a, b Finding) int {
	return cmp.Or(
		ComparePaths(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		compareObjects(a.Object, b.Object),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// compareObjects orders objects by kind, then name; pg_hba.conf lines by
// number.
func compareObjects(a, b Object) int {
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	if a.Kind == HBAObject {
		na, _ := strconv.Atoi(a.Name)
		nb, _ := strconv.Atoi(b.Name)
		if c := cmp.Compare(na, nb); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Name, b.Name)
}

// SortFindings sorts findings into the stable output order.
func SortFindings(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// ComparePaths orders slash-separated paths component by component: a
// directory's files come where the directory's name sorts among its
// siblings ("a/x.sql" before "a.sql", because "a" < "a.sql"), which is the
// order filepath.WalkDir visits them in, so a walked tree is already in
// report order.
func ComparePaths(a, b string) int {
	for {
		ia, ib := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		ca, cb := a, b
		if ia >= 0 {
			ca = a[:ia]
		}
		if ib >= 0 {
			cb = b[:ib]
		}
		if c := cmp.Compare(ca, cb); c != 0 {
			return c
		}
		switch {
		case ia < 0 && ib < 0:
			return 0
		case ia < 0:
			return -1 // a file before the entries under a directory of the same name
		case ib < 0:
			return 1
		}
		a, b = a[ia+1:], b[ib+1:]
	}
}
