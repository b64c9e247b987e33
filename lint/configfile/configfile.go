// Package configfile reads .grantguard.toml into a lint.Config. Every key
// is checked: an unknown key, a value of the wrong type or a bad value is an
// *Error naming the file, line and key, with a did-you-mean suggestion.
//
// The file is decoded with BurntSushi/toml (the TOML library the project
// uses for its own config, which reports the line of a syntax error); the
// keys' lines come from a small scanner of the same text, since the decoder
// gives a map without positions.
package configfile

import (
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/grantguard/grantguard/lint"
)

// Error is a problem with a config file: a syntax error, an unknown
// key or a bad value. It names the file, the line (and, for syntax errors,
// the column) and the key, so the CLI can print it as is and exit 2.
type Error struct {
	File string // the config file, as given
	Line int    // 1-based; 0 when the problem has no line (an unreadable file)
	Col  int    // 1-based column in code points; 0 when not known
	Key  string // the full dotted key, e.g. "rules.severity.grant-all"; may be empty
	Msg  string // what is wrong, without the position

	err error // the underlying error, for errors.Is (e.g. fs.ErrNotExist)
}

// Error returns "file:line:col: msg", leaving out the column or line when
// they are not known.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap returns the I/O error behind an unreadable config, if any.
func (e *Error) Unwrap() error { return e.err }

// Load reads a .grantguard.toml and returns DefaultConfig overridden by
// what the file sets. knownRules lists every valid rule ID; [rules] disable
// and severity may name only those.
//
// Every key is checked: an unknown key, a value of the wrong type or a bad
// value is an error, and every error is a *Error naming the file, line
// and key. When a file has several problems, the one on the first line is
// returned.
//
// Lists replace or add to the defaults as the README documents: superuser_roles adds
// to the built-in superuser-equivalent roles, while [tls] exempt_hosts, when
// present, replaces DefaultExemptHosts entirely (so a file that wants to keep
// localhost exempt must list it).
func Load(path string, knownRules []string) (*lint.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := err.Error()
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			msg = pe.Err.Error() // the path is already the prefix
		}
		return nil, &Error{File: path, Msg: "cannot read config: " + msg, err: err}
	}
	return Parse(path, data, knownRules)
}

// Parse is Load on the contents of a file already read. name is
// the file's path: it is used in error messages, as Config.Path, and to find
// Config.Dir.
func Parse(name string, data []byte, knownRules []string) (*lint.Config, error) {
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil, configSyntaxError(name, data, err)
	}
	p := &configParser{
		name:  name,
		keys:  indexConfigKeys(data),
		rules: knownRules,
		cfg:   lint.DefaultConfig(),
	}
	p.cfg.Path = name
	p.cfg.Dir = filepath.Dir(name)
	if abs, err := filepath.Abs(name); err == nil {
		p.cfg.Dir = filepath.Dir(abs)
	}
	p.document(doc)
	if len(p.errs) > 0 {
		return nil, p.first()
	}
	return p.cfg, nil
}

// configSyntaxError turns a TOML parse error into a Error. The
// column is recomputed from the byte offset because the parser's own column
// is off for errors at the first byte of a line, and counts bytes.
func configSyntaxError(name string, data []byte, err error) *Error {
	pe, ok := errors.AsType[toml.ParseError](err)
	if !ok {
		return &Error{File: name, Msg: err.Error(), err: err}
	}
	ce := &Error{File: name, Line: max(pe.Position.Line, 0), Key: pe.LastKey, Msg: "toml: " + pe.Message, err: err}
	if line, col := lint.NewLineIndex(data).Position(pe.Position.Start); line == ce.Line {
		ce.Col = col
	}
	return ce
}

