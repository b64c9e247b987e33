package rules

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"weak"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// display returns a value that is not an identifier (a host name) for
// messages. A stand-in for a psql variable or a template is left as it is:
// the engine puts back the source text it replaced (:app_role, ${schema}).
func display(value string) string { return value }

// ident returns an identifier for messages as PostgreSQL's quote_ident
// writes it: bare when it is lower case, starts with a letter or "_", holds
// only letters, digits, "_" and "$", and is not a keyword PostgreSQL
// reserves in any way (only unreserved keywords may stay bare); in double
// quotes otherwise, with inner quotes doubled. The parser has folded
// unquoted names to lower case already, so a name shows quoted exactly when
// it needs quotes to mean the same object. A stand-in for a psql variable
// or a template is left bare, for the engine to put back the source text.
func ident(name string) string {
	if lint.IsPlaceholder(name) || plainIdent(name) && !reservedKeyword(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func plainIdent(name string) bool {
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z' || name[0] == '_') {
		return false
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			return false
		}
	}
	return true
}

// keywordMemo remembers reservedKeyword's answers, up to maxKeywordMemo of
// them: messages name the same few roles and objects again and again.
var (
	keywordMemo     sync.Map // string → bool
	keywordMemoSize atomic.Int32
)

const maxKeywordMemo = 4096

// reservedKeyword reports whether name, a plain lower-case identifier, is a
// reserved, type/function-name or column-name keyword: the categories
// quote_ident quotes. PostgreSQL's own scanner says which keyword a word is,
// so the list is always the one of the parser's version.
func reservedKeyword(name string) bool {
	if v, ok := keywordMemo.Load(name); ok {
		return v.(bool)
	}
	res, err := pg_query.Scan(name)
	kw := err == nil && len(res.Tokens) == 1 &&
		res.Tokens[0].KeywordKind != pg_query.KeywordKind_NO_KEYWORD &&
		res.Tokens[0].KeywordKind != pg_query.KeywordKind_UNRESERVED_KEYWORD
	if keywordMemoSize.Load() < maxKeywordMemo {
		if _, loaded := keywordMemo.LoadOrStore(name, kw); !loaded {
			keywordMemoSize.Add(1)
		}
	}
	return kw
}

// roleSpec names a role in a GRANT, ALTER ROLE or similar.
func roleSpec(r *pg_query.RoleSpec) string {
	if r == nil {
		return ""
	}
	switch r.Roletype {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return "PUBLIC"
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER:
		return "CURRENT_USER"
	case pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return "SESSION_USER"
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE:
		return "CURRENT_ROLE"
	}
	return ident(r.Rolename)
}

// roleList joins the grantees of a GRANT.
func roleList(ns []*pg_query.Node) string {
	var names []string
	for _, n := range ns {
		names = append(names, roleSpec(n.GetRoleSpec()))
	}
	return strings.Join(names, ", ")
}

// grantedRoles joins the roles a GRANT role TO ... gives.
func grantedRoles(g *pg_query.GrantRoleStmt) string {
	var names []string
	for _, r := range g.GrantedRoles {
		names = append(names, ident(r.GetAccessPriv().GetPrivName()))
	}
	return strings.Join(names, ", ")
}

// qualified joins a name given as a list of String nodes.
func qualified(ns []*pg_query.Node) string {
	var parts []string
	for _, n := range ns {
		if s := n.GetString_(); s != nil {
			parts = append(parts, ident(s.Sval))
		}
	}
	return strings.Join(parts, ".")
}

// relName names a table-like relation, schema-qualified as written.
func relName(rv *pg_query.RangeVar) string {
	if rv.Schemaname != "" {
		return ident(rv.Schemaname) + "." + ident(rv.Relname)
	}
	return ident(rv.Relname)
}

// roleStmt is a CREATE ROLE/USER/GROUP or ALTER ROLE/USER/GROUP statement:
// the verb for messages as the statement writes it, the role's name and its
// options.
type roleStmt struct {
	verb, role string
	options    []*pg_query.DefElem
}

