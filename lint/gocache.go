package lint

import (
	"crypto/sha256"
	"encoding/json"

	"github.com/grantguard/grantguard/lint/gofront"
)

// goCache returns the Go analysis cache of the run, if any, and what of
// the configuration goes into its keys: a hash of all of it. The analyzers
// read the exempt hosts, network limits, roles and more, and report
// findings of disabled rules too (finish drops them), so any change to the
// configuration counts as a change of their results. Only the hash is
// kept: the configuration may hold passwords of its own. A configuration
// that cannot be hashed turns the cache off.
func (e *engine) goCache() (*gofront.Cache, []byte) {
	if e.opts.GoCache == nil {
		return nil, nil
	}
	data, err := json.Marshal(e.opts.Config)
	if err != nil {
		return nil, nil
	}
	h := sha256.Sum256(data)
	return e.opts.GoCache, h[:]
}