// The config schema. Each level lists its keys in the order the README shows
// them; did-you-mean suggestions are drawn from these lists.
var (
	configTopKeys     = []string{"exclude", "rules", "network", "tls", "audit", "drift", "superuser_roles", "not_superuser_roles", "history", "sql", "tests", "roles", "policy", "require_declared_roles", "api"}
	configRulesKeys   = []string{"disable", "severity"}
	configNetworkKeys = []string{"max_public_prefix_v4", "max_public_prefix_v6", "max_private_prefix_v4", "allow"}
	configTLSKeys     = []string{"exempt_hosts"}
	configAuditKeys   = []string{"require_audit"}
	configDriftKeys   = []string{"schemas", "ignore_roles", "migration_user"}
	configRoleKeys    = []string{"tier", "schemas", "allow"}
	configPolicyKeys  = []string{"require_declared_roles"}
	configSQLKeys     = []string{"postgres", "other_dialects"}
	configTestsKeys   = []string{"paths", "lint"}
	configAPIKeys     = []string{"schemas", "roles", "grants_by_default"}
	// configTiers are the role tiers, least to most privileged.
	configTiers = []string{"readonly", "readwrite", "admin", "superuser"}
	// configPrivileges are the privilege words a role's allow entry may
	// start with: the privileges GRANT knows, as PostgreSQL spells them.
	configPrivileges = []string{"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
		"TRIGGER", "USAGE", "CREATE", "CONNECT", "TEMPORARY", "EXECUTE"}
)

// configParser checks a decoded document against the schema and fills cfg.
// It collects every problem so that the one on the first line can be
// reported, whatever order the decoded maps are walked in.
type configParser struct {
	name  string
	keys  *configKeyIndex
	rules []string
	cfg   *lint.Config
	errs  []*Error
}

// first returns the problem on the earliest line; ties go to the one found
// first.
func (p *configParser) first() *Error {
	best := p.errs[0]
	for _, e := range p.errs[1:] {
		if e.Line > 0 && (best.Line == 0 || e.Line < best.Line) {
			best = e
		}
	}
	return best
}

// errAt records a problem with the value at key, on the key's line.
func (p *configParser) errAt(key []string, format string, args ...any) {
	p.errLine(key, p.keys.line(key), configLabel(key)+": "+fmt.Sprintf(format, args...))
}

// errElem records a problem with element i of the array at key, on the
// element's line.
func (p *configParser) errElem(key []string, i int, format string, args ...any) {
	p.errLine(key, p.keys.elemLine(key, i), configLabel(key)+": "+fmt.Sprintf(format, args...))
}

func (p *configParser) errLine(key []string, line int, msg string) {
	p.errs = append(p.errs, &Error{File: p.name, Line: line, Key: toml.Key(key).String(), Msg: msg})
}

