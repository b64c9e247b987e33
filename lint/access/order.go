package access

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Migration is one SQL file to replay.
type Migration struct {
	Path string // slash-separated, as reported
	Src  []byte
}

// versionRE reads a migration version prefix: Flyway V1_2__x / R__x (and U,
// undo, which is never applied), or the leading digits of goose,
// golang-migrate and dbmate names (0001_x, 20240101120000_x).
var versionRE = regexp.MustCompile(`^(?:([VvRrUu])([0-9][0-9._]*)?__|([0-9]+)[_.-])`)

// Extension scripts: ext--1.1--1.2.sql updates version 1.1 to 1.2 (some
// extensions keep their update scripts as 1.1--1.2.sql), ext--1.2.sql
// installs version 1.2.
// extVersion is an extension version: 1.2, 2.0beta1, 9.5-1 (a single "-"
// may join parts; "--" separates versions).
const extVersion = `[0-9][0-9A-Za-z._]*(?:-[0-9A-Za-z._]+)*`

var (
	extUpdateRE  = regexp.MustCompile(`^(?:(.*?)--)?(` + extVersion + `)--(` + extVersion + `)\.sql$`)
	extInstallRE = regexp.MustCompile(`^(.+?)--(` + extVersion + `)\.sql$`)
)

// groupExtension is the order group of extension scripts, after every other.
const groupExtension = 3

type orderKey struct {
	group   int      // 0 versioned, 1 Flyway repeatable, 2 unversioned, groupExtension
	version []string // numeric segments, without leading zeros
	path    string
	// ext is an extension script's directory and extension name; install
	// is set for an install script (it sorts after the upgrade to the same
	// version).
	ext     string
	install bool
}

func keyOf(p string) (orderKey, bool) {
	base := path.Base(p)
	if strings.HasSuffix(base, ".down.sql") {
		return orderKey{}, false
	}
	// An extension's scripts, in the order of the versions they lead to: a
	// later update script is what fixes an earlier one. A downgrade script
	// is not applied on the way up.
	if m := extUpdateRE.FindStringSubmatch(base); m != nil {
		from, to := segments(m[2]), segments(m[3])
		if slices.CompareFunc(to, from, cmpSegment) < 0 {
			return orderKey{}, false
		}
		return orderKey{group: groupExtension, ext: path.Dir(p) + "/" + m[1], path: p, version: to}, true
	}
	if m := extInstallRE.FindStringSubmatch(base); m != nil {
		return orderKey{group: groupExtension, ext: path.Dir(p) + "/" + m[1], path: p, version: segments(m[2]), install: true}, true
	}
	m := versionRE.FindStringSubmatch(base)
	switch {
	case m == nil:
		return orderKey{group: 2, path: p}, true
	case m[3] != "":
		return orderKey{version: segments(m[3]), path: p}, true
	case strings.EqualFold(m[1], "u"):
		return orderKey{}, false
	case strings.EqualFold(m[1], "r"):
		// Repeatables run after every versioned migration, by description.
		return orderKey{group: 1, path: base[len(m[0]):] + "\x00" + p}, true
	case m[2] == "":
		return orderKey{group: 2, path: p}, true
	default:
		return orderKey{version: segments(m[2]), path: p}, true
	}
}

func segments(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
		s = strings.TrimLeft(s, "0")
		out = append(out, s)
	}
	return out
}

func cmpSegment(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

func cmpKey(a, b orderKey) int {
	if a.group != b.group {
		return a.group - b.group
	}
	if a.ext != b.ext {
		return strings.Compare(a.ext, b.ext)
	}
	for i := 0; i < len(a.version) && i < len(b.version); i++ {
		if c := cmpSegment(a.version[i], b.version[i]); c != 0 {
			return c
		}
	}
	if len(a.version) != len(b.version) {
		return len(a.version) - len(b.version)
	}
	if a.install != b.install {
		if a.install {
			return 1
		}
		return -1
	}
	return strings.Compare(a.path, b.path)
}

// Order returns the migrations that are applied, in the order a migration
// tool applies them: by version prefix (goose, golang-migrate, dbmate,
// Flyway; Flyway repeatable R__ migrations after the versioned ones), files
// without a version by path after those, then extension scripts
// (ext--1.0.sql, ext--1.0--1.1.sql), each extension's by the version they
// lead to. golang-migrate .down.sql files and
// Flyway U (undo) files are left out.
func Order(ms []Migration) []Migration {
	type keyed struct {
		k orderKey
		m Migration
	}
	var ks []keyed
	for _, m := range ms {
		if k, ok := keyOf(m.Path); ok {
			ks = append(ks, keyed{k, m})
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return cmpKey(a.k, b.k) })
	out := make([]Migration, len(ks))
	for i, k := range ks {
		out[i] = k.m
	}
	return out
}

// downMarkers start the part of a goose or dbmate migration that reverts it.
var downMarkers = regexp.MustCompile(`(?m)^[ \t]*--[ \t]*(?:\+goose[ \t]+Down|migrate:down)\b`)

// UpPart returns src with a goose "-- +goose Down" or dbmate
// "-- migrate:down" section blanked (newlines kept, so offsets and lines
// are unchanged): those statements are not applied.
func UpPart(src []byte) []byte {
	loc := downMarkers.FindIndex(src)
	if loc == nil {
		return src
	}
	out := bytes.Clone(src)
	for i := loc[0]; i < len(out); i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}