func asRoleStmt(s *lint.Stmt) (roleStmt, bool) {
	var rs roleStmt
	var opts []*pg_query.Node
	switch n := s.Node; {
	case n.GetCreateRoleStmt() != nil:
		c := n.GetCreateRoleStmt()
		rs.verb, rs.role, opts = "CREATE ROLE", ident(c.Role), c.Options
		switch c.StmtType {
		case pg_query.RoleStmtType_ROLESTMT_USER:
			rs.verb = "CREATE USER"
		case pg_query.RoleStmtType_ROLESTMT_GROUP:
			rs.verb = "CREATE GROUP"
		}
	case n.GetAlterRoleStmt() != nil:
		a := n.GetAlterRoleStmt()
		rs.verb, rs.role, opts = alterRoleVerb(s), roleSpec(a.Role), a.Options
	default:
		return rs, false
	}
	for _, o := range opts {
		if d := o.GetDefElem(); d != nil {
			rs.options = append(rs.options, d)
		}
	}
	return rs, true
}

// alterRoleVerb returns ALTER ROLE, ALTER USER or ALTER GROUP as the
// statement is written: the parse tree is the same for all three.
func alterRoleVerb(s *lint.Stmt) string {
	if toks := s.Tokens(); len(toks) >= 2 {
		switch toks[1].Token {
		case pg_query.Token_USER:
			return "ALTER USER"
		case pg_query.Token_GROUP_P:
			return "ALTER GROUP"
		}
	}
	return "ALTER ROLE"
}

// defTrue reports whether a boolean option is on: SUPERUSER gives true,
// NOSUPERUSER false.
func defTrue(d *pg_query.DefElem) bool {
	if d.Arg == nil {
		return true
	}
	if b := d.Arg.GetBoolean(); b != nil {
		return b.Boolval
	}
	if i := d.Arg.GetInteger(); i != nil {
		return i.Ival != 0
	}
	return false
}

// defString returns a string option value, and false for NULL or non-strings.
func defString(d *pg_query.DefElem) (string, bool) {
	if d.Arg == nil {
		return "", false
	}
	if s := d.Arg.GetString_(); s != nil {
		return s.Sval, true
	}
	return "", false
}

// constString returns the value of a string constant expression.
func constString(n *pg_query.Node) (string, int32, bool) {
	c := n.GetAConst()
	if c == nil || c.GetSval() == nil {
		return "", 0, false
	}
	return c.GetSval().Sval, c.Location, true
}

var objectKinds = map[pg_query.ObjectType]string{
	pg_query.ObjectType_OBJECT_TABLE:          "TABLE",
	pg_query.ObjectType_OBJECT_SEQUENCE:       "SEQUENCE",
	pg_query.ObjectType_OBJECT_DATABASE:       "DATABASE",
	pg_query.ObjectType_OBJECT_DOMAIN:         "DOMAIN",
	pg_query.ObjectType_OBJECT_FDW:            "FOREIGN DATA WRAPPER",
	pg_query.ObjectType_OBJECT_FOREIGN_SERVER: "FOREIGN SERVER",
	pg_query.ObjectType_OBJECT_FUNCTION:       "FUNCTION",
	pg_query.ObjectType_OBJECT_PROCEDURE:      "PROCEDURE",
	pg_query.ObjectType_OBJECT_ROUTINE:        "ROUTINE",
	pg_query.ObjectType_OBJECT_LANGUAGE:       "LANGUAGE",
	pg_query.ObjectType_OBJECT_LARGEOBJECT:    "LARGE OBJECT",
	pg_query.ObjectType_OBJECT_SCHEMA:         "SCHEMA",
	pg_query.ObjectType_OBJECT_TABLESPACE:     "TABLESPACE",
	pg_query.ObjectType_OBJECT_TYPE:           "TYPE",
	pg_query.ObjectType_OBJECT_PARAMETER_ACL:  "PARAMETER",
}

// grantTarget describes what a GRANT or REVOKE is on, as the statement
// names it: "TABLE accounts", "SCHEMA app", "ALL TABLES IN SCHEMA app".
//
// PostgreSQL grants on views, materialized views, foreign tables and
// sequences with the table syntax (ON TABLE v, or ON v), and the parse tree
// says TABLE for all of them. Such an object is named by the kind the file
// created it as earlier (VIEW v); else by TABLE when the statement writes
// TABLE; else by its name alone, as the statement does.
// defaultsScope names whose future objects, and in which schemas, an ALTER
// DEFAULT PRIVILEGES statement is about: " created by r in schema s", ""
// when it names neither.
func defaultsScope(s *lint.Stmt) string {
	var roles, schemas []string
	for _, o := range s.Node.GetAlterDefaultPrivilegesStmt().GetOptions() {
		d := o.GetDefElem()
		for _, it := range d.GetArg().GetList().GetItems() {
			switch d.GetDefname() {
			case "roles":
				if r := it.GetRoleSpec(); r != nil {
					roles = append(roles, roleSpec(r))
				}
			case "schemas":
				schemas = append(schemas, ident(it.GetString_().GetSval()))
			}
		}
	}
	var out string
	if len(roles) > 0 {
		out += " created by " + strings.Join(roles, ", ")
	}
	if len(schemas) == 1 {
		out += " in schema " + schemas[0]
	} else if len(schemas) > 1 {
		out += " in schemas " + strings.Join(schemas, ", ")
	}
	return out
}

