package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/lint/live"
)

// liveRoleTierViolation judges the server's state by the [roles] policy:
// what each declared role holds beyond its tier, on the role itself and on
// each object.
func liveRoleTierViolation(p *lint.LivePass) {
	if len(p.Config.Roles) == 0 {
		return
	}
	for _, j := range access.Judge(liveModel(p.State), p.Config) {
		obj := lint.RoleObject(j.Role)
		if j.Object != nil {
			obj = liveObject(p.State, live.Kind(j.Object.Kind), j.Object.Schema, j.Object.Name)
		}
		p.Report(obj, "%s", j.Msg)
	}
}
