// Package sqlfront is grantguard's SQL front end: it turns a SQL file into
// the parsed statements the SQL rules look at, with every position an
// offset into the file.
//
//   - Preprocess blanks what PostgreSQL's parser cannot read (psql
//     meta-commands, COPY data, migration-tool markers it does not need) and
//     replaces psql variables and templates with stand-ins of the same byte
//     length (placeholder.go), so parser offsets are file offsets and rules
//     can tell a placeholder from a literal (IsPlaceholder).
//   - Parse parses the whole text with pg_query; when that fails, the text
//     is split with pg_query's scanner and each statement is parsed alone,
//     one Problem per bad statement. DO blocks, PL/pgSQL and SQL function
//     bodies and EXECUTE of a literal are parsed too, as statements nested
//     in the one that holds them, with positions mapped back through the
//     literal's quoting (literal.go).
//   - ParseSelective parses only the statements a rule can act on (see
//     mayMatter in select.go) and returns what Parse returns for them; Parse
//     is the reference it is tested against.
//   - ParseMigration is Parse without function bodies, for following what a
//     migration does when it is applied (the access model).
//
// Stmt gives rules the parse tree and the scanner's tokens of one
// statement, and maps parse-tree locations to file offsets.
package sqlfront
