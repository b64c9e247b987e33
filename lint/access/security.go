package access

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// The rules of the row-security analysis.
const (
	RuleRLSDisabled      = "rls-disabled"
	RulePolicyWithoutRLS = "policy-without-rls"
	RulePermissivePolicy = "permissive-rls-policy"
	RuleDefinerView      = "security-definer-view"
	RuleFunctionPublic   = "function-executable-by-public"
)

// tablePrivs are the table privileges that read or write rows.
var tablePrivs = []string{"SELECT", "INSERT", "UPDATE", "DELETE"}

// SecurityRules are the rules CheckSecurity reports.
var SecurityRules = []string{RuleRLSDisabled, RulePolicyWithoutRLS, RulePermissivePolicy, RuleDefinerView, RuleFunctionPublic}

// SecurityFinding is a problem of row-level security or of what runs with
// its owner's rights, at the statement that made it.
type SecurityFinding struct {
	Rule   string
	Path   string
	Offset int
	Msg    string
	// Undone is set when a later statement of the history undoes the
	// problem (row-level security enabled, the privilege revoked, the
	// object dropped, ...).
	Undone bool
}

// securityWords finds the files the analysis has anything to say about:
// without one in any file (and without an API config), it need not
// replay the history.
var securityWords = regexp.MustCompile(`(?i)row\s+level\s+security|\b(?:create|alter|drop)\s+policy\b|security\s+definer|security_invoker|\bauthenticator\b`)

// securityAnchors are words one of which (or an API role's name) a file
// must hold, in any case, for securityWords to match it: a test much
// quicker than the case-insensitive expression, which then runs only on
// the files that pass it.
var securityAnchors = []string{"security", "policy", "authenticator"}

// mentionsSecurity reports whether src holds one of securityWords, or
// one of the role names when words matches those too.
func mentionsSecurity(src []byte, words *regexp.Regexp, roles []string) bool {
	low := bytes.ToLower(src)
	for _, a := range securityAnchors {
		if bytes.Contains(low, []byte(a)) {
			return words.Match(src)
		}
	}
	for _, r := range roles {
		if bytes.Contains(low, bytes.ToLower([]byte(r))) {
			return words.Match(src)
		}
	}
	return false
}

// CheckSecurity replays files (a run's SQL files, in migration order) into
// the access model, with what the API platform grants before the first
// migration (see ResolveAPI), and returns, at the statement that made each:
//
//   - rls-disabled: a table an API role can reach (its schema served and
//     usable, a table privilege held) while its row-level security is off;
//   - policy-without-rls: policies on a table whose row-level security is
//     off;
//   - permissive-rls-policy: a permissive policy for an API role (or PUBLIC
//     on a table an API role reaches) that lets it write every row: USING
//     or WITH CHECK always true on INSERT, UPDATE, DELETE or ALL;
//   - security-definer-view: a view an API role can read that runs with
//     its owner's rights (no security_invoker) over a table with row-level
//     security;
//   - function-executable-by-public: a SECURITY DEFINER function (not a
//     trigger function) PUBLIC may execute, or, in a schema whose functions
//     the platform grants to the API roles, an API role still may.
//
// A problem a later statement undoes is returned with Undone set.
func CheckSecurity(files []*lint.File, cfg *lint.Config) []SecurityFinding {
	if len(files) == 0 {
		return nil
	}
	var out []SecurityFinding
	for _, p := range APIProjects(files, cfg) {
		out = append(out, checkProject(p)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Offset < out[j].Offset
	})
	return out
}

// checkProject is CheckSecurity for the migrations of one API project.
func checkProject(p APIProject) []SecurityFinding {
	api := p.API
	words := securityWords
	if api.Source == "" {
		var names []string
		for _, r := range api.Roles {
			names = append(names, regexp.QuoteMeta(r))
		}
		words = regexp.MustCompile(securityWords.String() + `|(?i)\b(?:` + strings.Join(names, "|") + `)\b`)
	}
	if api.Source == "" && !slices.ContainsFunc(p.Files, func(f *lint.File) bool { return mentionsSecurity(f.Src, words, api.Roles) }) {
		return nil
	}
	_, w := replaySecurity(p.Files, api)
	var out []SecurityFinding
	for _, ep := range w.all {
		out = append(out, SecurityFinding{Rule: ep.rule, Path: ep.path, Offset: ep.off, Msg: ep.msg, Undone: !ep.isOpen})
	}
	return out
}

