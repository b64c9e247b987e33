// Package access replays the SQL migrations of a project, in migration
// order, into a static model of who can do what: roles and their
// attributes, role membership, object ownership and the privileges (with
// their grantors) on databases, schemas, tables, their columns, sequences
// and functions (including default privileges applied to objects created
// later).
//
// The model follows what PostgreSQL 15 does with the same statements (a
// differential test checks it against a real server). What it cannot follow
// — roles never created, cyclic memberships, statements it does not model,
// files that do not parse — is recorded as a Note, and the replay goes on.
package access