// unknown records an unknown key. known are the keys valid at its level.
func (p *configParser) unknown(key []string, known []string) {
	msg := fmt.Sprintf("unknown key %q", toml.Key(key).String())
	parent := key[:len(key)-1]
	last := key[len(key)-1]
	if s := Suggest(last, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", toml.Key(append(slices.Clip(parent), s)).String())
	} else if s := configElsewhere(last); s != "" && s != toml.Key(key).String() {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	p.errLine(key, p.keys.line(key), msg)
}

// configElsewhere finds a key put at the wrong level, e.g. a top-level
// "disable" that belongs in [rules]: it returns the full key, or "".
func configElsewhere(name string) string {
	for _, lv := range []struct {
		table string
		keys  []string
	}{{"", configTopKeys}, {"rules", configRulesKeys}, {"network", configNetworkKeys}, {"tls", configTLSKeys}, {"audit", configAuditKeys}, {"drift", configDriftKeys}, {"policy", configPolicyKeys}, {"sql", configSQLKeys}, {"tests", configTestsKeys}, {"api", configAPIKeys}} {
		if slices.Contains(lv.keys, name) {
			if lv.table == "" {
				return name
			}
			return lv.table + "." + name
		}
	}
	return ""
}

func (p *configParser) document(doc map[string]any) {
	for _, k := range configSortedKeys(doc) {
		key, v := []string{k}, doc[k]
		switch k {
		case "exclude":
			p.cfg.Exclude = p.globs(key, v)
		case "superuser_roles":
			p.cfg.SuperuserRoles = append(p.cfg.SuperuserRoles, p.strings(key, v, true)...)
		case "not_superuser_roles":
			p.cfg.NotSuperuserRoles = append(p.cfg.NotSuperuserRoles, p.strings(key, v, true)...)
		case "history":
			p.history(key, v)
		case "sql":
			p.table(key, v, configSQLKeys, func(key []string, v any) {
				if key[1] == "postgres" {
					p.cfg.SQL.Postgres = p.globs(key, v)
				} else {
					p.cfg.SQL.OtherDialects = p.globs(key, v)
				}
			})
		case "tests":
			p.table(key, v, configTestsKeys, func(key []string, v any) {
				if key[1] == "paths" {
					p.cfg.Tests.Paths = p.globs(key, v)
				} else {
					p.cfg.Tests.Lint = p.globs(key, v)
				}
			})
		case "rules":
			p.table(key, v, configRulesKeys, p.rulesKey)
		case "network":
			p.table(key, v, configNetworkKeys, p.networkKey)
		case "tls":
			p.table(key, v, configTLSKeys, p.tlsKey)
		case "audit":
			// The documented example writes superuser_roles after [audit], which
			// makes it audit.superuser_roles in TOML. Read it there too, so
			// the example means what its comment says.
			p.table(key, v, append(slices.Clip(configAuditKeys), "superuser_roles"), p.auditKey)
		case "drift":
			p.table(key, v, configDriftKeys, p.driftKey)
		case "roles":
			p.roles(key, v)
		case "policy":
			p.table(key, v, configPolicyKeys, p.policyKey)
		case "require_declared_roles":
			// Also at the top level, where TOML puts it when written
			// before the first table.
			p.policyKey(key, v)
		case "api":
			p.api(key, v)
		default:
			p.unknown(key, configTopKeys)
		}
	}
}

// table checks that v is a table and hands each of its entries to f;
// entries not in known are unknown keys.
func (p *configParser) table(key []string, v any, known []string, f func(key []string, v any)) {
	t, ok := v.(map[string]any)
	if !ok {
		p.errAt(key, "expected a table, got %s", configTypeName(v))
		return
	}
	for _, k := range configSortedKeys(t) {
		sub := append(slices.Clip(key), k)
		if !slices.Contains(known, k) {
			p.unknown(sub, known)
			continue
		}
		f(sub, t[k])
	}
}

func (p *configParser) rulesKey(key []string, v any) {
	switch key[1] {
	case "disable":
		for i, id := range p.strings(key, v, true) {
			if p.knownRule(key, i, id) {
				p.cfg.Disabled[id] = true
			}
		}
	case "severity":
		t, ok := v.(map[string]any)
		if !ok {
			p.errAt(key, "expected a table of rule = severity, got %s", configTypeName(v))
			return
		}
		for _, id := range configSortedKeys(t) {
			entry := append(slices.Clip(key), id)
			if !slices.Contains(p.rules, id) {
				p.errLine(entry, p.keys.line(entry), configLabel(key)+": "+configUnknown("rule", id, p.rules))
				continue
			}
			s, ok := t[id].(string)
			if !ok {
				p.errLine(entry, p.keys.line(entry), fmt.Sprintf("%s: expected a string for %q, got %s",
					configLabel(key), id, configTypeName(t[id])))
				continue
			}
			sev, err := lint.ParseSeverity(s)
			if err != nil {
				p.errLine(entry, p.keys.line(entry), fmt.Sprintf("%s: bad severity %q for %q (want error, warning or note)",
					configLabel(key), s, id))
				continue
			}
			p.cfg.Severity[id] = sev
		}
	}
}

// knownRule reports whether id, element i of the list at key, is a rule
// ID, recording an error when it is not.
func (p *configParser) knownRule(key []string, i int, id string) bool {
	if slices.Contains(p.rules, id) {
		return true
	}
	p.errElem(key, i, "%s", configUnknown("rule", id, p.rules))
	return false
}

func (p *configParser) networkKey(key []string, v any) {
	n := &p.cfg.Network
	switch key[1] {
	case "max_public_prefix_v4":
		p.prefixLen(key, v, 32, &n.MaxPublicPrefixV4)
	case "max_public_prefix_v6":
		p.prefixLen(key, v, 128, &n.MaxPublicPrefixV6)
	case "max_private_prefix_v4":
		p.prefixLen(key, v, 32, &n.MaxPrivatePrefixV4)
	case "allow":
		list := p.strings(key, v, true)
		n.Allow = make([]netip.Prefix, 0, len(list))
		for i, s := range list {
			pfx, err := configPrefix(s)
			if err != nil {
				p.errElem(key, i, "bad CIDR %q: %v", s, err)
				continue
			}
			n.Allow = append(n.Allow, pfx)
		}
	}
}

// prefixLen reads a prefix length between 0 and maxBits into dst.
func (p *configParser) prefixLen(key []string, v any, maxBits int, dst *int) {
	n, ok := v.(int64)
	if !ok {
		p.errAt(key, "expected an integer, got %s", configTypeName(v))
		return
	}
	if n < 0 || n > int64(maxBits) {
		p.errAt(key, "%d is out of range (want 0..%d)", n, maxBits)
		return
	}
	*dst = int(n)
}

// configPrefix parses an allow entry: a CIDR, masked to its network, or a
// bare address, which stands for itself alone (/32 or /128).
func configPrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		pfx, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, configNetipReason(err)
		}
		return pfx.Masked(), nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, configNetipReason(err)
	}
	if addr.Zone() != "" {
		return netip.Prefix{}, errors.New("IPv6 zones are not allowed")
	}
	return netip.PrefixFrom(addr, addr.BitLen()), nil
}

