package gofront

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"debug/elf"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CacheEnv names the environment variable that moves the cache (a
// directory) or turns it off ("off").
const CacheEnv = "GRANTGUARD_CACHE"

// Cache keeps the analyzers' results for a directory's packages between
// runs, under a key that covers everything the results depend on (see
// cacheKeys). A run on an unchanged package reads its results back instead
// of type-checking and analyzing it again, as go vet replays its own.
//
// Entries are files written to a temporary name and renamed into place, so
// concurrent runs never see half an entry; one that is unreadable anyway
// counts as a miss. Entries unused for trimAge are removed, at most once per
// trimInterval, as the go command trims its build cache.
//
// An entry holds what the analyzers reported: messages and notes may quote
// source text, a password included. Each entry is therefore sealed
// (AES-GCM) with a key derived from its cache key, which is itself a hash
// of the package's sources: whoever reads the cache directory without the
// sources learns nothing from it.
type Cache struct {
	dir string
	now func() time.Time
}

const (
	trimAge      = 5 * 24 * time.Hour // like GOCACHE
	trimInterval = 24 * time.Hour
	// touchAge: a hit older than this gets a new mtime, so that trimming
	// sees it as used without a write on every hit.
	touchAge = time.Hour
	// cacheVersion changes whenever the entry format or the key changes.
	cacheVersion = "grantguard go analysis cache v1"
	entryMagic   = "grantguard-go-cache-1\n"
)

// OpenCache returns the cache in dir/go, creating it.
func OpenCache(dir string) (*Cache, error) {
	d := filepath.Join(dir, "go")
	if err := os.MkdirAll(d, 0o777); err != nil {
		return nil, err
	}
	return &Cache{dir: d, now: time.Now}, nil
}

// DefaultCacheDir returns the directory of grantguard's cache: $GRANTGUARD_CACHE
// when set, else "grantguard" in the user's cache directory
// (os.UserCacheDir). It returns "" when the variable is "off" or there is no
// user cache directory.
func DefaultCacheDir() string {
	switch v := os.Getenv(CacheEnv); v {
	case "off":
		return ""
	case "":
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(d, "grantguard")
	default:
		if abs, err := filepath.Abs(v); err == nil {
			return abs
		}
		return v
	}
}

// OpenDefaultCache opens the cache in DefaultCacheDir, or returns nil when it
// is off or cannot be created (runs then analyze everything, as without a
// cache).
func OpenDefaultCache() *Cache {
	dir := DefaultCacheDir()
	if dir == "" {
		return nil
	}
	c, err := OpenCache(dir)
	if err != nil {
		return nil
	}
	return c
}

// Dir returns the directory the cache keeps its entries in.
func (c *Cache) Dir() string { return c.dir }

// cacheEntry is what the cache keeps for one directory of a module.
type cacheEntry struct {
	// Files are the files the directory's typed packages covered, by base
	// name, with what the analyzers found in them.
	Files map[string]*File
	// Notes are the notes about the directory.
	Notes []Note
}

// key is a cache key: a SHA-256 of everything an entry depends on.
type key [sha256.Size]byte

// name is the file an entry is kept in, and seal the key it is sealed
// with: both derived from k, neither reveals the other.
func (k key) name() string {
	h := sha256.Sum256(append([]byte("name\x00"), k[:]...))
	s := hex.EncodeToString(h[:])
	return filepath.Join(s[:2], s+"-g")
}

func (k key) seal() []byte {
	h := sha256.Sum256(append([]byte("seal\x00"), k[:]...))
	return h[:]
}

func (k key) aead() cipher.AEAD {
	b, err := aes.NewCipher(k.seal())
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	g, err := cipher.NewGCM(b)
	if err != nil {
		panic(err)
	}
	return g
}

// get returns the entry stored under k; ok is false for a miss, including
// an entry that cannot be read, opened or decoded.
func (c *Cache) get(k key) (e *cacheEntry, ok bool) {
	p := filepath.Join(c.dir, k.name())
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	rest, found := bytes.CutPrefix(data, []byte(entryMagic))
	g := k.aead()
	if !found || len(rest) < g.NonceSize() {
		return nil, false
	}
	plain, err := g.Open(nil, rest[:g.NonceSize()], rest[g.NonceSize():], []byte(k.name()))
	if err != nil {
		return nil, false
	}
	e = &cacheEntry{}
	if err := gob.NewDecoder(bytes.NewReader(plain)).Decode(e); err != nil {
		return nil, false
	}
	if fi, err := os.Stat(p); err == nil && c.now().Sub(fi.ModTime()) > touchAge {
		now := c.now()
		_ = os.Chtimes(p, now, now)
	}
	return e, true
}

// put stores e under k. A failure leaves the cache as it was: the next run
// analyzes the directory again.
func (c *Cache) put(k key, e *cacheEntry) error {
	var plain bytes.Buffer
	if err := gob.NewEncoder(&plain).Encode(e); err != nil {
		return err
	}
	g := k.aead()
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	out := append([]byte(entryMagic), nonce...)
	out = g.Seal(out, nonce, plain.Bytes(), []byte(k.name()))
	p := filepath.Join(c.dir, k.name())
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		return err
	}
	return writeRename(p, out)
}

