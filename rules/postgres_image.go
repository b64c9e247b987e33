package rules

import (
	"fmt"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// The official postgres Docker image chooses authentication methods from
// two variables. Its entrypoint appends
//
//	host all all all $POSTGRES_HOST_AUTH_METHOD
//
// to pg_hba.conf, and passes POSTGRES_INITDB_ARGS to initdb, whose --auth
// (-A), --auth-host and --auth-local choose the methods of the lines initdb
// writes: local lines for the Unix socket and host lines for 127.0.0.1/32
// and ::1/128. A method is judged as it would be on those lines.
const (
	hostAuthVar  = "POSTGRES_HOST_AUTH_METHOD"
	initdbArgVar = "POSTGRES_INITDB_ARGS"
)

// imageAuth is one authentication method set through an image variable.
type imageAuth struct {
	variable string // hostAuthVar or initdbArgVar
	option   string // the initdb option ("--auth-host"); "" for hostAuthVar
	method   string
	// start and end are the method's offsets in the text it was read from.
	start, end int
}

// host reports whether the method applies to TCP connections: the line
// the image adds, and initdb's host lines.
func (a imageAuth) host() bool { return a.option != "--auth-local" }

// setting names the setting in messages: POSTGRES_HOST_AUTH_METHOD=trust,
// POSTGRES_INITDB_ARGS --auth-host=md5.
func (a imageAuth) setting() string {
	if a.option == "" {
		return a.variable + "=" + a.method
	}
	if a.option == "-A" {
		return a.variable + " -A " + a.method
	}
	return a.variable + " " + a.option + "=" + a.method
}

// lines says which pg_hba.conf lines get the method.
func (a imageAuth) lines() string {
	switch a.option {
	case "":
		return fmt.Sprintf(`the postgres image adds "host all all all %s" to pg_hba.conf`, a.method)
	case "--auth-host":
		return "initdb writes " + a.method + " on the host lines for 127.0.0.1/32 and ::1/128"
	case "--auth-local":
		return "initdb writes " + a.method + " on the local (Unix socket) lines"
	}
	return "initdb writes " + a.method + " on the local lines and the host lines for 127.0.0.1/32 and ::1/128"
}

// imageAuthMethods returns the methods set by the value of an image
// variable: all of POSTGRES_HOST_AUTH_METHOD, or the arguments of initdb's
// --auth, --auth-host, --auth-local and -A options in POSTGRES_INITDB_ARGS.
// Methods are case-sensitive, as in pg_hba.conf; a template is no method.
func imageAuthMethods(variable, value string) []imageAuth {
	switch variable {
	case hostAuthVar:
		t := strings.TrimSpace(value)
		if t == "" {
			return nil
		}
		start := strings.Index(value, t)
		return []imageAuth{{variable: variable, method: t, start: start, end: start + len(t)}}
	case initdbArgVar:
		return initdbAuthOptions(value)
	}
	return nil
}

// initdbAuthOptions reads initdb's authentication options from an argument
// string: --auth=M, --auth M, --auth-host=M, --auth-local=M, -A M, -AM.
func initdbAuthOptions(args string) []imageAuth {
	type token struct {
		text       string
		start, end int
	}
	var toks []token
	for i := 0; i < len(args); {
		for i < len(args) && (args[i] == ' ' || args[i] == '\t' || args[i] == '\n') {
			i++
		}
		s := i
		for i < len(args) && args[i] != ' ' && args[i] != '\t' && args[i] != '\n' {
			i++
		}
		if s < i {
			toks = append(toks, token{args[s:i], s, i})
		}
	}
	var out []imageAuth
	add := func(option, method string, start int) {
		// A shell-quoted method: --auth-host='md5'.
		if n := len(method); n >= 2 && (method[0] == '\'' || method[0] == '"') && method[n-1] == method[0] {
			method, start = method[1:n-1], start+1
		}
		if method != "" {
			out = append(out, imageAuth{variable: initdbArgVar, option: option, method: method, start: start, end: start + len(method)})
		}
	}
	for k, t := range toks {
		for _, opt := range []string{"--auth", "--auth-host", "--auth-local", "-A"} {
			switch {
			case t.text == opt && k+1 < len(toks):
				add(opt, toks[k+1].text, toks[k+1].start)
			case opt != "-A" && strings.HasPrefix(t.text, opt+"="):
				add(opt, t.text[len(opt)+1:], t.start+len(opt)+1)
			case opt == "-A" && len(t.text) > 2 && strings.HasPrefix(t.text, "-A"):
				add(opt, t.text[2:], t.start+2)
			}
		}
	}
	return out
}

// imageVariable finds an image variable in a config value: the value of a
// key of that name (a Compose environment map, an env file, CI
// variables), a NAME=value entry of a Compose environment list, or the
// value of a Kubernetes env entry whose name is the variable. It returns
// the variable, its value and the value's offset in v.Text.
func imageVariable(p *lint.FilePass, v *cfgvalue.Value) (variable, value string, off int, ok bool) {
	if v.Key == hostAuthVar || v.Key == initdbArgVar {
		return v.Key, v.Text, 0, true
	}
	if strings.Contains(v.Text, "POSTGRES_") {
		if name, val, at, ok := envAssignment(v); ok && (name == hostAuthVar || name == initdbArgVar) {
			return name, val, at, true
		}
	}
	// Looking at the sibling costs a pass over the file's values: only for
	// a value that can set a method.
	if v.Key == "value" && (methodWord(strings.TrimSpace(v.Text)) || strings.Contains(v.Text, "-A") || strings.Contains(v.Text, "--auth")) {
		if n := sibling(p.Values, v, "name"); n != nil && n.Kind == cfgvalue.String && (n.Text == hostAuthVar || n.Text == initdbArgVar) {
			return n.Text, v.Text, 0, true
		}
	}
	return "", "", 0, false
}

// methodWord reports whether s is a method the rules report.
func methodWord(s string) bool { return s == "trust" || s == "md5" || s == "password" }

// imageAuthInValue returns the methods an image variable in v sets, and
// the function that maps their offsets in v.Text to file offsets: the
// forms of imageVariable, and else the lines of a script held in the value
// (a CI step's run: docker run -e NAME=trust).
func imageAuthInValue(p *lint.FilePass, v *cfgvalue.Value) ([]imageAuth, func(a, b int) (int, int)) {
	span := func(a, b int) (int, int) { return valueSpan(v, a, b) }
	if v.Kind != cfgvalue.String || v.Template || lint.IsPlaceholder(v.Text) || documentation(v) {
		return nil, span
	}
	variable, value, off, ok := imageVariable(p, v)
	if !ok {
		if !strings.Contains(v.Text, hostAuthVar) && !strings.Contains(v.Text, initdbArgVar) {
			return nil, span
		}
		return imageAuthInScript(p, v)
	}
	if variable == hostAuthVar && conninfo.IsTemplate(strings.TrimSpace(value)) {
		return nil, span
	}
	auths := imageAuthMethods(variable, value)
	for i := range auths {
		auths[i].start += off
		auths[i].end += off
	}
	return auths, span
}

// imageAuthInScript reads the lines of a multi-line value as other text.
// A line of a YAML literal block scalar is its source line without the
// indentation, so where it is found in the value's source the offsets are
// exact; elsewhere (a folded scalar, escapes) they fall back to the value.
func imageAuthInScript(p *lint.FilePass, v *cfgvalue.Value) ([]imageAuth, func(a, b int) (int, int)) {
	var out []imageAuth
	lineAt := map[int]int{} // offset of a line in v.Text → its offset in the file, where found
	src := p.File.Src[v.Start:v.End]
	cursor := 0
	for start := 0; start < len(v.Text); {
		end := strings.IndexByte(v.Text[start:], '\n')
		if end < 0 {
			end = len(v.Text)
		} else {
			end += start
		}
		line := v.Text[start:end]
		if v.Exact {
			lineAt[start] = v.Start + start
		} else if k := strings.Index(string(src[cursor:]), line); k >= 0 && line != "" {
			lineAt[start] = v.Start + cursor + k
			cursor += k + len(line)
		}
		for _, a := range imageAuthInLine(line) {
			a.start += start
			a.end += start
			out = append(out, a)
		}
		start = end + 1
	}
	return out, func(a, b int) (int, int) {
		ls := strings.LastIndexByte(v.Text[:a], '\n') + 1
		if at, ok := lineAt[ls]; ok {
			return at + a - ls, at + b - ls
		}
		return valueSpan(v, a, b)
	}
}

// imageAuthInLine returns the methods image variables set on a line of
// other text, with offsets in the line: NAME=value (shell, docker run -e,
// Dockerfile ENV and ARG, Makefiles), Dockerfile's "ENV NAME value", and
// the name and value as two quoted strings in code
// (withEnv("NAME", "trust"), {"NAME": "trust"}, env["NAME"] = "trust").
func imageAuthInLine(line string) []imageAuth {
	if commentLine(line) {
		return nil
	}
	var out []imageAuth
	for _, variable := range []string{hostAuthVar, initdbArgVar} {
		for from := 0; ; {
			k := strings.Index(line[from:], variable)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(variable)
			if at > 0 && (isIdentByte(line[at-1]) || line[at-1] == '$' || line[at-1] == '{') ||
				from < len(line) && isIdentByte(line[from]) {
				continue // $NAME, ${NAME:-x}, a longer name
			}
			value, off, ok := lineValue(line, at, variable)
			if !ok || conninfo.IsTemplate(strings.TrimSpace(value)) && variable == hostAuthVar {
				continue
			}
			for _, a := range imageAuthMethods(variable, value) {
				a.start += off
				a.end += off
				out = append(out, a)
			}
		}
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lineValue reads the value given to the variable written at line[at:]
// (see imageAuthInLine) and its offset in the line.
func lineValue(line string, at int, variable string) (string, int, bool) {
	rest := at + len(variable)
	// Dockerfile: ENV NAME value — the value is the rest of the line.
	if before := strings.TrimSpace(line[:at]); strings.EqualFold(before, "ENV") && rest < len(line) && (line[rest] == ' ' || line[rest] == '\t') {
		v := strings.TrimSpace(line[rest:])
		off := rest + strings.Index(line[rest:], v)
		if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
			v, off = v[1:n-1], off+1
		}
		if variable == hostAuthVar {
			// A method is one word; what follows it is not part of it.
			v, _, _ = strings.Cut(strings.ReplaceAll(v, "\t", " "), " ")
		}
		return v, off, v != ""
	}
	// The name as a quoted string: "NAME": "trust", ("NAME", "trust"),
	// ["NAME"] = "trust".
	if at > 0 && rest < len(line) && (line[at-1] == '"' || line[at-1] == '\'') && line[rest] == line[at-1] {
		i := rest + 1
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == ']' {
			i++
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			if i >= len(line) || line[i] != '=' {
				return "", 0, false
			}
		} else if i >= len(line) || line[i] != ':' && line[i] != ',' {
			return "", 0, false
		} else if line[i] == ',' && readsEnvironment(line[:at-1]) {
			return "", 0, false // os.environ.get("NAME", "trust") reads it
		}
		i++
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		return quotedAt(line, i)
	}
	// NAME=value, where a command sets it: not in prose such as an error
	// message that says "use POSTGRES_HOST_AUTH_METHOD=trust to ...".
	i := rest
	if i >= len(line) || line[i] != '=' || !settingContext(line[:at]) {
		return "", 0, false
	}
	i++
	if at > 0 && (line[at-1] == '"' || line[at-1] == '\'') {
		// The whole argument is quoted: "NAME=--auth-host=md5 --auth-local=peer".
		if e := strings.IndexByte(line[i:], line[at-1]); e >= 0 {
			return line[i : i+e], i, true
		}
	}
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		return quotedAt(line, i)
	}
	e := i
	for e < len(line) && !strings.ContainsRune(" \t\"'`;&|()<>,", rune(line[e])) {
		e++
	}
	return line[i:e], i, e > i
}

// settingContext reports whether the text before a NAME=value on a line
// sets the variable: nothing (a line of assignments, an element of an
// argument list), a docker or shell option or keyword that takes an
// assignment (-e, --env, export, ENV, ARG), or another assignment
// (ENV A=1 NAME=trust, A=1 NAME=trust cmd).
func settingContext(before string) bool {
	b := strings.TrimRight(before, " \t\"'([,")
	if strings.HasSuffix(b, "--env=") || strings.HasSuffix(b, "-e=") {
		return true
	}
	k := strings.LastIndexAny(b, " \t")
	tok := strings.Trim(b[k+1:], "\"'([,")
	switch tok {
	case "", "-e", "--env", "export", "ENV", "ARG", "env", "declare", "typeset", "local", "readonly", "environment", "environment:":
		return true
	}
	return strings.Contains(tok, "=") && !strings.ContainsAny(tok, "()<>")
}

// quotedAt reads a string quoted with the quote at line[i].
func quotedAt(line string, i int) (string, int, bool) {
	if i >= len(line) || line[i] != '"' && line[i] != '\'' {
		return "", 0, false
	}
	e := strings.IndexByte(line[i+1:], line[i])
	if e < 0 {
		return "", 0, false
	}
	return line[i+1 : i+1+e], i + 1, true
}

// readsEnvironment reports whether code before a quoted variable name is a
// call that reads the environment with a default (os.environ.get,
// os.getenv, ENV.fetch, getOrDefault), rather than one that sets it.
func readsEnvironment(before string) bool {
	b := strings.ToLower(strings.TrimRight(before, " \t"))
	for _, f := range []string{"get(", "getenv(", "fetch(", "getordefault("} {
		if strings.HasSuffix(b, f) {
			return true
		}
	}
	return false
}

// checkHBATrustImage reports trust set through the image's variables.
func checkHBATrustImage(p *lint.FilePass, auths []imageAuth, span func(a, b int) (int, int)) {
	for _, a := range auths {
		if a.method != "trust" {
			continue
		}
		s, e := span(a.start, a.end)
		if !a.host() {
			p.ReportRange(s, e, lint.Warning, "%s: %s: every OS user of the container can connect as any role, superuser included", a.setting(), a.lines())
			continue
		}
		who := "any client that reaches the server"
		switch a.option {
		case "--auth-host":
			who = "any process of the container (or its pod) that connects over loopback TCP"
		case "--auth", "-A":
			who = "any process of the container (or its pod), over the Unix socket or loopback TCP,"
		}
		p.ReportRange(s, e, lint.Error, "%s: %s: %s can connect as any role without a password", a.setting(), a.lines(), who)
	}
}

// checkHBAWeakAuthImage reports password and md5 set through the image's
// variables.
func checkHBAWeakAuthImage(p *lint.FilePass, auths []imageAuth, span func(a, b int) (int, int)) {
	for _, a := range auths {
		s, e := span(a.start, a.end)
		switch a.method {
		case "password":
			p.ReportRange(s, e, lint.Error, "%s: %s: the password crosses the connection in clear; use scram-sha-256", a.setting(), a.lines())
		case "md5":
			p.ReportRange(s, e, lint.Warning, "%s: %s: MD5 hashes can be replayed and are deprecated; use scram-sha-256", a.setting(), a.lines())
		}
	}
}

func checkHBATrustValue(p *lint.FilePass, v *cfgvalue.Value) {
	auths, span := imageAuthInValue(p, v)
	checkHBATrustImage(p, auths, span)
}

func checkHBATrustText(p *lint.FilePass, l lint.Line) {
	checkHBATrustImage(p, imageAuthInLine(l.Text), lineSpan(l))
}

func checkHBAWeakAuthValue(p *lint.FilePass, v *cfgvalue.Value) {
	auths, span := imageAuthInValue(p, v)
	checkHBAWeakAuthImage(p, auths, span)
}

func checkHBAWeakAuthText(p *lint.FilePass, l lint.Line) {
	checkHBAWeakAuthImage(p, imageAuthInLine(l.Text), lineSpan(l))
}

// lineSpan maps offsets in a line to file offsets.
func lineSpan(l lint.Line) func(a, b int) (int, int) {
	return func(a, b int) (int, int) { return l.Start + a, l.Start + b }
}
