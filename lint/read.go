package lint

import (
	"fmt"
	"io"
	"slices"
)

// readSource reads a file to lint, or says why it is skipped: it is gone
// or unreadable, not a regular file (a FIFO or device, perhaps put there
// since the walk: reading could block forever), or over MaxFileSize. One
// open and one fstat: on a tree of small files the syscalls are a large
// part of the run.
func readSource(name string) ([]byte, string) {
	f, err := openSource(name)
	if err != nil {
		return nil, "skipped: " + unwrapPathError(err).Error()
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose
	return readAll(f)
}

// readAll reads an open file to lint; a file that changes while it is
// read gives what was read, or a note when it grew over the limit.
func readAll(f sourceFile) ([]byte, string) {
	regular, size, err := f.info()
	if err != nil {
		return nil, "skipped: " + unwrapPathError(err).Error()
	}
	if !regular {
		return nil, "skipped: not a regular file"
	}
	if size > MaxFileSize {
		return nil, fmt.Sprintf("skipped: file is %d bytes, over the %d-byte limit", size, MaxFileSize)
	}
	// One byte more than the size, to see a file that grew since the stat.
	src := make([]byte, 0, size+1)
	for {
		if len(src) == cap(src) {
			if len(src) > MaxFileSize {
				return nil, fmt.Sprintf("skipped: file is over the %d-byte limit", MaxFileSize)
			}
			src = slices.Grow(src, min(len(src), MaxFileSize+1-len(src))+1)
		}
		want := cap(src) - len(src)
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "skipped: " + unwrapPathError(err).Error()
		}
		// A short read of a regular file that has all its bytes is its
		// end: no second read to hear EOF.
		if n < want && int64(len(src)) >= size {
			break
		}
	}
	if len(src) > MaxFileSize { // grew since the stat
		return nil, fmt.Sprintf("skipped: file is over the %d-byte limit", MaxFileSize)
	}
	return src, ""
}

// sourceFile is an open file to lint (see openSource).
type sourceFile interface {
	io.ReadCloser
	// info reports whether the file is regular, and its size.
	info() (regular bool, size int64, err error)
}
