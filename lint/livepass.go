package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/grantguard/grantguard/lint/hba"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// LivePass is handed to a rule's Live check: the state read from a running
// server, and where to report. A finding's location is the object it is
// about (see Object).
type LivePass struct {
	rule   *Rule
	State  *live.State
	Config *Config
	out    *[]Finding
}

// Report reports a finding on obj with the rule's default severity.
func (p *LivePass) Report(obj Object, format string, args ...any) {
	p.ReportSeverity(obj, 0, format, args...)
}

// ReportSeverity reports a finding on obj; sev 0 means the rule's default.
func (p *LivePass) ReportSeverity(obj Object, sev Severity, format string, args ...any) {
	*p.out = append(*p.out, Finding{Rule: p.rule.ID, Severity: sev, Object: obj, Message: fmt.Sprintf(format, args...)})
}

// RoleObject names a role.
func RoleObject(name string) Object { return Object{Kind: "role", Name: name} }

// SettingObject names a server setting.
func SettingObject(name string) Object { return Object{Kind: "setting", Name: name} }

// DBObject names an object of kind kind in the database db: db itself for
// a database, db.name for a schema, db.schema.name for the others.
func DBObject(db, kind, schema, name string) Object {
	switch {
	case kind == "database":
		return Object{Kind: kind, Name: name}
	case schema == "":
		return Object{Kind: kind, Name: db + "." + name}
	}
	return Object{Kind: kind, Name: db + "." + schema + "." + name}
}

// HBA runs a pg_hba.conf check on the rules the server loaded
// (pg_hba_file_rules), each written back as a pg_hba.conf line; what it
// reports is located at the server's file line. It does nothing when the
// rules could not be read (a note of the state says so).
func (p *LivePass) HBA(check HBACheck) {
	var b strings.Builder
	var lines []int // server line of each written line
	for _, r := range p.State.HBA {
		if r.Error != "" {
			continue // the server ignores the line, and says so in its log
		}
		b.WriteString(hbaLine(r))
		b.WriteByte('\n')
		lines = append(lines, r.Line)
	}
	src := []byte(b.String())
	records, _ := hba.Parse(src)
	lx := NewLineIndex(src)
	s := &sink{file: &File{Path: HBAObject, Kind: KindHBA, Src: src, Lines: lx}}
	fp := &FilePass{Reporter: Reporter{rule: p.rule, sink: s}, File: s.file, Config: p.Config}
	for i := range records {
		check(fp, &records[i])
	}
	for _, rf := range s.findings {
		ln, _ := lx.Position(rf.start)
		obj := Object{Kind: HBAObject, Name: "?"}
		if ln-1 < len(lines) {
			obj.Name = strconv.Itoa(lines[ln-1])
		}
		p.ReportSeverity(obj, rf.sev, "%s", rf.msg)
	}
}

// hbaLine writes r as a pg_hba.conf line.
func hbaLine(r live.HBARule) string {
	fields := []string{r.Type, hbaList(r.Databases), hbaList(r.Users)}
	if r.Type != "local" {
		addr := r.Address
		if addr == "" {
			addr = "all"
		}
		switch bits, ok := maskBits(r.Netmask); {
		case ok:
			fields = append(fields, hbaField(addr)+"/"+strconv.Itoa(bits))
		case r.Netmask != "":
			fields = append(fields, hbaField(addr), hbaField(r.Netmask))
		default:
			fields = append(fields, hbaField(addr))
		}
	}
	fields = append(fields, r.Method)
	for _, o := range r.Options {
		k, v, _ := strings.Cut(o, "=")
		fields = append(fields, k+"="+hbaField(v))
	}
	return strings.Join(fields, " ")
}

// maskBits returns the prefix length of a netmask the server shows for
// an address written in CIDR form (pg_hba_file_rules has address and
// netmask apart), so the line reads as it was most likely written.
func maskBits(mask string) (int, bool) {
	ip := net.ParseIP(mask)
	if ip == nil {
		return 0, false
	}
	if v4 := ip.To4(); v4 != nil && !strings.Contains(mask, ":") {
		ip = v4
	}
	ones, bits := net.IPMask(ip).Size()
	return ones, bits != 0
}

