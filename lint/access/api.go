package access

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/grantguard/grantguard/lint"
)

// API is what an HTTP API over the database (Supabase, PostgREST,
// PostGraphile) serves: the schemas it exposes and the roles its requests
// run as.
type API struct {
	// Schemas are the exposed schemas; nil means any schema an API role
	// may use.
	Schemas []string `json:"schemas"`
	// Roles are the roles requests run as. Roles granted to a role named
	// authenticator (the login role PostgREST and Supabase switch from)
	// are API roles too, unless the roles are configured.
	Roles []string `json:"roles"`
	// Granted are the schemas whose tables, views, sequences and functions
	// the platform grants to the API roles before the first migration (by
	// default privileges of the migration user), with USAGE on the schema.
	Granted []string `json:"granted_by_default"`
	// Source says where the settings come from: the config file's [api],
	// a supabase/config.toml, a PostgREST config, or "" for the defaults.
	Source string `json:"source"`
	// rolesFixed is set when the roles are configured: no role is added.
	rolesFixed bool
}

// supabaseDefaultSchemas are the schemas a Supabase project exposes when
// its config.toml does not say ([api] schemas).
var supabaseDefaultSchemas = []string{"public", "graphql_public"}

// ResolveAPI returns the API settings for the run's SQL files: the [api]
// table of cfg; else the first supabase/config.toml or PostgREST config
// found beside the migrations (see APIProjects); else the default roles,
// with nothing exposed by default.
func ResolveAPI(files []*lint.File, cfg *lint.Config) API {
	for _, p := range APIProjects(files, cfg) {
		if p.API.Source != "" {
			return p.API
		}
	}
	return API{Roles: slices.Clone(lint.DefaultAPIRoles)}
}

// APIProject is a set of migrations one API serves.
type APIProject struct {
	API   API
	Files []*lint.File
}

// APIProjects splits the run's SQL files by the API that serves them. With
// [api] in cfg, all of them are one project. Else each file belongs to the
// nearest supabase/config.toml or PostgREST config in its directory or one
// above it (up to the repository root): a repository with several Supabase
// projects has several histories. Files with neither are one project with
// the default roles.
func APIProjects(files []*lint.File, cfg *lint.Config) []APIProject {
	if cfg != nil && cfg.API.Set {
		a := API{Schemas: cfg.API.Schemas, Roles: cfg.API.Roles, Source: "[api]", rolesFixed: cfg.API.Roles != nil}
		if a.Roles == nil {
			a.Roles = slices.Clone(lint.DefaultAPIRoles)
		}
		if cfg.API.GrantsByDefault {
			a.Granted = slices.Clone(a.Schemas)
		}
		if cfg.Path != "" {
			a.Source = filepath.Base(cfg.Path) + " [api]"
		}
		return []APIProject{{API: a, Files: files}}
	}
	found := map[string]*APIProject{} // by directory
	byConfig := map[string]*APIProject{}
	var order []*APIProject
	none := &APIProject{API: API{Roles: slices.Clone(lint.DefaultAPIRoles)}}
	for _, f := range files {
		p := none
		if f.Abs != "" {
			p = findAPI(filepath.Dir(f.Abs), found, byConfig, none)
		}
		if len(p.Files) == 0 {
			order = append(order, p)
		}
		p.Files = append(p.Files, f)
	}
	out := make([]APIProject, 0, len(order))
	for _, p := range order {
		out = append(out, *p)
	}
	return out
}

