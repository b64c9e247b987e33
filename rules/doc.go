// Package rules is grantguard's rule catalogue: one file per rule, each
// holding the rule's metadata (title, rationale, examples, fix) beside its
// checks. All lists every rule, in the order users see them.
package rules
