package access

import (
	"fmt"
	"slices"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

var sprintf = fmt.Sprintf

// Step is one applied statement, handed to a Replay observer after the
// model has changed.
type Step struct {
	Pos
	// End is the byte after the statement's last in the file.
	End  int
	Stmt *lint.Stmt
	// Grant is set for statements that hand out privileges, membership,
	// ownership or role attributes: the statements a policy finding is
	// reported at.
	Grant bool
}

// Replay applies the migrations, in the order given (see Order), to a fresh
// model of database db migrated by superuser user. observe, when not nil,
// is called after every statement.
func Replay(ms []Migration, user, db string, observe func(*Model, Step)) *Model {
	return replayInto(NewModel(user, db), ms, observe)
}

// replayInto is Replay into model m, which may hold what a platform puts
// in place before the first migration.
func replayInto(m *Model, ms []Migration, observe func(*Model, Step)) *Model {
	for _, mig := range ms {
		m.newSession() // each migration is a new session
		if k, ok := keyOf(mig.Path); ok && k.group == groupExtension {
			m.extensionSession()
		}
		src := UpPart(mig.Src)
		stmts, probs := parseFile(src)
		lines := lint.NewLineIndex(mig.Src)
		at := func(off int) Pos {
			line, _ := lines.Position(off)
			return Pos{mig.Path, off, line}
		}
		for _, p := range probs {
			m.pos = at(p.Offset)
			m.note("statement not parsed (%s); what it does is not in the model", p.Message)
		}
		for i, st := range stmts {
			m.pos = at(st.Offset)
			m.inDo, m.stmt = st.InDo, st.Stmt
			grant := m.apply(st.Stmt.Node)
			if st.InDo {
				m.dynamicSQL(src, stmts, i)
			}
			if observe != nil {
				observe(m, Step{Pos: m.pos, End: st.End, Stmt: st.Stmt, Grant: grant})
			}
			m.changed, m.created, m.secChanged = m.changed[:0], nil, m.secChanged[:0]
		}
	}
	m.inDo = false
	return m
}

// parseFile parses a migration for a replay: the statements that change
// nothing the model follows are left unparsed. Tests set it to
// lint.ParseSQLFile, the reference path.
var parseFile = lint.ParseSQLFileForModel

// extSchema is the name the parser reads @extschema@ as, after the
// preprocess has put its stand-in in place.
var extSchema = lint.StandInIdent + strings.Repeat("_", len("@extschema@")-len(lint.StandInIdent))

// extensionSession starts an extension script as CREATE EXTENSION and
// ALTER EXTENSION UPDATE run it: with search_path set to the extension's
// schema, so that f and @extschema@.f name the same function.
func (m *Model) extensionSession() {
	m.searchPath = []string{extSchema}
	if m.objects[objKey(Schema, "", extSchema)] == nil {
		m.put(&Object{Kind: Schema, Name: extSchema, Owner: m.User, ACL: aclDefault(Schema, m.User)})
	}
}

// dynamicSQL notes an EXECUTE in a DO block whose statement is not
// followed: a string built at run time (format(...), ||, a variable) or a
// literal that does not parse. The SQL front end hands an EXECUTE over as
// "SELECT <expression>", followed, one level deeper, by the statements of
// a literal it could read.
func (m *Model) dynamicSQL(src []byte, stmts []lint.SQLStatement, i int) {
	st := stmts[i]
	if st.Stmt.Node.GetSelectStmt() == nil || !executeAt(src, st.Offset) {
		return
	}
	if i+1 < len(stmts) && stmts[i+1].InDo && stmts[i+1].Stmt.Depth > st.Stmt.Depth {
		return
	}
	m.note("EXECUTE in a DO block of a statement built at run time (not a string literal the replay can read): what it runs is not followed")
}

// executeAt reports whether the expression at off in src is the argument of
// a PL/pgSQL EXECUTE (or off is at the EXECUTE keyword itself).
func executeAt(src []byte, off int) bool {
	const kw = "execute"
	if off < 0 || off > len(src) {
		return false
	}
	if e := off + len(kw); e <= len(src) && strings.EqualFold(string(src[off:e]), kw) && (e == len(src) || !identByte(src[e])) {
		return true
	}
	j := off
	for j > 0 && strings.IndexByte(" \t\r\n", src[j-1]) >= 0 {
		j--
	}
	if j < len(kw) || !strings.EqualFold(string(src[j-len(kw):j]), kw) {
		return false
	}
	return j == len(kw) || !identByte(src[j-len(kw)-1])
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func roleName(r *pg_query.RoleSpec, m *Model) string {
	switch r.GetRoletype() {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return Public
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER, pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE:
		return m.current
	case pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return m.session
	}
	return r.GetRolename()
}

// role returns the named role, creating an external one (with a note) when
// no migration created it.
func (m *Model) role(name string) *Role {
	if name == Public {
		return nil
	}
	r := m.Roles[name]
	if r == nil {
		r = &Role{Name: name, External: true, Attrs: map[string]bool{"INHERIT": true}, Where: m.pos}
		m.Roles[name] = r
		if !strings.HasPrefix(name, "pg_") {
			m.note("role %s is used but not created by any migration; assumed to exist with default attributes", name)
		}
	}
	return r
}

func strs(ns []*pg_query.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// qualifier splits a possibly qualified name (db.schema.name, schema.name
// or name) into schema ("" when unqualified) and name.
func qualifier(names []string) (string, string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return "", names[0]
	}
	return names[len(names)-2], names[len(names)-1]
}

// pathSchemas returns the schemas an unqualified name is looked up in, in
// order, as PostgreSQL computes them from search_path: "$user" is the
// current role; schemas that do not exist (in the model) or the current
// role may not use are left out, and so are pg_catalog and pg_temp, which
// hold no object the model tracks.
func (m *Model) pathSchemas() []string {
	var out []string
	for _, s := range m.searchPath {
		if s == "$user" {
			s = m.current
		}
		if s == "pg_catalog" || strings.HasPrefix(s, "pg_temp") || slices.Contains(out, s) {
			continue
		}
		if o := m.objects[objKey(Schema, "", s)]; o != nil && m.mayUse(o) {
			out = append(out, s)
		}
	}
	return out
}

// mayUse reports whether the current role has USAGE on schema sch.
func (m *Model) mayUse(sch *Object) bool {
	if r := m.Roles[m.current]; r != nil && r.Attrs["SUPERUSER"] {
		return true
	}
	if _, ok := sch.ACL[Public]["USAGE"]; ok {
		return true
	}
	_, ok := m.Effective(m.current, sch, true)["USAGE"]
	return ok
}

// creationSchema returns the schema an unqualified new object goes to: the
// first schema of the search path that exists. When none does (PostgreSQL
// fails: no schema has been selected to create in), the first schema
// named, assumed to exist.
func (m *Model) creationSchema() string {
	if ps := m.pathSchemas(); len(ps) > 0 {
		return ps[0]
	}
	for _, s := range m.searchPath {
		if s != "$user" && s != "pg_catalog" && !strings.HasPrefix(s, "pg_temp") {
			return s
		}
	}
	return "public"
}

// newSchema returns the schema of a new object: the one named, else the
// creation schema.
func (m *Model) newSchema(schema string) string {
	if schema == "" {
		return m.creationSchema()
	}
	return schema
}

// relAt returns the table or sequence (relations share a namespace) named
// name in schema.
func (m *Model) relAt(schema, name string) *Object {
	if o := m.objects[objKey(Table, schema, name)]; o != nil {
		return o
	}
	return m.objects[objKey(Sequence, schema, name)]
}

// relation resolves a reference to a table or sequence: in the schema
// named, or else the first schema of the search path that holds one of that
// name. When there is none, it returns nil and the schema the name is taken
// to be in.
func (m *Model) relation(schema, name string) (*Object, string) {
	if schema != "" {
		return m.relAt(schema, name), schema
	}
	for _, s := range m.pathSchemas() {
		if o := m.relAt(s, name); o != nil {
			return o, s
		}
	}
	return nil, m.missingSchema(name)
}

// missingSchema returns the schema an unqualified reference to an object
// the model does not hold is taken to be in: pg_catalog (searched first by
// PostgreSQL) for pg_ names, else the creation schema.
func (m *Model) missingSchema(name string) string {
	if strings.HasPrefix(name, "pg_") {
		return "pg_catalog"
	}
	return m.creationSchema()
}

// rangeVar resolves a relation reference; see relation.
func (m *Model) rangeVar(rv *pg_query.RangeVar) (*Object, string, string) {
	o, sc := m.relation(rv.GetSchemaname(), rv.GetRelname())
	return o, sc, rv.GetRelname()
}

// apply applies one statement; it reports whether it is a grant-like one.
func (m *Model) apply(n *pg_query.Node) bool {
	switch s := n.Node.(type) {
	case *pg_query.Node_CreateRoleStmt:
		m.createRole(s.CreateRoleStmt)
		return true
	case *pg_query.Node_AlterRoleStmt:
		m.alterRole(s.AlterRoleStmt)
		return true
	case *pg_query.Node_DropRoleStmt:
		for _, rn := range s.DropRoleStmt.Roles {
			m.dropRole(roleName(rn.GetRoleSpec(), m), s.DropRoleStmt.MissingOk)
		}
	case *pg_query.Node_GrantRoleStmt:
		m.grantRole(s.GrantRoleStmt)
		return true
	case *pg_query.Node_GrantStmt:
		m.grant(s.GrantStmt)
		return true
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		m.alterDefaults(s.AlterDefaultPrivilegesStmt)
		return true
	case *pg_query.Node_CreateSchemaStmt:
		return m.createSchema(s.CreateSchemaStmt)
	case *pg_query.Node_CreatedbStmt:
		owner := m.current
		for _, o := range s.CreatedbStmt.Options {
			if d := o.GetDefElem(); d != nil && d.Defname == "owner" {
				owner = defRole(d, m)
			}
		}
		m.create(Database, "", s.CreatedbStmt.Dbname, owner)
	case *pg_query.Node_CreateStmt:
		m.createTable(s.CreateStmt)
	case *pg_query.Node_CreateForeignTableStmt:
		if o := m.createTable(s.CreateForeignTableStmt.BaseStmt); o != nil {
			o.Rel = RelForeign
		}
	case *pg_query.Node_ViewStmt:
		m.createView(s.ViewStmt)
	case *pg_query.Node_CreateTableAsStmt:
		c := s.CreateTableAsStmt
		if o := m.createRel(Table, c.Into.GetRel(), false, c.IfNotExists); o != nil && c.Objtype == pg_query.ObjectType_OBJECT_MATVIEW {
			o.Rel = RelMatView
		}
	case *pg_query.Node_SelectStmt:
		// SELECT ... INTO t creates a table; in a DO block INTO is PL/pgSQL's.
		if into := s.SelectStmt.IntoClause; into != nil && !m.inDo {
			m.createRel(Table, into.GetRel(), false, false)
		}
	case *pg_query.Node_CreateSeqStmt:
		if o := m.createRel(Sequence, s.CreateSeqStmt.Sequence, false, s.CreateSeqStmt.IfNotExists); o != nil {
			m.seqOptions(o, s.CreateSeqStmt.Options)
		}
	case *pg_query.Node_AlterSeqStmt:
		if o, _, _ := m.rangeVar(s.AlterSeqStmt.Sequence); o != nil && o.Kind == Sequence {
			m.seqOptions(o, s.AlterSeqStmt.Options)
		}
	case *pg_query.Node_CreateFunctionStmt:
		m.createFunction(s.CreateFunctionStmt)
	case *pg_query.Node_AlterFunctionStmt:
		m.alterFunction(s.AlterFunctionStmt)
	case *pg_query.Node_CreatePolicyStmt:
		m.createPolicy(s.CreatePolicyStmt)
	case *pg_query.Node_AlterPolicyStmt:
		m.alterPolicy(s.AlterPolicyStmt)
	case *pg_query.Node_DropStmt:
		if s.DropStmt.RemoveType == pg_query.ObjectType_OBJECT_POLICY {
			m.dropPolicy(s.DropStmt)
			break
		}
		m.drop(s.DropStmt)
	case *pg_query.Node_AlterOwnerStmt:
		m.alterOwner(s.AlterOwnerStmt)
		return true
	case *pg_query.Node_AlterTableStmt:
		return m.alterTable(s.AlterTableStmt)
	case *pg_query.Node_AlterObjectSchemaStmt:
		m.setSchema(s.AlterObjectSchemaStmt)
	case *pg_query.Node_RenameStmt:
		m.rename(s.RenameStmt)
	case *pg_query.Node_ReassignOwnedStmt:
		to := roleName(s.ReassignOwnedStmt.Newrole, m)
		m.role(to)
		for _, rn := range s.ReassignOwnedStmt.Roles {
			from := roleName(rn.GetRoleSpec(), m)
			for _, o := range m.objects {
				if o.Owner == from && o.Kind != Database {
					m.setOwner(o, to)
				}
			}
		}
		return true
	case *pg_query.Node_DropOwnedStmt:
		for _, rn := range s.DropOwnedStmt.Roles {
			m.dropOwned(roleName(rn.GetRoleSpec(), m))
		}
	case *pg_query.Node_VariableSetStmt:
		m.set(s.VariableSetStmt)
	case *pg_query.Node_TransactionStmt:
		m.transaction(s.TransactionStmt.Kind)
	}
	return false
}

func defRole(d *pg_query.DefElem, m *Model) string {
	if rs := d.Arg.GetRoleSpec(); rs != nil {
		return roleName(rs, m)
	}
	return d.Arg.GetString_().GetSval()
}

// transaction follows transaction blocks for SET LOCAL: its settings end
// with the block. (Outside a block the migration tool's transaction is
// assumed: SET LOCAL lasts to the end of the migration.)
func (m *Model) transaction(k pg_query.TransactionStmtKind) {
	switch k {
	case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
		if m.tx == nil {
			m.tx = &txState{current: m.current, session: m.session, searchPath: m.searchPath, local: map[string]bool{}}
		}
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT, pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK,
		pg_query.TransactionStmtKind_TRANS_STMT_PREPARE:
		if m.tx == nil {
			return
		}
		if m.tx.local["role"] || m.tx.local["session_authorization"] {
			m.current = m.tx.current
		}
		if m.tx.local["session_authorization"] {
			m.session = m.tx.session
		}
		if m.tx.local["search_path"] {
			m.searchPath = m.tx.searchPath
		}
		m.tx = nil
	}
}

// set follows SET ROLE, SET SESSION AUTHORIZATION and SET search_path (and
// their RESET, and SET LOCAL; see transaction).
func (m *Model) set(v *pg_query.VariableSetStmt) {
	m.setVar(v)
	if m.tx == nil {
		return
	}
	name := lower(v.Name)
	if v.IsLocal {
		m.tx.local[name] = true
		return
	}
	// A session-level SET in the block is what stays after it.
	delete(m.tx.local, name)
	switch name {
	case "role":
		m.tx.current = m.current
	case "session_authorization":
		m.tx.current, m.tx.session = m.current, m.session
		delete(m.tx.local, "role") // it resets the role too
	case "search_path":
		m.tx.searchPath = m.searchPath
	}
}

func (m *Model) setVar(v *pg_query.VariableSetStmt) {
	reset := v.Kind == pg_query.VariableSetKind_VAR_RESET || v.Kind == pg_query.VariableSetKind_VAR_SET_DEFAULT
	if v.Kind == pg_query.VariableSetKind_VAR_RESET_ALL { // role and session authorization stay
		m.searchPath = defaultSearchPath
		return
	}
	var args []string
	for _, a := range v.Args {
		args = append(args, a.GetAConst().GetSval().GetSval())
	}
	switch lower(v.Name) {
	case "role":
		switch {
		case reset || len(args) == 1 && lower(args[0]) == "none":
			m.current = m.session
		case len(args) == 1 && args[0] != "":
			m.role(args[0])
			m.current = args[0]
		}
	case "session_authorization":
		// It sets the session user and resets the current role to it.
		switch {
		case reset:
			m.session, m.current = m.User, m.User
		case len(args) == 1 && args[0] != "":
			m.role(args[0])
			m.session, m.current = args[0], args[0]
		}
	case "search_path":
		if reset {
			m.searchPath = defaultSearchPath
			return
		}
		var path []string
		for _, s := range args {
			if s != "" {
				path = append(path, s)
			}
		}
		m.searchPath = path
	}
}
