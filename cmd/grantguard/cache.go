package main

import (
	"fmt"
	"io"

	"github.com/grantguard/grantguard/lint/gofront"
)

const cacheUsage = `usage: grantguard cache clean|status

The cache keeps the Go analyzers' results per package, so that check on an
unchanged package reads them back instead of analyzing it again. It lives in
$GRANTGUARD_CACHE, or else grantguard/ in the user cache directory;
GRANTGUARD_CACHE=off turns it off.

  clean    remove every entry
  status   print the cache directory, its number of entries and size
`

// runCache is grantguard cache: clean empties the Go analysis cache, status
// says where it is and how big.
func runCache(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] != "clean" && args[0] != "status" {
		fmt.Fprint(stderr, cacheUsage)
		return exitError
	}
	dir := gofront.DefaultCacheDir()
	if dir == "" {
		fmt.Fprintf(stdout, "the cache is off (%s=off, or no user cache directory)\n", gofront.CacheEnv)
		return exitOK
	}
	c, err := gofront.OpenCache(dir)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: cache: %v\n", err)
		return exitError
	}
	if args[0] == "clean" {
		if err := c.Clean(); err != nil {
			fmt.Fprintf(stderr, "grantguard: cache clean: %v\n", err)
			return exitError
		}
		return exitOK
	}
	n, size := c.Size()
	fmt.Fprintf(stdout, "Dir: %s\nEntries: %d\nSize: %.1f KiB\n", c.Dir(), n, float64(size)/1024)
	return exitOK
}