func grantTarget(p *lint.SQLPass, s *lint.Stmt, g *pg_query.GrantStmt) string {
	kind := objectKinds[g.Objtype]
	if kind == "" {
		kind = "object"
	}
	var names []string
	for _, o := range g.Objects {
		switch {
		case o.GetRangeVar() != nil:
			names = append(names, relName(o.GetRangeVar()))
		case o.GetString_() != nil:
			names = append(names, ident(o.GetString_().Sval))
		case o.GetObjectWithArgs() != nil:
			names = append(names, qualified(o.GetObjectWithArgs().Objname))
		case o.GetList() != nil:
			names = append(names, qualified(o.GetList().Items))
		case o.GetInteger() != nil: // a large object's OID
			names = append(names, strconv.Itoa(int(o.GetInteger().Ival)))
		}
	}
	switch g.Targtype {
	case pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		return "ALL " + kind + "S IN SCHEMA " + strings.Join(names, ", ")
	case pg_query.GrantTargetType_ACL_TARGET_DEFAULTS:
		return "future " + strings.ToLower(kind) + "s" + defaultsScope(s) + " (default privileges)"
	}
	if g.Objtype != pg_query.ObjectType_OBJECT_TABLE || len(names) != len(g.Objects) {
		return kind + " " + strings.Join(names, ", ")
	}
	written := ""
	if first := g.Objects[0].GetRangeVar(); first != nil && tokenBefore(s, first.Location) == pg_query.Token_TABLE {
		written = "TABLE"
	}
	facts := sqlFactsOf(p.File)
	at := s.FileOffset(s.Start())
	kinds := make([]string, len(names))
	same := true
	for i, o := range g.Objects {
		kinds[i] = written
		if k := facts.relationKind(o.GetRangeVar(), at); k != "" {
			kinds[i] = k
		}
		same = same && kinds[i] == kinds[0]
	}
	if same {
		if kinds[0] == "" {
			return strings.Join(names, ", ")
		}
		return kinds[0] + " " + strings.Join(names, ", ")
	}
	for i := range names {
		if kinds[i] != "" {
			names[i] = kinds[i] + " " + names[i]
		}
	}
	return strings.Join(names, ", ")
}

// tokenBefore returns the token that ends before location loc of s, or
// Token_NUL when there is none.
func tokenBefore(s *lint.Stmt, loc int32) pg_query.Token {
	prev := pg_query.Token_NUL
	for _, t := range s.Tokens() {
		if t.Start >= loc {
			break
		}
		if t.Token != pg_query.Token_SQL_COMMENT && t.Token != pg_query.Token_C_COMMENT {
			prev = t.Token
		}
	}
	return prev
}

// grantsOf returns the GRANT statement of s, either itself or the action of
// ALTER DEFAULT PRIVILEGES, with a prefix for messages.
func grantsOf(n *pg_query.Node) (*pg_query.GrantStmt, string) {
	if g := n.GetGrantStmt(); g != nil {
		return g, "GRANT"
	}
	if a := n.GetAlterDefaultPrivilegesStmt(); a != nil && a.Action != nil {
		return a.Action, "ALTER DEFAULT PRIVILEGES ... GRANT"
	}
	return nil, ""
}

// privileges lists the privileges of a GRANT or REVOKE, "ALL" for none.
func privileges(g *pg_query.GrantStmt) string {
	if len(g.Privileges) == 0 {
		return "ALL"
	}
	var ps []string
	for _, p := range g.Privileges {
		ap := p.GetAccessPriv()
		if ap == nil {
			continue
		}
		name := strings.ToUpper(ap.PrivName)
		if name == "" {
			name = "ALL"
		}
		if len(ap.Cols) > 0 {
			name += " (" + identList(ap.Cols) + ")"
		}
		ps = append(ps, name)
	}
	return strings.Join(ps, ", ")
}

// identList joins a list of String nodes with commas.
func identList(ns []*pg_query.Node) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, ident(n.GetString_().GetSval()))
	}
	return strings.Join(parts, ", ")
}

