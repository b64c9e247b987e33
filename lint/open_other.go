//go:build !unix

package lint

import (
	"errors"
	"os"
)

// openNoBlock opens a file for reading. Without O_NONBLOCK, a file that is
// not regular is refused before it is opened (a pipe could block the open).
func openNoBlock(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	return os.Open(name)
}
