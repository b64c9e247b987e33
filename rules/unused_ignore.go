package rules

import "github.com/grantguard/grantguard/lint"

// UnusedIgnore is reported by the engine for stale suppressions.
var UnusedIgnore = &lint.Rule{
	Meta: lint.Meta{
		ID:       lint.UnusedIgnoreID,
		Severity: lint.Note,
		Title:    "grantguard:ignore comment suppresses nothing",
		Rationale: "A suppression that matches no finding on its line or the next — or names a rule " +
			"that does not exist — hides nothing today but would hide a real problem added there " +
			"later. Reporting it keeps suppressions from piling up.",
		References: []string{
			"grantguard README, Suppression — https://github.com/grantguard/grantguard/blob/main/README.md#suppression",
			"Deno lint rules, ban-unused-ignore — https://docs.deno.com/lint/rules/ban-unused-ignore",
		},
		Bad:              "-- grantguard:ignore grant-all legacy reporting role\nGRANT SELECT ON TABLE orders TO reporting;",
		Good:             "GRANT SELECT ON TABLE orders TO reporting;",
		Fix:              "Delete the comment, or correct the rule name.",
		Tags:             []string{"maintainability"},
		Precision:        "very-high",
		SecuritySeverity: 0.1,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindHBA, lint.KindPGConf, lint.KindConfig, lint.KindEnv, lint.KindGo, lint.KindText},
	},
}