// withGrantOption returns the location of the WITH of s's first WITH GRANT
// OPTION, or -1.
func withGrantOption(s *lint.Stmt) int32 {
	toks := s.Tokens()
	for i, t := range toks {
		if t.Token == pg_query.Token_WITH && i+2 < len(toks) &&
			toks[i+1].Token == pg_query.Token_GRANT && toks[i+2].Token == pg_query.Token_OPTION {
			return t.Start
		}
	}
	return -1
}

// withBefore returns the location of the last WITH of s before location
// loc: the start of the option list that holds loc (WITH ADMIN OPTION, or
// WITH INHERIT TRUE, ADMIN TRUE), or loc when there is none.
func withBefore(s *lint.Stmt, loc int32) int32 {
	at := loc
	for _, t := range s.Tokens() {
		if t.Start >= loc {
			break
		}
		if t.Token == pg_query.Token_WITH {
			at = t.Start
		}
	}
	return at
}

// sqlFacts is what the statements of one SQL file say that a message or an
// exemption about a later statement depends on: the kind each relation was
// created as, and the SECURITY DEFINER routines. It covers the file's top-level statements and those of
// its DO blocks, which run when the migration runs; offsets are byte
// offsets in the file. Each part is read the first time a finding needs
// it, and cheaply: the scanner splits the file at semicolons, a CREATE of
// a relation is read from its first words, and only the statements that
// can hold a fact (SECURITY DEFINER routines, DO blocks) are parsed. A BEGIN ATOMIC body that the split cuts
// at its semicolons does not parse, which only loses what it says.
type sqlFacts struct {
	src []byte

	relationsOnce sync.Once
	relations     []createdRelation

	executeOnce sync.Once
	// definers are the functions and procedures created SECURITY DEFINER.
	definers []qualName
}

type createdRelation struct {
	schema, name, kind string
	at                 int
}

// qualName is a routine's or relation's name as written: schema is empty
// when the name is not qualified.
type qualName struct{ schema, name string }

func newQualName(parts []*pg_query.Node) qualName {
	var f qualName
	switch len(parts) {
	case 0:
	case 1:
		f.name = parts[0].GetString_().GetSval()
	default:
		f.schema = parts[len(parts)-2].GetString_().GetSval()
		f.name = parts[len(parts)-1].GetString_().GetSval()
	}
	return f
}

// sameSchema reports whether two schema names may name one schema: an
// unqualified name may resolve to any schema on the search_path.
func sameSchema(a, b string) bool { return a == "" || b == "" || a == b }

// relationKind returns the kind ("VIEW", "MATERIALIZED VIEW", "FOREIGN
// TABLE", "SEQUENCE") that the file last created rv as before offset at,
// or "" when it did not, or last created it as a table.
func (f *sqlFacts) relationKind(rv *pg_query.RangeVar, at int) string {
	f.relationsOnce.Do(f.readRelations)
	kind := ""
	for _, r := range f.relations {
		if r.at < at && r.name == rv.Relname && sameSchema(r.schema, rv.Schemaname) {
			kind = r.kind
		}
	}
	if kind == "TABLE" {
		return ""
	}
	return kind
}

// sqlFactsCache holds the facts of the files being linted. A file's entry
// goes when the *lint.File does: the key is a weak pointer, and a cleanup
// attached to the file deletes it.
var sqlFactsCache sync.Map // weak.Pointer[lint.File] → *sqlFacts

// sqlFactsOf returns the facts of f, read once however many findings of
// however many rules ask.
func sqlFactsOf(f *lint.File) *sqlFacts {
	key := weak.Make(f)
	if v, ok := sqlFactsCache.Load(key); ok {
		return v.(*sqlFacts)
	}
	facts := &sqlFacts{src: f.Src}
	if v, loaded := sqlFactsCache.LoadOrStore(key, facts); loaded {
		return v.(*sqlFacts)
	}
	runtime.AddCleanup(f, func(k weak.Pointer[lint.File]) { sqlFactsCache.Delete(k) }, key)
	return facts
}

