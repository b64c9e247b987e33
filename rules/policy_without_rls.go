package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// PolicyWithoutRLS flags policies on a table whose row-level security is
// off.
var PolicyWithoutRLS = &lint.Rule{
	Meta: lint.Meta{
		ID:       access.RulePolicyWithoutRLS,
		Severity: lint.Warning,
		Title:    "Row-level security policies on a table whose row-level security is off",
		Rationale: "CREATE POLICY does not switch row-level security on: policies are applied only once ALTER TABLE " +
			"... ENABLE ROW LEVEL SECURITY has been run. Until then every role with a privilege on the table sees " +
			"and changes every row, while the policies suggest to a reviewer that access is restricted. The " +
			"migrations are replayed and a table that ends the history with policies but row-level security " +
			"off is reported at the statement that made it so: the CREATE POLICY on a table without it, or the " +
			"DISABLE ROW LEVEL SECURITY of a table with policies. Enabling it later in the history (as many " +
			"migrations do after creating their policies) is not reported; tables no migration creates, whose " +
			"row-level security is unknown, are not either.",
		References: []string{
			refRowSecurity,
			refCreatePolicy,
			refSupabaseRLS,
			refSupabaseLint,
		},
		Bad: "CREATE TABLE notes (id int, owner name DEFAULT current_user);\n" +
			"CREATE POLICY own_notes ON notes USING (owner = current_user);",
		Good: "CREATE TABLE notes (id int, owner name DEFAULT current_user);\n" +
			"ALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n" +
			"CREATE POLICY own_notes ON notes USING (owner = current_user);",
		Fix:              "ALTER TABLE ... ENABLE ROW LEVEL SECURITY on the table, or drop the policies if the table is meant to be open.",
		Tags:             []string{"row-level-security"},
		Precision:        "high",
		SecuritySeverity: 5.3,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
	Project: func(p *lint.ProjectPass) { reportSecurity(p, access.RulePolicyWithoutRLS) },
}
