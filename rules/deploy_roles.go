package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/deploy"
)

// The checks of roles declared in deployment files: a Kubernetes
// operator's users and managed roles (package deploy), judged as the
// CREATE ROLE the operator runs for them would be.

func checkSuperuserGrantRole(p *lint.FilePass, r *deploy.Role) {
	for _, a := range r.Attrs {
		if a.Name != "SUPERUSER" {
			continue
		}
		if r.NameStart < 0 {
			p.Report(a.Start, a.End, "%s (%s) gives the %s superuser a password and lets it log in over the network",
				a.Setting, r.Where, r.Name)
			continue
		}
		p.Report(a.Start, a.End, "%s makes role %s a superuser (%s), which bypasses every permission check",
			r.Where, r.Name, a.Setting)
	}
}

func checkPrivilegedRoleAttributeRole(p *lint.FilePass, r *deploy.Role) {
	if !p.Config.Disabled[SuperuserGrant.ID] {
		for _, a := range r.Attrs {
			if a.Name == "SUPERUSER" {
				return // a superuser has every attribute; superuser-grant reports the role
			}
		}
	}
	for _, a := range r.Attrs {
		if risk, ok := attributeRisk[a.Name]; ok {
			p.Report(a.Start, a.End, "%s gives role %s %s (%s): %s", r.Where, r.Name, a.Name, a.Setting, risk)
		}
	}
}

// checkRoleTierViolationRole reports the attributes a declared role may
// not have in its tier: all of these belong to the superuser tier only.
func checkRoleTierViolationRole(p *lint.FilePass, r *deploy.Role) {
	pol, ok := rolePolicy(p.Config, r.Name)
	if !ok || pol.Tier == "superuser" {
		return
	}
	for _, a := range r.Attrs {
		p.Report(a.Start, a.End, "%s (tier %s) gets %s from %s, beyond its tier", r.Name, pol.Tier, a.Name, r.Where)
	}
}

// rolePolicy finds name's entry in [roles]; like PostgreSQL, an unquoted
// name written in another case is the same role.
func rolePolicy(cfg *lint.Config, name string) (lint.RolePolicy, bool) {
	if pol, ok := cfg.Roles[name]; ok {
		return pol, true
	}
	for n, pol := range cfg.Roles {
		if strings.EqualFold(n, name) {
			return pol, true
		}
	}
	return lint.RolePolicy{}, false
}
