package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/lint/live"
)

// Drift compares the server's state with the migrations, replayed in the
// order given (see access.Order) as cfg's [drift] migration_user (default
// postgres), and returns unrecorded-access and missing-access findings,
// each located at its object, with config applied (see lint.FinishLive).
func Drift(st *live.State, ms []access.Migration, cfg *lint.Config) []lint.Finding {
	user := cfg.Drift.MigrationUser
	if user == "" {
		user = PolicyUser
	}
	replayed := access.Replay(ms, user, st.Server.Database, nil)
	var raw []lint.Finding
	for _, d := range access.Drift(liveModel(st), replayed, &cfg.Drift) {
		rule := MissingAccess.ID
		if d.Unrecorded {
			rule = UnrecordedAccess.ID
		}
		var obj lint.Object
		switch d.Kind {
		case "role":
			obj = lint.RoleObject(d.Object)
		case "default privileges":
			obj = lint.Object{Kind: d.Kind, Name: st.Server.Database + "." + d.Object}
		default:
			obj = lint.DBObject(st.Server.Database, d.Kind, d.Schema, d.Object)
		}
		raw = append(raw, lint.Finding{Rule: rule, Object: obj, Message: d.Msg})
	}
	return lint.FinishLive(raw, cfg, All)
}