// readRelations reads the relations the file creates. A file that never
// says VIEW, SEQUENCE or FOREIGN creates none that is not a table.
func (f *sqlFacts) readRelations() {
	if !containsFold(string(f.src), "view") && !containsFold(string(f.src), "sequence") &&
		!containsFold(string(f.src), "foreign") {
		return
	}
	f.eachStatement(func(text string, at int) bool {
		h := newStmtHead(text)
		switch h.word(0) {
		case "CREATE":
			if kind, name, ok := h.createdRelation(); ok {
				f.relations = append(f.relations, createdRelation{name.schema, name.name, kind, at})
			}
		case "DO":
			return containsFold(text, "view") || containsFold(text, "sequence") || containsFold(text, "foreign")
		}
		return false
	}, f.addRelation)
}

func (f *sqlFacts) addRelation(n *pg_query.Node, at int) {
	rel := func(rv *pg_query.RangeVar, kind string) {
		if rv != nil {
			f.relations = append(f.relations, createdRelation{rv.Schemaname, rv.Relname, kind, at})
		}
	}
	switch x := n.Node.(type) {
	case *pg_query.Node_CreateStmt:
		rel(x.CreateStmt.Relation, "TABLE")
	case *pg_query.Node_ViewStmt:
		rel(x.ViewStmt.View, "VIEW")
	case *pg_query.Node_CreateTableAsStmt:
		switch x.CreateTableAsStmt.Objtype {
		case pg_query.ObjectType_OBJECT_MATVIEW:
			rel(x.CreateTableAsStmt.GetInto().GetRel(), "MATERIALIZED VIEW")
		case pg_query.ObjectType_OBJECT_TABLE:
			rel(x.CreateTableAsStmt.GetInto().GetRel(), "TABLE")
		}
	case *pg_query.Node_CreateForeignTableStmt:
		rel(x.CreateForeignTableStmt.GetBaseStmt().GetRelation(), "FOREIGN TABLE")
	case *pg_query.Node_CreateSeqStmt:
		rel(x.CreateSeqStmt.Sequence, "SEQUENCE")
	}
}

// executeFacts returns f after reading the routines the file creates
// SECURITY DEFINER.
func (f *sqlFacts) executeFacts() *sqlFacts {
	f.executeOnce.Do(f.readExecute)
	return f
}

func (f *sqlFacts) readExecute() {
	src := string(f.src)
	if !containsFold(src, "definer") {
		return
	}
	f.eachStatement(func(text string, at int) bool {
		switch newStmtHead(text).word(0) {
		case "CREATE", "DO":
			return containsFold(text, "definer")
		}
		return false
	}, f.addExecute)
}

func (f *sqlFacts) addExecute(n *pg_query.Node, _ int) {
	if x := n.GetCreateFunctionStmt(); x != nil {
		for _, o := range x.Options {
			if d := o.GetDefElem(); d != nil && d.Defname == "security" && defTrue(d) {
				f.definers = append(f.definers, newQualName(x.Funcname))
			}
		}
	}
}

// eachStatement hands each statement of the file, with its file offset, to
// head; the statements head wants parsed go to add, with those nested in
// them when they are DO blocks. A file the scanner cannot split goes to
// add whole, as the SQL front end parses it.
func (f *sqlFacts) eachStatement(head func(text string, at int) bool, add func(n *pg_query.Node, at int)) {
	pre := string(lint.PreprocessSQL(f.src))
	pieces, err := pg_query.SplitWithScanner(pre, false)
	if err != nil {
		stmts, _ := lint.ParseSQLFile(f.src)
		for _, st := range stmts {
			add(st.Stmt.Node, st.Offset)
		}
		return
	}
	from := 0
	for _, text := range pieces {
		k := strings.Index(pre[from:], text)
		if k < 0 || text == "" {
			continue
		}
		at := from + k
		from = at + len(text)
		if !head(text, at) {
			continue
		}
		stmts, _ := lint.ParseSQLFile([]byte(text))
		for _, st := range stmts {
			add(st.Stmt.Node, at+st.Offset)
		}
	}
}

