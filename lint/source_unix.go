//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package lint

import (
	"io"
	"io/fs"
	"syscall"
)

// rawFile is a file read with plain system calls: no runtime poller
// registration (which fails, one wasted syscall per file, for regular
// files) and no *os.File finalizer. On a tree of small files the system
// calls are a large part of a run.
type rawFile int

// openSource opens a file to lint. O_NONBLOCK: opening a FIFO does not
// wait for a writer; the caller's fstat then sees it is not a regular file.
func openSource(name string) (sourceFile, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return rawFile(fd), nil
	}
}

func (f rawFile) info() (regular bool, size int64, err error) {
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f), &st); err != nil {
		return false, 0, err
	}
	return st.Mode&syscall.S_IFMT == syscall.S_IFREG, st.Size, nil
}

func (f rawFile) Read(b []byte) (int, error) {
	for {
		n, err := syscall.Read(int(f), b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(b) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f rawFile) Close() error { return syscall.Close(int(f)) }
