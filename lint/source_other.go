//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package lint

import (
	"errors"
	"os"
)

type osFile struct{ *os.File }

// openSource opens a file to lint. Without O_NONBLOCK, a file that is not
// regular is refused before it is opened: opening a FIFO would wait for a
// writer.
func openSource(name string) (sourceFile, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return osFile{f}, nil
}

func (f osFile) info() (regular bool, size int64, err error) {
	info, err := f.Stat()
	if err != nil {
		return false, 0, err
	}
	return info.Mode().IsRegular(), info.Size(), nil
}