// configNetipReason drops the `netip.ParsePrefix("...")` and
// `ParseAddr("...")` prefixes from a netip error: the message already
// quotes the entry.
func configNetipReason(err error) error {
	msg := err.Error()
	for {
		i := strings.Index(msg, `"): `)
		if i < 0 {
			return errors.New(msg)
		}
		msg = msg[i+len(`"): `):]
	}
}

func (p *configParser) tlsKey(key []string, v any) {
	// Replaces the defaults rather than adding to them: the docs show the
	// default list as the value, so a file can also remove an entry.
	p.cfg.ExemptHosts = p.strings(key, v, true)
	if p.cfg.ExemptHosts == nil {
		p.cfg.ExemptHosts = []string{}
	}
}

func (p *configParser) auditKey(key []string, v any) {
	switch key[1] {
	case "require_audit":
		b, ok := v.(bool)
		if !ok {
			p.errAt(key, "expected a boolean, got %s", configTypeName(v))
			return
		}
		p.cfg.Audit.RequireAudit = b
	case "superuser_roles":
		p.cfg.SuperuserRoles = append(p.cfg.SuperuserRoles, p.strings(key, v, true)...)
	}
}

func (p *configParser) driftKey(key []string, v any) {
	switch key[1] {
	case "schemas":
		p.cfg.Drift.Schemas = p.strings(key, v, true)
	case "ignore_roles":
		roles := p.strings(key, v, true)
		for _, r := range roles {
			if _, err := path.Match(r, ""); err != nil {
				p.errAt(key, "bad pattern %q: %v", r, err)
				return
			}
		}
		p.cfg.Drift.IgnoreRoles = roles
	case "migration_user":
		s, ok := v.(string)
		if !ok || s == "" {
			p.errAt(key, "expected a role name, got %s", configTypeName(v))
			return
		}
		p.cfg.Drift.MigrationUser = s
	}
}

// history reads history: "final" (the default) reports what a migration
// history leaves in place, "every" each statement as written.
func (p *configParser) history(key []string, v any) {
	s, ok := v.(string)
	if !ok {
		p.errAt(key, "expected a string, got %s", configTypeName(v))
		return
	}
	switch s {
	case "final":
		p.cfg.HistoryEvery = false
	case "every":
		p.cfg.HistoryEvery = true
	default:
		p.errAt(key, "bad value %q (want \"final\" or \"every\")", s)
	}
}

func (p *configParser) policyKey(key []string, v any) {
	b, ok := v.(bool)
	if !ok {
		p.errAt(key, "expected a boolean, got %s", configTypeName(v))
		return
	}
	p.cfg.RequireDeclaredRoles = b
}