// replaySecurity replays files with api's platform grants in place,
// watching the security rules.
func replaySecurity(files []*lint.File, api API) (*Model, *secWatch) {
	ms := make([]Migration, len(files))
	for i, f := range files {
		ms[i] = Migration{Path: f.Path, Src: f.Src}
	}
	m := NewModel("postgres", "postgres")
	api.seed(m)
	w := &secWatch{api: api, open: map[epKey]*episode{}}
	m = replayInto(m, Order(ms), w.observe)
	return m, w
}

// epKey names a problem of one object (and policy) for one rule.
type epKey struct {
	rule string
	obj  *Object
	pol  *Policy
}

// episode is a problem from the statement that made it to the one that
// undid it (open while none has).
type episode struct {
	epKey
	path   string
	off    int
	msg    string
	isOpen bool
}

// secWatch follows a replay, judging the objects each statement changed.
type secWatch struct {
	api   API
	roles []string // the API roles after the last statement
	rc    *reacher // what they reach; nil once a role statement may have changed it
	sig   string   // rc's signature
	// perm holds the policies of each table with an open
	// permissive-rls-policy problem.
	perm map[*Object]map[*Policy]bool
	// granted records the roles a GRANT EXECUTE names, by function.
	granted map[*Object]map[string]bool
	open    map[epKey]*episode
	all     []*episode
}

// set opens the problem k at the current statement (where at says, with
// the message it gives) or closes it.
func (w *secWatch) set(k epKey, on bool, at func() (path string, off int, msg string)) {
	ep := w.open[k]
	switch {
	case on && ep == nil:
		ep = &episode{epKey: k, isOpen: true}
		ep.path, ep.off, ep.msg = at()
		w.open[k] = ep
		w.all = append(w.all, ep)
		if k.pol != nil {
			if w.perm == nil {
				w.perm = map[*Object]map[*Policy]bool{}
			}
			if w.perm[k.obj] == nil {
				w.perm[k.obj] = map[*Policy]bool{}
			}
			w.perm[k.obj][k.pol] = true
		}
	case !on && ep != nil:
		ep.isOpen = false
		delete(w.open, k)
		if k.pol != nil {
			delete(w.perm[k.obj], k.pol)
		}
	}
}

