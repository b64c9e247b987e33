//go:build unix

package lint

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without blocking on a FIFO, which
// open(2) otherwise does until a writer comes; the caller's fstat then
// sees it is not a regular file.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