// findAPI returns the project of dir: that of the nearest API config in
// dir or above (memoized in found), else none.
func findAPI(dir string, found, byConfig map[string]*APIProject, none *APIProject) *APIProject {
	var walked []string
	p := none
	for d := dir; ; d = filepath.Dir(d) {
		if q, ok := found[d]; ok {
			p = q
			break
		}
		walked = append(walked, d)
		if a, path, ok := apiConfigIn(d); ok {
			if byConfig[path] == nil {
				byConfig[path] = &APIProject{API: a}
			}
			p = byConfig[path]
			break
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range walked {
		found[d] = p
	}
	return p
}

// maxAPIConfigSize bounds the config files read while looking for an API
// config.
const maxAPIConfigSize = 1 << 20

// apiConfigIn reads an API config in dir: a Supabase project's config.toml
// (dir is the supabase directory, or holds it), else a PostgREST config
// (*.conf, *.config with db-schemas or db-anon-role).
func apiConfigIn(dir string) (API, string, bool) {
	for _, p := range []string{filepath.Join(dir, "config.toml"), filepath.Join(dir, "supabase", "config.toml")} {
		if filepath.Base(filepath.Dir(p)) != "supabase" {
			continue
		}
		if a, ok := readSupabaseConfig(p); ok {
			a.Source = sourceName(p)
			return a, p, true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return API{}, "", false
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".config")) ||
			strings.HasPrefix(name, "postgresql") || strings.HasPrefix(name, "pg_hba") {
			continue
		}
		p := filepath.Join(dir, name)
		if a, ok := readPostgRESTConfig(p); ok {
			a.Source = sourceName(p)
			return a, p, true
		}
	}
	return API{}, "", false
}

// sourceName names config file p for messages: relative to the current
// directory when below it, else by its directory and name.
func sourceName(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p)
}

// readFileSmall reads p when it is a regular file of at most
// maxAPIConfigSize bytes.
func readFileSmall(p string) ([]byte, bool) {
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxAPIConfigSize {
		return nil, false
	}
	data, err := os.ReadFile(p)
	return data, err == nil
}