// containsFold reports whether text holds the lower-case ASCII word w in
// any case.
func containsFold(text, w string) bool {
	for i := 0; i+len(w) <= len(text); i++ {
		if text[i]|0x20 == w[0] && strings.EqualFold(text[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// stmtHead is the first words of a statement, read without the parser:
// keywords upper-cased, names as PostgreSQL folds them, "." between the
// parts of a qualified name.
type stmtHead struct {
	words  []string
	quoted []bool
}

// newStmtHead reads up to 12 words of text, stopping at anything that is
// neither a word, a quoted name nor ".".
func newStmtHead(text string) stmtHead {
	var h stmtHead
	for i := 0; i < len(text) && len(h.words) < 12; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(text[i:], "--"):
			nl := strings.IndexByte(text[i:], '\n')
			if nl < 0 {
				return h
			}
			i += nl + 1
		case strings.HasPrefix(text[i:], "/*"):
			end := strings.Index(text[i:], "*/")
			if end < 0 {
				return h
			}
			i += end + 2
		case c == '.':
			h.words, h.quoted = append(h.words, "."), append(h.quoted, false)
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(text); j++ {
				if text[j] == '"' {
					if j+1 < len(text) && text[j+1] == '"' {
						b.WriteByte('"')
						j++
						continue
					}
					break
				}
				b.WriteByte(text[j])
			}
			if j >= len(text) {
				return h
			}
			h.words, h.quoted = append(h.words, b.String()), append(h.quoted, true)
			i = j + 1
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			j := i
			for j < len(text) && (text[j] == '_' || text[j] == '$' || text[j] >= 'a' && text[j] <= 'z' ||
				text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9' || text[j] >= 0x80) {
				j++
			}
			h.words, h.quoted = append(h.words, text[i:j]), append(h.quoted, false)
			i = j
		default:
			return h
		}
	}
	return h
}

// word returns the i-th word upper-cased, or "" (also for a quoted name).
func (h stmtHead) word(i int) string {
	if i >= len(h.words) || h.quoted[i] {
		return ""
	}
	return strings.ToUpper(h.words[i])
}

// createdRelation reads CREATE [OR REPLACE] [GLOBAL|LOCAL]
// [TEMP|TEMPORARY|UNLOGGED] [RECURSIVE] kind [IF NOT EXISTS] name, where
// kind is TABLE, VIEW, MATERIALIZED VIEW, FOREIGN TABLE or SEQUENCE.
func (h stmtHead) createdRelation() (kind string, name qualName, ok bool) {
	i := 1
	if h.word(i) == "OR" && h.word(i+1) == "REPLACE" {
		i += 2
	}
	for {
		switch h.word(i) {
		case "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "RECURSIVE":
			i++
			continue
		}
		break
	}
	switch w := h.word(i); {
	case w == "TABLE" || w == "VIEW" || w == "SEQUENCE":
		kind, i = w, i+1
	case w == "MATERIALIZED" && h.word(i+1) == "VIEW", w == "FOREIGN" && h.word(i+1) == "TABLE":
		kind, i = w+" "+h.word(i+1), i+2
	default:
		return "", qualName{}, false
	}
	if h.word(i) == "IF" && h.word(i+1) == "NOT" && h.word(i+2) == "EXISTS" {
		i += 3
	}
	var parts []string
	for ; i < len(h.words); i += 2 {
		parts = append(parts, h.name(i))
		if h.word(i+1) != "." {
			break
		}
	}
	switch {
	case len(parts) == 0 || parts[len(parts)-1] == "":
		return "", qualName{}, false
	case len(parts) == 1:
		return kind, qualName{name: parts[0]}, true
	}
	return kind, qualName{schema: parts[len(parts)-2], name: parts[len(parts)-1]}, true
}

// name returns the i-th word as a name: quoted as written, else with ASCII
// letters folded to lower case as PostgreSQL folds an unquoted name.
func (h stmtHead) name(i int) string {
	if i >= len(h.words) || h.words[i] == "." {
		return ""
	}
	if h.quoted[i] {
		return h.words[i]
	}
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, h.words[i])
}

// routineObject reports whether objects of type t are functions,
// procedures or routines (ALTER DEFAULT PRIVILEGES ... ON ROUTINES parses
// as functions).
func routineObject(t pg_query.ObjectType) bool {
	return t == pg_query.ObjectType_OBJECT_FUNCTION || t == pg_query.ObjectType_OBJECT_PROCEDURE ||
		t == pg_query.ObjectType_OBJECT_ROUTINE
}

// executePrivilege reports whether a GRANT or REVOKE on routines is about
// EXECUTE only: EXECUTE, or ALL, which on a routine is EXECUTE.
func executePrivilege(g *pg_query.GrantStmt) bool {
	for _, p := range g.Privileges {
		if name := p.GetAccessPriv().GetPrivName(); name != "" && name != "execute" {
			return false
		}
	}
	return true
}

// toPublic reports whether PUBLIC is among the grantees.
func toPublic(g *pg_query.GrantStmt) bool {
	for _, n := range g.Grantees {
		if n.GetRoleSpec().GetRoletype() == pg_query.RoleSpecType_ROLESPEC_PUBLIC {
			return true
		}
	}
	return false
}
