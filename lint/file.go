package lint

import (
	"path"
	"strings"
)

// File is one file being linted.
type File struct {
	Path  string // slash-separated display path, relative to the working directory
	Abs   string // path to open
	Kind  Kind
	Src   []byte
	Lines *LineIndex
}

// Classify returns the kind of a file from its name (README, File kinds), or
// KindUnknown for files grantguard does not read when walking a directory.
// Go test files are KindGo too; the engine decides whether to read them.
func Classify(name string) Kind {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	switch {
	case ext == ".sql":
		return KindSQL
	case lower == "pg_hba.conf" || strings.HasPrefix(lower, "pg_hba") && ext == ".conf" || ext == ".hba":
		return KindHBA
	case strings.HasPrefix(lower, "postgresql") && ext == ".conf":
		return KindPGConf
	case ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".toml" || ext == ".tf":
		return KindConfig
	case lower == ".env" || ext == ".env" || strings.HasPrefix(lower, ".env."):
		return KindEnv
	case ext == ".go":
		return KindGo
	case strings.HasPrefix(lower, "pgbouncer") && ext == ".ini":
		return KindPgBouncer
	case strings.HasPrefix(lower, "userlist") && ext == ".txt":
		// PgBouncer's auth_file by the name its docs and images use; a
		// file of another shape is left alone (checkUserList).
		return KindUserList
	}
	switch ext {
	case ".sh", ".bash", ".zsh", ".ksh", ".py", ".rb", ".js", ".mjs", ".cjs", ".ts", ".java", ".properties", ".mk", ".dockerfile":
		return KindText
	}
	if lower == "makefile" || lower == "gnumakefile" || lower == "dockerfile" || strings.HasPrefix(lower, "dockerfile.") {
		return KindText
	}
	return KindUnknown
}
