package diag

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/tools/go/analysis"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/rules"
)

// ConfigName is the file the drivers look for when none is given.
const ConfigName = ".grantguard.toml"

// configFor returns the configuration for pass: Config when it is set;
// with Discover, the nearest .grantguard.toml from the package's directory
// up to its module root (the directory holding go.mod), read once per
// directory; else the defaults.
func (s *Settings) configFor(pass *analysis.Pass) (*lint.Config, error) {
	if s.Config != nil || !s.Discover {
		return s.Cfg(), nil
	}
	dir := ""
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.FileStart); tf != nil {
			dir = filepath.Dir(tf.Name())
			break
		}
	}
	if dir == "" {
		return lint.DefaultConfig(), nil
	}
	path, err := FindConfig(dir)
	if err != nil || path == "" {
		return lint.DefaultConfig(), err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.loaded[path]; ok {
		return c.cfg, c.err
	}
	cfg, err := configfile.Load(path, rules.All.IDs())
	if s.loaded == nil {
		s.loaded = map[string]loadedConfig{}
	}
	s.loaded[path] = loadedConfig{cfg, err}
	return cfg, err
}

type loadedConfig struct {
	cfg *lint.Config
	err error
}

// FindConfig returns the .grantguard.toml nearest to dir: in dir or a
// parent, not above the module root (the first directory up from dir that
// holds go.mod). It returns "" when there is none.
func FindConfig(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, ConfigName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// ModuleRoot returns the directory of the go.mod that governs dir, or dir
// itself when it is in no module.
func ModuleRoot(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := dir; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// ResolveConfigPath resolves a configuration path given relative: against
// the working directory when the file is there, else against the module
// root of the working directory, since editors and go vet run the drivers
// from a package's directory.
func ResolveConfigPath(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	if _, err := os.Stat(path); err == nil {
		abs, err := filepath.Abs(path)
		if err == nil {
			return abs
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	return filepath.Join(ModuleRoot(wd), path)
}
