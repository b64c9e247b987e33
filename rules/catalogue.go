package rules

import "github.com/grantguard/grantguard/lint"

// All is the catalogue, in the order `grantguard rules`, the docs and SARIF
// list the rules.
var All = lint.Catalogue{
	SuperuserGrant,
	PrivilegedRoleAttribute,
	GrantAll,
	GrantToPublic,
	GrantOption,
	HardcodedPassword,
	PasswordNoExpiry,
	InsecureSSLMode,
	MissingSSLMode,
	TLSInsecureSkipVerify,
	BroadCIDR,
	HBATrust,
	HBAWeakAuth,
	HBANoSSL,
	SSLDisabled,
	AuditLoggingDisabled,
	WeakPasswordEncryption,
	PublicDatabase,
	IAMAuthDisabled,
	SecurityDefinerSearchPath,
	RoleTierViolation,
	UnrecordedAccess,
	MissingAccess,
	RLSDisabled,
	PolicyWithoutRLS,
	PermissiveRLSPolicy,
	SecurityDefinerView,
	FunctionExecutableByPublic,
	ParseError,
	UnusedIgnore,
}