// writeRename writes data to a temporary file next to p and renames it to
// p, so that readers see either the old entry or the whole new one. There
// is no fsync: after a crash, a torn entry fails to open and is a miss.
func writeRename(p string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// Trim removes entries (and temporary files left by killed runs) not used
// for trimAge, when the last trim is more than trimInterval ago.
func (c *Cache) Trim() {
	stamp := filepath.Join(c.dir, "trim.txt")
	now := c.now()
	if data, err := os.ReadFile(stamp); err == nil {
		if sec, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && now.Sub(time.Unix(sec, 0)) < trimInterval {
			return
		}
	}
	// Written first: a concurrent run that reads it does not trim too.
	_ = writeRename(stamp, []byte(strconv.FormatInt(now.Unix(), 10)+"\n"))
	cutoff := now.Add(-trimAge)
	subs, _ := os.ReadDir(c.dir)
	for _, sub := range subs {
		if !sub.IsDir() || len(sub.Name()) != 2 {
			continue
		}
		d := filepath.Join(c.dir, sub.Name())
		entries, _ := os.ReadDir(d)
		for _, de := range entries {
			fi, err := de.Info()
			if err == nil && fi.Mode().IsRegular() && fi.ModTime().Before(cutoff) {
				_ = os.Remove(filepath.Join(d, de.Name()))
			}
		}
	}
}

// Clean removes every entry of the cache.
func (c *Cache) Clean() error {
	subs, err := os.ReadDir(c.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, sub := range subs {
		if err := os.RemoveAll(filepath.Join(c.dir, sub.Name())); err != nil {
			return err
		}
	}
	return nil
}

// executableID identifies the running grantguard binary: its Go build ID,
// which the go command derives from everything the binary is built from,
// or else a hash of the whole file.
var executableID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	if id := goBuildID(f); id != "" {
		return "buildid " + id
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return fmt.Sprintf("sha256 %x", h.Sum(nil))
})

// goBuildID reads the Go build ID of the executable f, as `go tool buildid`
// does: from the ELF note the linker writes, or from the
// `\xff Go build ID: "..."` string at the start of a binary's Go text,
// within its first pages when the Go linker linked it. It returns "" when
// it finds neither.
func goBuildID(f *os.File) string {
	if ef, err := elf.NewFile(f); err == nil {
		if s := ef.Section(".note.go.buildid"); s != nil {
			d, err := s.Data()
			if err != nil || len(d) < 16 {
				return ""
			}
			bo := ef.ByteOrder
			namesz, descsz, typ := bo.Uint32(d), bo.Uint32(d[4:]), bo.Uint32(d[8:])
			descAt := 12 + (namesz+3)&^3
			if typ != 4 || namesz != 4 || string(d[12:16]) != "Go\x00\x00" || uint64(descAt)+uint64(descsz) > uint64(len(d)) {
				return ""
			}
			return string(d[descAt : descAt+descsz])
		}
	}
	head := make([]byte, 32<<10)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	const prefix = "\xff Go build ID: \""
	if i := bytes.Index(head, []byte(prefix)); i >= 0 {
		rest := head[i+len(prefix):]
		if j := bytes.IndexByte(rest, '"'); j > 0 {
			return string(rest[:j])
		}
	}
	return ""
}

// Size returns the number of entries in the cache and their total size in
// bytes.
func (c *Cache) Size() (entries int, bytes int64) {
	subs, _ := os.ReadDir(c.dir)
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		des, _ := os.ReadDir(filepath.Join(c.dir, sub.Name()))
		for _, de := range des {
			if fi, err := de.Info(); err == nil && fi.Mode().IsRegular() && strings.HasSuffix(de.Name(), "-g") {
				entries++
				bytes += fi.Size()
			}
		}
	}
	return entries, bytes
}
