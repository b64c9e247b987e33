// Package gitdiff finds the lines of a git working tree that were added or
// changed since a revision, for grantguard's --new-from-rev mode.
//
// It runs "git diff --unified=0 REV" (the working tree, staged or not,
// against REV) and keeps the "+" side of every hunk. Lines that were only
// deleted leave nothing to report on and are not counted. Renamed files
// count only their edited lines. Untracked files (not ignored) are new in
// their entirety: in a pre-commit or local run they are the newest code of
// all.
package gitdiff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Range is a run of added or changed lines, 1-based and inclusive.
type Range struct{ From, To int }

// Changes holds the added and changed lines of each file.
type Changes struct {
	// Root is the absolute top-level directory of the work tree, with
	// symbolic links resolved.
	Root string
	// Files maps a slash-separated path relative to Root to its changed
	// ranges, in file order. A nil slice means the whole file is new.
	Files map[string][]Range
}

// Error is a failure to compute the changes: not a git repository, an
// unknown revision, git missing or failing.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// Since returns the lines of the work tree containing dir that were added
// or changed since rev.
func Since(ctx context.Context, dir, rev string) (*Changes, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &Error{"--new-from-rev needs git, which is not installed or not on PATH"}
	}
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &Error{fmt.Sprintf("--new-from-rev needs a git repository, and %s is not inside one", dir)}
	}
	root := strings.TrimRight(string(top), "\r\n")
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if strings.HasPrefix(rev, "-") {
		return nil, &Error{fmt.Sprintf("--new-from-rev: %q is not a revision", rev)}
	}
	// "^{commit}" makes a tree or blob name an error too; --end-of-options
	// keeps a revision from being read as an option.
	if _, err := git(ctx, root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, &Error{fmt.Sprintf("--new-from-rev: unknown revision %q in %s", rev, root)}
	}
	// Every option that user configuration could change is given, so the
	// output has the shape Parse expects whatever ~/.gitconfig says
	// (diff.noprefix, diff.mnemonicPrefix, diff.relative, color.ui, ...).
	out, err := git(ctx, root, "-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff",
		"--no-textconv", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/", "--find-renames", "--diff-filter=d",
		rev, "--")
	if err != nil {
		return nil, &Error{fmt.Sprintf("--new-from-rev: git diff %s: %v", rev, err)}
	}
	files, err := Parse(bytes.NewReader(out))
	if err != nil {
		return nil, &Error{fmt.Sprintf("--new-from-rev: reading git diff: %v", err)}
	}
	untracked, err := git(ctx, root, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, &Error{fmt.Sprintf("--new-from-rev: listing untracked files: %v", err)}
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p != "" {
			files[p] = nil
		}
	}
	return &Changes{Root: root, Files: files}, nil
}

// git runs git in dir and returns its standard output; an error carries
// git's own message.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// Contains reports whether line of the file at path (absolute, or relative
// to workDir) was added or changed. Line 0 stands for a finding about the
// whole file, which counts when the file has any change.
func (c *Changes) Contains(workDir, path string, line int) bool {
	rel, ok := c.rel(workDir, path)
	if !ok {
		return false
	}
	ranges, ok := c.Files[rel]
	if !ok {
		return false
	}
	if ranges == nil || line <= 0 {
		return true
	}
	for _, r := range ranges {
		if r.From <= line && line <= r.To {
			return true
		}
	}
	return false
}

// rel returns path relative to the work tree root, or false when it lies
// outside.
func (c *Changes) rel(workDir, path string) (string, bool) {
	p := filepath.FromSlash(path)
	if !filepath.IsAbs(p) {
		p = filepath.Join(workDir, p)
	}
	// git reports the root with symbolic links resolved (/tmp may be a link,
	// a checkout may sit behind one); resolve the file's directory the same
	// way. The file itself is not resolved: a symlinked file is reported
	// under its own name, as git tracks it.
	if d, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(d, filepath.Base(p))
	}
	r, err := filepath.Rel(c.Root, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// Parse reads the output of "git diff --unified=0" and returns the added
// lines of each file by its path in the new tree. Deleted files, and files
// whose diff has no added lines (a pure deletion, a mode change, a binary
// file), are left out.
func Parse(r io.Reader) (map[string][]Range, error) {
	files := map[string][]Range{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	cur := ""
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = ""
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				cur = ""
				continue
			}
			p, err := unquote(name)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			cur = strings.TrimPrefix(p, "b/")
		case strings.HasPrefix(line, "@@ "):
			if cur == "" {
				continue
			}
			from, count, err := hunkNew(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			if count > 0 {
				files[cur] = append(files[cur], Range{from, from + count - 1})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// hunkNew reads the new-file side of a hunk header "@@ -a[,b] +c[,d] @@".
func hunkNew(h string) (from, count int, err error) {
	bad := fmt.Errorf("malformed hunk header %q", h)
	fields := strings.Fields(h)
	if len(fields) < 4 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, bad
	}
	start, length, hasLen := strings.Cut(fields[2][1:], ",")
	if from, err = strconv.Atoi(start); err != nil {
		return 0, 0, bad
	}
	count = 1
	if hasLen {
		if count, err = strconv.Atoi(length); err != nil {
			return 0, 0, bad
		}
	}
	return from, count, nil
}

// unquote undoes git's C-style quoting of a path ("b/tab\there"), which git
// applies to names with control characters, quotes or backslashes even with
// core.quotePath off.
func unquote(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) {
		return "", fmt.Errorf("malformed quoted path %s", s)
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("malformed quoted path %q", s)
		}
		switch e := s[i]; e {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '"', '\\':
			b.WriteByte(e)
		default: // three octal digits: one byte of a UTF-8 sequence
			if i+3 > len(s) {
				return "", fmt.Errorf("malformed quoted path %q", s)
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return "", fmt.Errorf("malformed quoted path %q", s)
			}
			b.WriteByte(byte(v))
			i += 2
		}
	}
	return b.String(), nil
}