func hbaList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = hbaField(it)
	}
	return strings.Join(out, ",")
}

// hbaField quotes a field that holds a separator, a quote or a comment
// mark; pg_hba.conf has no way to write a quote inside quotes, so one is
// dropped.
func hbaField(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t,\"#") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, "") + `"`
}

// Settings runs a postgresql.conf check on the server's settings
// (pg_settings), written as one postgresql.conf line each; what it
// reports is located at the setting.
func (p *LivePass) Settings(check PGConfCheck) {
	var b strings.Builder
	names := make([]string, 0, len(p.State.Settings))
	for _, st := range p.State.Settings {
		fmt.Fprintf(&b, "%s = '%s'\n", st.Name, strings.ReplaceAll(st.Value, "'", "''"))
		names = append(names, st.Name)
	}
	src := []byte(b.String())
	conf, _ := pgconf.Parse(src)
	lx := NewLineIndex(src)
	s := &sink{file: &File{Path: "postgresql.conf", Kind: KindPGConf, Src: src, Lines: lx}}
	check(&FilePass{Reporter: Reporter{rule: p.rule, sink: s}, File: s.file, Config: p.Config}, conf)
	for _, rf := range s.findings {
		ln, _ := lx.Position(rf.start)
		obj := SettingObject("postgresql.conf")
		if rf.start >= 0 && ln-1 < len(names) {
			obj = SettingObject(names[ln-1])
		}
		p.ReportSeverity(obj, rf.sev, "%s", rf.msg)
	}
}

// Audit runs the Live checks of the catalogue on st and returns the
// findings with config applied ([rules] disable and severity), sorted and
// fingerprinted. A check that panics becomes a note in notes, as a file
// check's panic does.
func Audit(st *live.State, cfg *Config, cat Catalogue) (findings []Finding, notes []string) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	var raw []Finding
	for _, r := range cat {
		if r.Live == nil || cfg.Disabled[r.ID] {
			continue
		}
		func() {
			defer func() {
				if v := recover(); v != nil {
					notes = append(notes, fmt.Sprintf("rule %s stopped on the server's state: %v", r.ID, v))
				}
			}()
			r.Live(&LivePass{rule: r, State: st, Config: cfg, out: &raw})
		}()
	}
	return FinishLive(raw, cfg, cat), notes
}

// FinishLive applies config to findings on a live server ([rules] disable
// and severity; severity 0 is the rule's default), sorts them and sets
// their fingerprints.
func FinishLive(raw []Finding, cfg *Config, cat Catalogue) []Finding {
	var findings []Finding
	for _, f := range raw {
		if cfg.Disabled[f.Rule] {
			continue
		}
		if f.Severity == 0 {
			if r := cat.Lookup(f.Rule); r != nil {
				f.Severity = r.Severity
			}
		}
		if o, ok := cfg.Severity[f.Rule]; ok {
			f.Severity = o
		}
		findings = append(findings, f)
	}
	SortFindings(findings)
	fingerprintObjects(findings)
	return findings
}

// fingerprintObjects sets Finding.Fingerprint for live findings: a hash of
// rule, object and message, so a finding keeps its fingerprint from one
// audit to the next while the server's state does not change (a baseline
// recorded today hides it tomorrow).
func fingerprintObjects(fs []Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		name := f.Object.Name
		if f.Object.Kind == HBAObject {
			name = "" // a line moved by an edit above it is the same line
		}
		h := sha256.Sum256([]byte(f.Rule + "\x00" + f.Object.Kind + "\x00" + name + "\x00" + f.Message))
		key := hex.EncodeToString(h[:8])
		seen[key]++
		f.Fingerprint = fmt.Sprintf("%s:%d", key, seen[key])
	}
}