func (w *secWatch) observe(m *Model, st Step) {
	cands := map[*Object]bool{}
	all, reopen := false, false
	switch s := st.Stmt.Node.Node.(type) {
	case *pg_query.Node_GrantRoleStmt, *pg_query.Node_CreateRoleStmt, *pg_query.Node_AlterRoleStmt,
		*pg_query.Node_DropRoleStmt:
		w.rc = nil // memberships and attributes change what the API roles reach
	case *pg_query.Node_ReassignOwnedStmt, *pg_query.Node_DropOwnedStmt:
		all, reopen = true, true // owners change everywhere
		w.rc = nil
	case *pg_query.Node_RenameStmt:
		if s.RenameStmt.RenameType == pg_query.ObjectType_OBJECT_ROLE {
			w.rc = nil
		}
		reopen = true
	case *pg_query.Node_DropStmt, *pg_query.Node_AlterObjectSchemaStmt:
		reopen = true
	}
	if g := st.Stmt.Node.GetGrantStmt(); g != nil && g.IsGrant {
		for _, o := range m.changed {
			if o.Kind != Function {
				continue
			}
			if w.granted == nil {
				w.granted = map[*Object]map[string]bool{}
			}
			if w.granted[o] == nil {
				w.granted[o] = map[string]bool{}
			}
			for _, ge := range g.Grantees {
				w.granted[o][roleName(ge.GetRoleSpec(), m)] = true
			}
		}
	}
	schemas := map[string]bool{}
	for _, o := range m.changed {
		cands[o] = true
		if o.Kind == Schema {
			schemas[o.Name] = true
		}
	}
	rowSec := false
	for _, o := range m.secChanged {
		cands[o] = true
		rowSec = rowSec || o.Kind == Table && o.Rel != RelView
	}
	if reopen {
		for k := range w.open {
			cands[k.obj] = true
		}
	}
	if all || len(schemas) > 0 || rowSec {
		for _, o := range m.objects {
			switch {
			case all || schemas[o.Schema]:
				cands[o] = true
			case rowSec && o.Rel == RelView && slices.ContainsFunc(o.ViewOf, func(b *Object) bool { return cands[b] }):
				cands[o] = true // a view over a table whose row security changed
			}
		}
	}
	roles := w.api.roles(m)
	if w.rc == nil || !slices.Equal(roles, w.roles) {
		// A role the migrations name for the first time, one that now
		// bypasses row security, a membership that changes what they
		// inherit: everything is judged again.
		w.rc = w.api.reacher(m)
		if sig := w.rc.signature(roles); sig != w.sig || !slices.Equal(roles, w.roles) {
			w.roles, w.sig = roles, sig
			for _, o := range m.objects {
				cands[o] = true
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	// The model stays as it is while the candidates are judged.
	w.rc.remember()
	defer w.rc.forget()
	// In a stable order, so that findings made by one statement come out
	// the same every run.
	type keyed struct {
		key string
		o   *Object
	}
	objs := make([]keyed, 0, len(cands))
	for o := range cands {
		objs = append(objs, keyed{objKey(o.Kind, o.Schema, o.Name), o})
	}
	slices.SortFunc(objs, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for _, k := range objs {
		w.judge(m, st, roles, k.o)
	}
}

// judge opens or closes o's problems after statement st.
func (w *secWatch) judge(m *Model, st Step, roles []string, o *Object) {
	alive := m.alive(o)
	switch {
	case o.Kind == Table && o.Rel == RelTable:
		off := alive && o.RLSKnown && !o.RLS
		disabling := -1
		if off {
			disabling = w.disables(st, o)
		}
		// Told where the row security was left off (the CREATE TABLE or
		// the DISABLE), also when a later GRANT exposes the table. What the
		// API roles hold is spelled out only for a problem that opens.
		w.set(epKey{RuleRLSDisabled, o, nil}, off && w.rc.reachesAny(roles, o, tablePrivs), func() (string, int, string) {
			reached := reachText(w.rc, roles, o, tablePrivs)
			at := o.rlsOff
			if at.Path == "" {
				at = st.Pos
			}
			if o.rlsOffByDisable {
				return at.Path, at.Offset, fmt.Sprintf("row-level security disabled on table %s, on which %s through the API: every row is open to API requests",
					o.QualifiedName(), reached)
			}
			return at.Path, at.Offset, fmt.Sprintf("table %s has no row-level security, and %s on it through the API: every row is open to API requests",
				o.QualifiedName(), reached)
		})
		w.set(epKey{RulePolicyWithoutRLS, o, nil}, off && len(o.Policies) > 0, func() (string, int, string) {
			names := policyNames(o.Policies)
			if disabling >= 0 {
				what := "they do"
				if len(o.Policies) == 1 {
					what = "it does"
				}
				return st.Path, disabling, fmt.Sprintf("row-level security disabled on table %s, which has %s: %s nothing without it",
					o.QualifiedName(), names, what)
			}
			verb := "do"
			if len(o.Policies) == 1 {
				verb = "does"
			}
			return st.Path, st.Offset, fmt.Sprintf("%s on table %s %s nothing: row-level security is off on the table",
				names, o.QualifiedName(), verb)
		})
		for _, p := range o.Policies {
			who, clause, expr, at := w.permissive(m, roles, o, p)
			w.set(epKey{RulePermissivePolicy, o, p}, alive && o.RLS && who != "", func() (string, int, string) {
				return p.Where.Path, at, fmt.Sprintf("permissive policy %q on %s lets %s %s any row: its %s is always true (%s)",
					p.Name, o.QualifiedName(), who, policyVerbs(p.Command, clause), clause, expr)
			})
		}
		for p := range w.perm[o] {
			if !slices.Contains(o.Policies, p) {
				w.set(epKey{RulePermissivePolicy, o, p}, false, nil)
			}
		}
	case o.Kind == Table && o.Rel == RelView:
		var base *Object
		if alive && !o.SecurityInvoker {
			base = rlsBase(m, o, map[*Object]bool{})
		}
		selectPriv := []string{"SELECT"}
		w.set(epKey{RuleDefinerView, o, nil}, base != nil && w.rc.reachesAny(roles, o, selectPriv), func() (string, int, string) {
			reached := reachText(w.rc, roles, o, selectPriv)
			return o.Defined.Path, o.Defined.Offset, fmt.Sprintf("view %s, on which %s through the API, runs with the rights of its owner %s, "+
				"not of the querying role: it bypasses the row-level security of %s (set security_invoker = true)",
				o.QualifiedName(), reached, o.Owner, base.QualifiedName())
		})
	case o.Kind == Function:
		var who string
		if alive && o.SecurityDefiner && !o.Trigger {
			if _, ok := o.ACL[Public]["EXECUTE"]; ok {
				who = "PUBLIC (every role)"
			} else if slices.Contains(w.api.Granted, o.Schema) {
				// Where the platform grants the API roles every function,
				// EXECUTE is theirs unless revoked. An explicit GRANT
				// EXECUTE to an API role (anywhere) is the deliberate way
				// to give an API a function, and is not reported.
				implicit := slices.DeleteFunc(slices.Clone(roles), func(r string) bool { return w.granted[o][r] })
				if w.rc.reachesAny(implicit, o, []string{"EXECUTE"}) {
					who = "API requests (" + reachText(w.rc, implicit, o, []string{"EXECUTE"}) + ")"
				}
			}
		}
		w.set(epKey{RuleFunctionPublic, o, nil}, who != "", func() (string, int, string) {
			return st.Path, anchor(st), fmt.Sprintf("SECURITY DEFINER function %s can be executed by %s: it runs with the rights of its owner %s",
				o.QualifiedName(), who, o.Owner)
		})
	}
}

// anchor returns the offset a finding made by statement st points at: the
// name of the table CREATE TABLE creates, the SECURITY DEFINER clause of
// CREATE or ALTER FUNCTION, else the statement.
func anchor(st Step) int {
	loc := int32(-1)
	switch s := st.Stmt.Node.Node.(type) {
	case *pg_query.Node_CreateStmt:
		loc = s.CreateStmt.GetRelation().GetLocation()
	case *pg_query.Node_CreateFunctionStmt:
		loc = securityClause(s.CreateFunctionStmt.Options)
	case *pg_query.Node_AlterFunctionStmt:
		loc = securityClause(s.AlterFunctionStmt.Actions)
	}
	if loc < 0 {
		return st.Offset
	}
	return st.Stmt.FileOffset(loc)
}

// securityClause returns the location of the SECURITY DEFINER option
// among opts, or -1.
func securityClause(opts []*pg_query.Node) int32 {
	for _, d := range defElems(opts) {
		if d.Defname == "security" && defOn(d) {
			return d.Location
		}
	}
	return -1
}

// disables returns the offset of the DISABLE ROW LEVEL SECURITY clause of
// statement st when it disables it on o, else -1.
func (w *secWatch) disables(st Step, o *Object) int {
	a := st.Stmt.Node.GetAlterTableStmt()
	if a == nil || !hasDisable(a) {
		return -1
	}
	if rv := a.Relation; rv == nil || rv.Relname != o.Name {
		return -1
	}
	if k := st.Stmt.Keyword(st.Stmt.Start(), "disable", "row"); k >= 0 {
		return st.Stmt.FileOffset(k)
	}
	return st.Offset
}

func hasDisable(a *pg_query.AlterTableStmt) bool {
	for _, c := range a.Cmds {
		if c.GetAlterTableCmd().GetSubtype() == pg_query.AlterTableType_AT_DisableRowSecurity {
			return true
		}
	}
	return false
}

// reachText says which API roles can use which of privs on o ("API role
// anon holds SELECT, INSERT"), "" when none can.
func reachText(rc *reacher, roles []string, o *Object, privs []string) string {
	byPrivs := map[string][]string{}
	var order []string
	for _, r := range roles {
		have := rc.reach(r, o)
		var ps []string
		for _, p := range privs {
			if have[p] {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		k := strings.Join(ps, ", ")
		if byPrivs[k] == nil {
			order = append(order, k)
		}
		byPrivs[k] = append(byPrivs[k], r)
	}
	var parts []string
	for _, k := range order {
		rs := byPrivs[k]
		if len(rs) == 1 {
			parts = append(parts, "API role "+rs[0]+" holds "+k)
		} else {
			parts = append(parts, "API roles "+strings.Join(rs, ", ")+" hold "+k)
		}
	}
	return strings.Join(parts, "; ")
}

// rlsBase returns a table with row-level security on that view v reads,
// directly or through other views, or nil.
func rlsBase(m *Model, v *Object, seen map[*Object]bool) *Object {
	seen[v] = true
	for _, b := range v.ViewOf {
		if seen[b] || !m.alive(b) {
			continue
		}
		switch {
		case b.Rel == RelTable && b.RLS:
			return b
		case b.Rel == RelView:
			if t := rlsBase(m, b, seen); t != nil {
				return t
			}
		}
	}
	return nil
}

// permissive judges policy p of table t: who is the API role (or PUBLIC)
// it lets write any row, the clause that is always true, its text and
// offset; who is "" when it does not.
func (w *secWatch) permissive(m *Model, roles []string, t *Object, p *Policy) (who, clause, expr string, at int) {
	if !p.Permissive || p.Command == "SELECT" {
		return "", "", "", 0
	}
	switch {
	case p.Command != "INSERT" && alwaysTrue(p.using):
		clause, expr, at = "USING", p.Using, p.usingAt
	case p.Command != "DELETE" && alwaysTrue(p.check):
		clause, expr, at = "WITH CHECK", p.Check, p.checkAt
	default:
		return "", "", "", 0
	}
	// What the policy opens, an API role it applies to must hold the
	// privilege for: a policy on a table the API does not reach opens
	// nothing to it.
	privs := map[string][]string{"INSERT": {"INSERT"}, "UPDATE": {"UPDATE"}, "DELETE": {"DELETE"}}[p.Command]
	if privs == nil {
		privs = tablePrivs
	}
	var ws []string
	for _, r := range p.Roles {
		switch {
		case r == Public:
			if w.rc.reachesAny(roles, t, privs) {
				ws = append(ws, "PUBLIC (every role, the API's included)")
			}
		case slices.Contains(roles, r):
			if w.rc.reachesAny([]string{r}, t, privs) {
				ws = append(ws, r)
			}
		default:
			for _, ar := range roles {
				if w.rc.set(ar)[r] && w.rc.reachesAny([]string{ar}, t, privs) {
					ws = append(ws, r+" (which "+ar+" is a member of)")
					break
				}
			}
		}
	}
	return strings.Join(ws, ", "), clause, expr, at
}

// policyVerbs says what a policy for command cmd whose clause is always
// true lets a role do.
func policyVerbs(cmd, clause string) string {
	switch cmd {
	case "ALL":
		if clause == "USING" {
			return "read, update and delete"
		}
		return "insert and update to"
	case "UPDATE":
		if clause == "USING" {
			return "update"
		}
		return "update to"
	case "INSERT":
		return "insert"
	}
	return "delete"
}

func policyNames(ps []*Policy) string {
	var names []string
	for _, p := range ps {
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	if len(names) == 1 {
		return "policy " + names[0]
	}
	return "policies " + strings.Join(names, ", ")
}

// alwaysTrue reports whether expression n is true whatever the row: true,
// 'true'::boolean, 1 = 1, NOT false, x OR true, true AND true.
func alwaysTrue(n *pg_query.Node) bool {
	if n == nil {
		return false
	}
	switch x := n.Node.(type) {
	case *pg_query.Node_AConst:
		return x.AConst.GetBoolval() != nil && x.AConst.GetBoolval().Boolval
	case *pg_query.Node_TypeCast:
		if v, ok := constText(x.TypeCast.Arg); ok && isBoolType(x.TypeCast.TypeName) {
			return boolText(v) == 1
		}
		return alwaysTrue(x.TypeCast.Arg)
	case *pg_query.Node_BoolExpr:
		switch x.BoolExpr.Boolop {
		case pg_query.BoolExprType_OR_EXPR:
			return slices.ContainsFunc(x.BoolExpr.Args, alwaysTrue)
		case pg_query.BoolExprType_AND_EXPR:
			return len(x.BoolExpr.Args) > 0 && !slices.ContainsFunc(x.BoolExpr.Args, func(a *pg_query.Node) bool { return !alwaysTrue(a) })
		case pg_query.BoolExprType_NOT_EXPR:
			return len(x.BoolExpr.Args) == 1 && alwaysFalse(x.BoolExpr.Args[0])
		}
	case *pg_query.Node_AExpr:
		return constCompare(x.AExpr) == 1
	case *pg_query.Node_BooleanTest:
		switch x.BooleanTest.Booltesttype {
		case pg_query.BoolTestType_IS_TRUE, pg_query.BoolTestType_IS_NOT_FALSE:
			return alwaysTrue(x.BooleanTest.Arg)
		case pg_query.BoolTestType_IS_FALSE, pg_query.BoolTestType_IS_NOT_TRUE:
			return alwaysFalse(x.BooleanTest.Arg)
		}
	}
	return false
}

// alwaysFalse reports whether expression n is false whatever the row.
func alwaysFalse(n *pg_query.Node) bool {
	if n == nil {
		return false
	}
	switch x := n.Node.(type) {
	case *pg_query.Node_AConst:
		return x.AConst.GetBoolval() != nil && !x.AConst.GetBoolval().Boolval
	case *pg_query.Node_TypeCast:
		if v, ok := constText(x.TypeCast.Arg); ok && isBoolType(x.TypeCast.TypeName) {
			return boolText(v) == 0
		}
		return alwaysFalse(x.TypeCast.Arg)
	case *pg_query.Node_BoolExpr:
		switch x.BoolExpr.Boolop {
		case pg_query.BoolExprType_AND_EXPR:
			return slices.ContainsFunc(x.BoolExpr.Args, alwaysFalse)
		case pg_query.BoolExprType_OR_EXPR:
			return len(x.BoolExpr.Args) > 0 && !slices.ContainsFunc(x.BoolExpr.Args, func(a *pg_query.Node) bool { return !alwaysFalse(a) })
		case pg_query.BoolExprType_NOT_EXPR:
			return len(x.BoolExpr.Args) == 1 && alwaysTrue(x.BoolExpr.Args[0])
		}
	case *pg_query.Node_AExpr:
		return constCompare(x.AExpr) == 0
	}
	return false
}

// constCompare evaluates = or <> between two constants: 1 true, 0 false,
// -1 when it is not such a comparison.
func constCompare(e *pg_query.A_Expr) int {
	if e.Kind != pg_query.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 {
		return -1
	}
	l, lok := constText(e.Lexpr)
	r, rok := constText(e.Rexpr)
	if !lok || !rok {
		return -1
	}
	switch e.Name[0].GetString_().GetSval() {
	case "=":
		if l == r {
			return 1
		}
		return 0
	case "<>", "!=":
		if l != r {
			return 1
		}
		return 0
	}
	return -1
}

// constText returns a constant's value as text, with its kind so that 1
// and '1' differ.
func constText(n *pg_query.Node) (string, bool) {
	c := n.GetAConst()
	if c == nil || c.Isnull {
		return "", false
	}
	switch {
	case c.GetIval() != nil:
		return fmt.Sprint("i", c.GetIval().Ival), true
	case c.GetFval() != nil:
		return "f" + c.GetFval().Fval, true
	case c.GetSval() != nil:
		return "s" + c.GetSval().Sval, true
	case c.GetBoolval() != nil:
		return fmt.Sprint("b", c.GetBoolval().Boolval), true
	}
	return "", false
}

func isBoolType(t *pg_query.TypeName) bool {
	names := strs(t.GetNames())
	return len(names) > 0 && (names[len(names)-1] == "bool" || names[len(names)-1] == "boolean")
}

// boolText reads a constant (as constText gives it) as a boolean: 1 true,
// 0 false, -1 neither.
func boolText(v string) int {
	switch strings.ToLower(v) {
	case "strue", "st", "syes", "son", "s1", "btrue", "i1":
		return 1
	case "sfalse", "sf", "sno", "soff", "s0", "bfalse", "i0":
		return 0
	}
	return -1
}