// api reads [api]: the schemas an HTTP API exposes, its roles, and
// whether the platform grants them everything in those schemas.
func (p *configParser) api(key []string, v any) {
	p.cfg.API.Set = true
	p.table(key, v, configAPIKeys, func(key []string, v any) {
		switch key[1] {
		case "schemas":
			p.cfg.API.Schemas = p.strings(key, v, true)
			if p.cfg.API.Schemas == nil {
				p.cfg.API.Schemas = []string{}
			}
		case "roles":
			p.cfg.API.Roles = p.strings(key, v, true)
		case "grants_by_default":
			b, ok := v.(bool)
			if !ok {
				p.errAt(key, "expected a boolean, got %s", configTypeName(v))
				return
			}
			p.cfg.API.GrantsByDefault = b
		}
	})
	if t, ok := v.(map[string]any); ok && p.cfg.API.GrantsByDefault {
		if _, has := t["schemas"]; !has {
			p.errAt(append(slices.Clip(key), "grants_by_default"), "needs schemas: the schemas whose objects the platform grants to the API roles")
		}
	}
}

// roles reads the [roles.NAME] tables.
func (p *configParser) roles(key []string, v any) {
	t, ok := v.(map[string]any)
	if !ok {
		p.errAt(key, "expected a table of [roles.NAME] tables, got %s", configTypeName(v))
		return
	}
	for _, name := range configSortedKeys(t) {
		rkey := append(slices.Clip(key), name)
		if name == "" {
			p.errAt(rkey, "empty role name")
			continue
		}
		if rp, ok := p.role(rkey, t[name]); ok {
			p.cfg.Roles[name] = rp
		}
	}
}

// role reads one [roles.NAME] table.
func (p *configParser) role(key []string, v any) (lint.RolePolicy, bool) {
	var rp lint.RolePolicy
	t, ok := v.(map[string]any)
	if !ok {
		p.errAt(key, "expected a table, got %s", configTypeName(v))
		return rp, false
	}
	nerr := len(p.errs)
	for _, k := range configSortedKeys(t) {
		if !slices.Contains(configRoleKeys, k) {
			p.unknown(append(slices.Clip(key), k), configRoleKeys)
		}
	}
	label := "[" + toml.Key(key).String() + "] "
	tierKey := append(slices.Clip(key), "tier")
	tv, hasTier := t["tier"]
	tier, isString := tv.(string)
	switch {
	case !hasTier:
		p.errLine(tierKey, p.keys.line(key), label+"tier: required (want readonly, readwrite, admin or superuser)")
	case !isString:
		p.errAt(tierKey, "expected a string, got %s", configTypeName(tv))
	case !slices.Contains(configTiers, tier):
		msg := configUnknown("tier", tier, configTiers)
		if !strings.HasSuffix(msg, "?)") { // no suggestion: list them all
			msg += " (want readonly, readwrite, admin or superuser)"
		}
		p.errAt(tierKey, "%s", msg)
	default:
		rp.Tier = tier
	}
	schemasKey := append(slices.Clip(key), "schemas")
	if sv, ok := t["schemas"]; ok {
		rp.Schemas = p.strings(schemasKey, sv, true)
		switch {
		case rp.Tier == "": // already reported
		case rp.Tier != "admin":
			p.errAt(schemasKey, "only allowed for tier \"admin\", not %q", rp.Tier)
		case len(rp.Schemas) == 0:
			p.errAt(schemasKey, "must not be empty for tier \"admin\"")
		}
	} else if rp.Tier == "admin" {
		// The table's line, not the tier's: the problem is what is missing.
		p.errLine(schemasKey, p.keys.line(key), label+"schemas: required for tier \"admin\"")
	}
	if av, ok := t["allow"]; ok {
		allowKey := append(slices.Clip(key), "allow")
		for i, s := range p.strings(allowKey, av, true) {
			entry, err := configAllowEntry(s)
			if err != nil {
				p.errElem(allowKey, i, "bad entry %q: %v", s, err)
				continue
			}
			rp.Allow = append(rp.Allow, entry)
		}
	}
	return rp, len(p.errs) == nerr
}