// readSupabaseConfig reads the [api] table of a Supabase CLI config.toml:
// the exposed schemas (public and graphql_public unless it says), nothing
// when the API is disabled. The request roles are anon and authenticated;
// Supabase grants them everything in public by default privileges of
// postgres, the role migrations run as.
func readSupabaseConfig(p string) (API, bool) {
	data, ok := readFileSmall(p)
	if !ok {
		return API{}, false
	}
	var doc struct {
		API struct {
			Enabled *bool    `toml:"enabled"`
			Schemas []string `toml:"schemas"`
		} `toml:"api"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return API{}, false
	}
	a := API{Schemas: doc.API.Schemas, Roles: slices.Clone(lint.DefaultAPIRoles)}
	if len(a.Schemas) == 0 {
		// Older CLI templates wrote schemas = [] with "public and storage
		// are always included".
		a.Schemas = slices.Clone(supabaseDefaultSchemas)
	}
	if doc.API.Enabled != nil && !*doc.API.Enabled {
		a.Schemas = []string{}
	}
	if slices.Contains(a.Schemas, "public") {
		a.Granted = []string{"public"}
	}
	return a, true
}

// readPostgRESTConfig reads a PostgREST config file (its key = "value"
// lines are TOML): db-schemas (db-schema before version 7) and
// db-anon-role. A file with neither is not one.
func readPostgRESTConfig(p string) (API, bool) {
	data, ok := readFileSmall(p)
	if !ok {
		return API{}, false
	}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return API{}, false
	}
	schemas, hasSchemas := doc["db-schemas"].(string)
	if !hasSchemas {
		schemas, hasSchemas = doc["db-schema"].(string)
	}
	anon, hasAnon := doc["db-anon-role"].(string)
	if !hasSchemas && !hasAnon {
		return API{}, false
	}
	a := API{}
	if hasSchemas && !strings.Contains(schemas, "$(") {
		a.Schemas = []string{}
		for _, s := range strings.Split(schemas, ",") {
			if s = strings.TrimSpace(s); s != "" {
				a.Schemas = append(a.Schemas, s)
			}
		}
	}
	if hasAnon && anon != "" && !strings.Contains(anon, "$(") {
		a.Roles = append(a.Roles, anon)
	}
	return a, true
}

// roles returns the API roles in m: the configured ones and, unless they
// are fixed, the roles a role named authenticator is a member of. Roles
// that bypass row-level security (SUPERUSER, BYPASSRLS, and Supabase's
// service_role, which the platform creates with BYPASSRLS) are left out:
// policies do not bind them, and they are the backend's, not the
// public's.
func (a API) roles(m *Model) []string {
	out := slices.Clone(a.Roles)
	if !a.rolesFixed {
		for _, ms := range m.MembershipsOf("authenticator") {
			if !slices.Contains(out, ms.Role) && ms.Role != "service_role" {
				out = append(out, ms.Role)
			}
		}
	}
	return slices.DeleteFunc(out, func(r string) bool {
		rr := m.Roles[r]
		if rr == nil {
			// Without an API config, a default role counts once the
			// migrations name it: a project that never does has no such
			// API.
			return a.Source == ""
		}
		return rr.Attrs["SUPERUSER"] || rr.Attrs["BYPASSRLS"]
	})
}

// exposedSchema reports whether the API serves schema sc.
func (a API) exposedSchema(sc string) bool { return a.Schemas == nil || slices.Contains(a.Schemas, sc) }

// reacher answers what API roles reach in a model, each role's
// reachable roles computed once: it holds while no membership or role
// attribute changes.
type reacher struct {
	api  API
	m    *Model
	sets map[string]map[string]bool
	// reached remembers reach's answers while the model does not change
	// (see remember), when remembering is set.
	reached     map[reachKey]map[string]bool
	remembering bool
}

type reachKey struct {
	role string
	o    *Object
}

// remember makes reach remember its answers until forget: the caller
// promises the model does not change meanwhile.
func (r *reacher) remember() { r.remembering = true }

// forget ends remember.
func (r *reacher) forget() { r.remembering, r.reached = false, nil }

func (a API) reacher(m *Model) *reacher {
	return &reacher{api: a, m: m, sets: map[string]map[string]bool{}}
}

// set returns the roles whose privileges role uses (itself and those it
// inherits from).
func (r *reacher) set(role string) map[string]bool {
	s, ok := r.sets[role]
	if !ok {
		s = map[string]bool{}
		for _, x := range r.m.Reachable(role, true) {
			s[x] = true
		}
		r.sets[role] = s
	}
	return s
}

// held adds to out what the roles of set (and PUBLIC) hold on o.
func held(set map[string]bool, o *Object, out map[string]bool) {
	for g, ps := range o.ACL {
		if g == Public || set[g] {
			for p := range ps {
				out[p] = true
			}
		}
	}
	if set[o.Owner] {
		for _, p := range kindPrivs[o.Kind] {
			out[p] = true
		}
	}
}

// reach returns the privileges API role role can use on o through the
// API: none when o's schema is not served or the role may not use it;
// else what it holds on o (inherited, and PUBLIC's).
func (r *reacher) reach(role string, o *Object) map[string]bool {
	if !r.remembering {
		return r.reachNow(role, o)
	}
	if r.reached == nil {
		r.reached = map[reachKey]map[string]bool{}
	}
	k := reachKey{role, o}
	have, ok := r.reached[k]
	if !ok {
		have = r.reachNow(role, o)
		r.reached[k] = have
	}
	return have
}

func (r *reacher) reachNow(role string, o *Object) map[string]bool {
	if o.Schema == "" || !r.api.exposedSchema(o.Schema) {
		return nil
	}
	set := r.set(role)
	if !slices.Contains(r.api.Granted, o.Schema) {
		sch := r.m.objects[objKey(Schema, "", o.Schema)]
		if sch == nil {
			return nil
		}
		usage := map[string]bool{}
		held(set, sch, usage)
		if !usage["USAGE"] {
			return nil
		}
	}
	out := map[string]bool{}
	held(set, o, out)
	return out
}

// reachesAny reports whether an API role of roles can use one of privs on
// o through the API.
func (r *reacher) reachesAny(roles []string, o *Object, privs []string) bool {
	for _, role := range roles {
		have := r.reach(role, o)
		for _, p := range privs {
			if have[p] {
				return true
			}
		}
	}
	return false
}

// signature identifies the roles' reachable roles: when it changes, what
// they reach may have changed anywhere.
func (r *reacher) signature(roles []string) string {
	var b strings.Builder
	for _, role := range roles {
		b.WriteString(role + ":")
		for _, x := range slices.Sorted(maps.Keys(r.set(role))) {
			b.WriteString(x + ",")
		}
		b.WriteString(";")
	}
	return b.String()
}

// seed puts in place what the platform grants before the first migration:
// default privileges of the migration user giving the API roles every
// privilege on the tables, sequences and functions of the Granted
// schemas.
func (a API) seed(m *Model) {
	for _, sc := range a.Granted {
		for _, k := range []Kind{Table, Sequence, Function} {
			key := defaultsKey(m.User, sc, k)
			d := m.defaults[key]
			if d == nil {
				d = &DefaultACL{Role: m.User, Schema: sc, Kind: k, ACL: ACL{}}
				m.defaults[key] = d
			}
			for _, r := range a.Roles {
				d.ACL.grant(r, kindPrivs[k], false)
			}
		}
	}
}