// configAllowEntry checks that s has the shape "PRIVILEGE ON object" and
// returns it with the privilege and ON upper-cased and spaces collapsed, so
// the policy check can split it on the first two spaces. The object is kept
// as written: identifier case is the policy check's business.
func configAllowEntry(s string) (string, error) {
	f := strings.Fields(s)
	const shape = `want "PRIVILEGE ON object"`
	if len(f) == 0 {
		return "", errors.New(shape)
	}
	priv := strings.ToUpper(f[0])
	if !slices.Contains(configPrivileges, priv) {
		return "", errors.New(configUnknown("privilege", f[0], configPrivileges))
	}
	if len(f) < 3 || !strings.EqualFold(f[1], "ON") {
		return "", errors.New(shape)
	}
	return priv + " ON " + strings.Join(f[2:], " "), nil
}

// globs reads exclude: globs relative to the config file's directory, with
// ** for any number of path elements.
func (p *configParser) globs(key []string, v any) []string {
	list := p.strings(key, v, true)
	for i, g := range list {
		// ** is not path.Match syntax; the rest of the pattern is.
		if _, err := path.Match(strings.ReplaceAll(g, "**", "*"), ""); err != nil {
			p.errElem(key, i, "bad glob %q: %v", g, err)
		}
	}
	return list
}

// strings reads an array of strings. With nonEmpty, an empty string is an
// error. It returns the strings it could read.
func (p *configParser) strings(key []string, v any, nonEmpty bool) []string {
	arr, ok := v.([]any)
	if !ok {
		p.errAt(key, "expected an array of strings, got %s", configTypeName(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		switch {
		case !ok:
			p.errElem(key, i, "expected an array of strings, but element %d is %s", i+1, configTypeName(e))
		case nonEmpty && s == "":
			p.errElem(key, i, "element %d is an empty string", i+1)
		default:
			out = append(out, s)
		}
	}
	return out
}

// configTypeName names the TOML type of a decoded value, with an article.
func configTypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	case time.Time: // also local dates and times
		return "a datetime"
	}
	return fmt.Sprintf("a %T", v)
}

// configLabel names a key the way messages show it: "exclude", or
// "[rules] severity" for a key inside a table.
func configLabel(key []string) string {
	if len(key) == 1 {
		return toml.Key(key).String()
	}
	return "[" + toml.Key(key[:len(key)-1]).String() + "] " + toml.Key(key[len(key)-1:]).String()
}

// configUnknown says that what is not one of known, suggesting the closest
// known value when it is near enough to be a typo.
func configUnknown(kind, what string, known []string) string {
	msg := fmt.Sprintf("unknown %s %q", kind, what)
	if s := Suggest(what, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// Suggest returns the element of known closest to s, if it is within
// two edits (one for short words, so "x" does not suggest "tls"), or "".
// Case is ignored, so "select" suggests "SELECT".
func Suggest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		limit := min(2, max(1, utf8.RuneCountInString(k)/3))
		d := configEditDistance(strings.ToLower(s), strings.ToLower(k))
		if d <= limit && d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// configEditDistance is the optimal-string-alignment distance between a
// and b: insertions, deletions, substitutions and swaps of adjacent
// characters each cost one, so "exclued" is one edit from "exclude".
func configEditDistance(a, b string) int {
	r, s := []rune(a), []rune(b)
	if len(r) > 64 || len(s) > 64 { // no typo is that long; keep it cheap
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev2 := make([]int, len(s)+1)
	prev := make([]int, len(s)+1)
	cur := make([]int, len(s)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(r); i++ {
		cur[0] = i
		for j := 1; j <= len(s); j++ {
			cost := 1
			if r[i-1] == s[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && r[i-1] == s[j-2] && r[i-2] == s[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(s)]
}

// configSortedKeys returns the keys of m in order, so that the problems
// found do not depend on map iteration order.
func configSortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// configKeyIndex maps each key of a TOML document to the line it is
// written on. The TOML decoder keeps key positions to itself, so the index
// comes from a small scanner over the text, run only after the decoder has
// accepted it: it follows [table] and [[array]] headers, dotted and quoted
// keys, inline tables, multi-line arrays and strings, and comments, and
// needs to do no more than that because the input is known to be valid.
type configKeyIndex struct {
	lines    map[string]int   // toml.Key.String() → line
	implicit map[string]bool  // lines entries only implied by a dotted key or header
	elems    map[string][]int // array key → line of each element
}

// line returns the line of key, or of its nearest ancestor the index knows,
// or 0.
func (x *configKeyIndex) line(key []string) int {
	for n := len(key); n > 0; n-- {
		if l, ok := x.lines[toml.Key(key[:n]).String()]; ok {
			return l
		}
	}
	return 0
}

// elemLine returns the line of element i of the array at key, falling back
// to the key's line.
func (x *configKeyIndex) elemLine(key []string, i int) int {
	if ls := x.elems[toml.Key(key).String()]; i < len(ls) {
		return ls[i]
	}
	return x.line(key)
}

// define records that key is written on line. A key defined twice (only
// possible for [[array]] tables) keeps its first line; a key first seen as
// the prefix of a dotted key or header takes the line where it is defined
// itself.
func (x *configKeyIndex) define(key []string, line int) {
	for n := 1; n < len(key); n++ {
		k := toml.Key(key[:n]).String()
		if _, ok := x.lines[k]; !ok {
			x.lines[k], x.implicit[k] = line, true
		}
	}
	k := toml.Key(key).String()
	if _, ok := x.lines[k]; !ok || x.implicit[k] {
		x.lines[k] = line
		delete(x.implicit, k)
	}
}

func indexConfigKeys(src []byte) *configKeyIndex {
	s := &configScanner{
		src:  src,
		line: 1,
		idx:  &configKeyIndex{lines: map[string]int{}, implicit: map[string]bool{}, elems: map[string][]int{}},
	}
	if strings.HasPrefix(string(src), "\uFEFF") {
		s.i = 3
	}
	s.document()
	return s.idx
}

// configScanner is the scanner behind configKeyIndex. On any input it
// stops, without panicking; only on valid TOML are its lines meaningful.
type configScanner struct {
	src  []byte
	i    int
	line int
	idx  *configKeyIndex
}

// configMaxDepth bounds nested arrays and inline tables; the decoder has
// accepted the document, so this is only a guard for the scanner's stack.
const configMaxDepth = 1000

func (s *configScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *configScanner) done() bool { return s.i >= len(s.src) }

// skipBlanks skips spaces and tabs.
func (s *configScanner) skipBlanks() {
	for !s.done() && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipTrivia skips white space, newlines and comments.
func (s *configScanner) skipTrivia() {
	for !s.done() {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.i++
			s.line++
		case '#':
			for !s.done() && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (s *configScanner) skipLine() {
	for !s.done() && s.src[s.i] != '\n' {
		s.i++
	}
	if !s.done() {
		s.i++
		s.line++
	}
}

func (s *configScanner) document() {
	var table []string
	for {
		s.skipTrivia()
		if s.done() {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			s.i++
			array := s.peek(0) == '['
			if array {
				s.i++
			}
			key := s.key()
			if key != nil {
				table = key
				s.idx.define(key, s.line)
			}
		} else if key := s.key(); key != nil {
			full := append(slices.Clip(table), key...)
			s.skipBlanks()
			if s.peek(0) == '=' {
				s.i++
				s.idx.define(full, s.line)
				s.value(full, true, 0)
			}
		}
		if s.i == start {
			s.i++
		}
		// Whatever is left is a header's closing brackets or a comment.
		s.skipLine()
	}
}

// key reads a possibly dotted key of bare and quoted parts, or returns nil.
func (s *configScanner) key() []string {
	var parts []string
	for {
		s.skipBlanks()
		part, ok := s.keyPart()
		if !ok {
			return nil
		}
		parts = append(parts, part)
		s.skipBlanks()
		if s.peek(0) != '.' {
			return parts
		}
		s.i++
	}
}

func (s *configScanner) keyPart() (string, bool) {
	switch s.peek(0) {
	case '"':
		return s.basicString()
	case '\'':
		s.i++
		start := s.i
		for !s.done() && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
			s.i++
		}
		part := string(s.src[start:s.i])
		if s.peek(0) != '\'' {
			return "", false
		}
		s.i++
		return part, true
	}
	start := s.i
	for !s.done() && !strings.ContainsRune(" \t\r\n.=[]{},#\"'", rune(s.src[s.i])) {
		s.i++
	}
	return string(s.src[start:s.i]), s.i > start
}

// basicString reads a one-line "..." string and returns its value.
func (s *configScanner) basicString() (string, bool) {
	s.i++ // opening quote
	var b strings.Builder
	for !s.done() {
		c := s.src[s.i]
		switch c {
		case '"':
			s.i++
			return b.String(), true
		case '\n':
			return "", false
		case '\\':
			s.escape(&b)
			continue
		}
		b.WriteByte(c)
		s.i++
	}
	return "", false
}

// escape decodes the escape sequence at s.i into b.
func (s *configScanner) escape(b *strings.Builder) {
	s.i++ // backslash
	c := s.peek(0)
	s.i++
	simple := map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		return
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if digits == 0 || s.i+digits > len(s.src) {
		return
	}
	var r rune
	for _, h := range s.src[s.i : s.i+digits] {
		switch {
		case '0' <= h && h <= '9':
			r = r<<4 | rune(h-'0')
		case 'a' <= h && h <= 'f':
			r = r<<4 | rune(h-'a'+10)
		case 'A' <= h && h <= 'F':
			r = r<<4 | rune(h-'A'+10)
		default:
			return
		}
	}
	s.i += digits
	b.WriteRune(r)
}

// value skips over the value of key, indexing the keys of inline tables
// and, when direct (the value of key itself, not nested in another array),
// the line of each array element.
func (s *configScanner) value(key []string, direct bool, depth int) {
	s.skipBlanks()
	if s.done() || depth > configMaxDepth {
		return
	}
	switch c := s.src[s.i]; c {
	case '"', '\'':
		s.skipString(c)
	case '[':
		s.i++
		k := toml.Key(key).String()
		for {
			s.skipTrivia()
			if s.done() || s.src[s.i] == ']' {
				s.i++
				return
			}
			if s.src[s.i] == ',' {
				s.i++
				continue
			}
			if direct {
				s.idx.elems[k] = append(s.idx.elems[k], s.line)
			}
			start := s.i
			s.value(key, false, depth+1)
			if s.i == start {
				s.i++
			}
		}
	case '{':
		s.i++
		for {
			s.skipTrivia()
			if s.done() || s.src[s.i] == '}' {
				s.i++
				return
			}
			if s.src[s.i] == ',' {
				s.i++
				continue
			}
			start := s.i
			if sub := s.key(); sub != nil {
				full := append(slices.Clip(key), sub...)
				s.skipBlanks()
				if s.peek(0) == '=' {
					s.i++
					s.idx.define(full, s.line)
					s.value(full, true, depth+1)
				}
			}
			if s.i == start {
				s.i++
			}
		}
	default: // number, boolean or datetime: up to what ends a value
		for !s.done() && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// skipString skips a basic or literal string, one-line or multi-line,
// counting the newlines inside it.
func (s *configScanner) skipString(q byte) {
	if s.peek(1) == q && s.peek(2) == q {
		s.i += 3
		for !s.done() {
			switch c := s.src[s.i]; {
			case c == '\\' && q == '"':
				s.i++
				if s.peek(0) == '\n' {
					s.line++
				}
			case c == '\n':
				s.line++
			case c == q && s.peek(1) == q && s.peek(2) == q:
				s.i += 3
				// Up to two more quotes belong to the content: """a""""
				for n := 0; n < 2 && s.peek(0) == q; n++ {
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for !s.done() {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			s.i++
		case c == q:
			s.i++
			return
		case c == '\n':
			return
		}
		s.i++
	}
}
