package cfgvalue

import (
	"fmt"
	"strings"
	"testing"
)

var yamlCases = []valueCase{
	{
		name: "docker-compose",
		src: `# docker-compose.yml
x-db-env: &db-env
  POSTGRES_USER: app
  POSTGRES_PASSWORD: "s3cr3t"

services:
  db:
    image: postgres:16
    environment: *db-env
    ports: ["5432:5432"]
  web:
    build: .
    environment:
      <<: *db-env
      DATABASE_URL: postgres://app:s3cr3t@db:5432/app?sslmode=disable
      RAILS_ENV: production
    command: >
      bundle exec rails s
      -b 0.0.0.0
  worker:
    environment:
      - DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app
      - 'PGSSLMODE=require'
`,
		want: []row{
			{"x-db-env.POSTGRES_USER", "app", String, "app", true, 3},
			{"x-db-env.POSTGRES_PASSWORD", "s3cr3t", String, "s3cr3t", true, 4},
			{"services.db.image", "postgres:16", String, "postgres:16", true, 8},
			{"services.db.ports.[0]", "5432:5432", String, "5432:5432", true, 10},
			{"services.web.build", ".", String, ".", true, 12},
			{"services.web.environment.DATABASE_URL", "postgres://app:s3cr3t@db:5432/app?sslmode=disable", String, "postgres://app:s3cr3t@db:5432/app?sslmode=disable", true, 15},
			{"services.web.environment.RAILS_ENV", "production", String, "production", true, 16},
			{"services.web.command", "bundle exec rails s -b 0.0.0.0\n", String, "bundle exec rails s\n      -b 0.0.0.0", false, 18},
			{"services.worker.environment.[0]", "DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app", String, "DATABASE_URL=postgresql://app:${DB_PASSWORD}@db/app", true, 22},
			{"services.worker.environment.[1]", "PGSSLMODE=require", String, "PGSSLMODE=require", true, 23},
		},
	},
	{
		name: "kubernetes service and secret",
		src: `apiVersion: v1
kind: Service
metadata:
  name: postgres
  annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "false"}
spec:
  type: LoadBalancer
  ports:
    - port: 5432
      targetPort: 5432
  loadBalancerSourceRanges:
    - 0.0.0.0/0      # everyone
    - "203.0.113.0/24"
---
apiVersion: v1
kind: Secret
metadata:
  name: pg
stringData:
  password: !!str 12345
  url: |
    postgres://app:hunter2@pg:5432/app
---
`,
		want: []row{
			{"apiVersion", "v1", String, "v1", true, 1},
			{"kind", "Service", String, "Service", true, 2},
			{"metadata.name", "postgres", String, "postgres", true, 4},
			{"metadata.annotations.service.beta.kubernetes.io/aws-load-balancer-internal", "false", String, "false", true, 5},
			{"spec.type", "LoadBalancer", String, "LoadBalancer", true, 7},
			{"spec.ports.[0].port", "5432", Number, "5432", true, 9},
			{"spec.ports.[0].targetPort", "5432", Number, "5432", true, 10},
			{"spec.loadBalancerSourceRanges.[0]", "0.0.0.0/0", String, "0.0.0.0/0", true, 12},
			{"spec.loadBalancerSourceRanges.[1]", "203.0.113.0/24", String, "203.0.113.0/24", true, 13},
			{"apiVersion", "v1", String, "v1", true, 15},
			{"kind", "Secret", String, "Secret", true, 16},
			{"metadata.name", "pg", String, "pg", true, 18},
			{"stringData.password", "12345", String, "12345", true, 20},
			{"stringData.url", "postgres://app:hunter2@pg:5432/app\n", String, "postgres://app:hunter2@pg:5432/app\n", true, 22},
		},
	},
	{
		name: "rails database.yml with merge keys",
		src: `default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
  sslmode: prefer

development:
  <<: *default
  database: app_development

production:
  <<: *default
  database: app_production
  username: app
  password: '<%= ENV["APP_DATABASE_PASSWORD"] %>'
  host: db.example.com
`,
		want: []row{
			{"default.adapter", "postgresql", String, "postgresql", true, 2},
			{"default.encoding", "unicode", String, "unicode", true, 3},
			{"default.pool", "<%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>", String, "<%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>", true, 4},
			{"default.sslmode", "prefer", String, "prefer", true, 5},
			{"development.database", "app_development", String, "app_development", true, 9},
			{"production.database", "app_production", String, "app_production", true, 13},
			{"production.username", "app", String, "app", true, 14},
			{"production.password", "<%= ENV[\"APP_DATABASE_PASSWORD\"] %>", String, "<%= ENV[\"APP_DATABASE_PASSWORD\"] %>", true, 15},
			{"production.host", "db.example.com", String, "db.example.com", true, 16},
		},
	},
	{
		name: "helm values",
		src: `# Default values for postgresql.
global:
  postgresql:
    auth:
      postgresPassword: ""
      password: changeme
      existingSecret: ~
primary:
  pgHbaConfiguration: |-
    host all all 0.0.0.0/0 md5
    local all all trust
  extendedConfiguration: |
    ssl = off
  initdb:
    scripts:
      init.sql: "CREATE ROLE app LOGIN PASSWORD 'pw';\n"
  networkPolicy:
    enabled: true
    allowExternal: yes
    ingressCIDRs: [10.0.0.0/8, 0.0.0.0/0]
  resources: {}
  replicas: 2
  ratio: 0.5
  description: a plain scalar
    that continues here
  'quoted key': "multi
    line"
`,
		want: []row{
			{"global.postgresql.auth.postgresPassword", "", String, "", true, 5},
			{"global.postgresql.auth.password", "changeme", String, "changeme", true, 6},
			{"global.postgresql.auth.existingSecret", "~", Null, "~", true, 7},
			{"primary.pgHbaConfiguration", "host all all 0.0.0.0/0 md5\nlocal all all trust", String, "host all all 0.0.0.0/0 md5\n    local all all trust", false, 10},
			{"primary.extendedConfiguration", "ssl = off\n", String, "ssl = off\n", true, 13},
			{"primary.initdb.scripts.init.sql", "CREATE ROLE app LOGIN PASSWORD 'pw';\n", String, "CREATE ROLE app LOGIN PASSWORD 'pw';\\n", false, 16},
			{"primary.networkPolicy.enabled", "true", Bool, "true", true, 18},
			{"primary.networkPolicy.allowExternal", "yes", String, "yes", true, 19},
			{"primary.networkPolicy.ingressCIDRs.[0]", "10.0.0.0/8", String, "10.0.0.0/8", true, 20},
			{"primary.networkPolicy.ingressCIDRs.[1]", "0.0.0.0/0", String, "0.0.0.0/0", true, 20},
			{"primary.replicas", "2", Number, "2", true, 22},
			{"primary.ratio", "0.5", Number, "0.5", true, 23},
			{"primary.description", "a plain scalar that continues here", String, "a plain scalar\n    that continues here", false, 24},
			{"primary.quoted key", "multi line", String, "multi\n    line", false, 26},
		},
	},
	{
		name: "anchors, aliases, merges, tags and block scalars",
		src: `base: &base {user: admin, password: &pw hunter2}
extra: &extra
  sslmode: disable
merged:
  <<: [*base, *extra]
  password: *pw
inline:
  <<: {host: 10.0.0.1}
  port: 5432
? [complex, key]
: complex value
*pw : aliased key
tagged: !!int "42"
custom: !Ref MyParam
anchored_plain: &a
  next line value
literal_keep: |+
  kept

folded_strip: >-
  one
  two

  three
indent_ind: |2
    two extra
  base
empty_block: |
next: 1
dq: "a\tb\
  c"
sq: 'it''s'
nulls: [~, null, ]
bools: [true, False, "true"]
`,
		want: []row{
			{"base.user", "admin", String, "admin", true, 1},
			{"base.password", "hunter2", String, "hunter2", true, 1},
			{"extra.sslmode", "disable", String, "disable", true, 3},
			{"inline.host", "10.0.0.1", String, "10.0.0.1", true, 8},
			{"inline.port", "5432", Number, "5432", true, 9},
			{"?", "complex value", String, "complex value", true, 11},
			{"hunter2", "aliased key", String, "aliased key", true, 12},
			{"tagged", "42", Number, "42", true, 13},
			{"custom", "MyParam", String, "MyParam", true, 14},
			{"anchored_plain", "next line value", String, "next line value", true, 16},
			{"literal_keep", "kept\n\n", String, "kept", false, 18},
			{"folded_strip", "one two\nthree", String, "one\n  two\n\n  three", false, 21},
			{"indent_ind", "  two extra\nbase\n", String, "  two extra\n  base", false, 26},
			{"empty_block", "", String, "", true, 28},
			{"next", "1", Number, "1", true, 29},
			{"dq", "a\tbc", String, "a\\tb\\\n  c", false, 30},
			{"sq", "it's", String, "it''s", false, 32},
			{"nulls.[0]", "~", Null, "~", true, 33},
			{"nulls.[1]", "null", Null, "null", true, 33},
			{"bools.[0]", "true", Bool, "true", true, 34},
			{"bools.[1]", "False", Bool, "False", true, 34},
			{"bools.[2]", "true", String, "true", true, 34},
		},
		noKey: []string{"?", "hunter2"},
	},
	{
		name: "byte-order mark, CRLF, document end, NEL",
		src:  "\uFEFFa: \"x\"\r\nb: |\r\n  l1\r\n  l2\r\nc: plain\r\n  more\r\n...\r\n--- \r\nd: &x [1, 2]\r\ne: \u0085f: 3\n",
		want: []row{
			{"a", "x", String, "x", true, 1},
			{"b", "l1\nl2\n", String, "l1\r\n  l2", false, 3},
			{"c", "plain more", String, "plain\r\n  more", false, 5},
			{"d.[0]", "1", Number, "1", true, 9},
			{"d.[1]", "2", Number, "2", true, 9},
			{"e", "", Null, "", true, 10},
			{"f", "3", Number, "3", true, 10},
		},
	},
	{
		name: "non-ASCII, tabs, multi-line flow",
		src:  "k: \"été\" # x\nu: [é, \"é\\u00e9\", a]\nv: \t tabbed \t\nw: {a: b,\n  c: d}\nx: [a\n  b, c]\n",
		want: []row{
			{"k", "été", String, "été", true, 1},
			{"u.[0]", "é", String, "é", true, 2},
			{"u.[1]", "éé", String, "é\\u00e9", false, 2},
			{"u.[2]", "a", String, "a", true, 2},
			{"v", "tabbed", String, "tabbed", true, 3},
			{"w.a", "b", String, "b", true, 4},
			{"w.c", "d", String, "d", true, 5},
			{"x.[0]", "a b", String, "a\n  b", false, 6},
			{"x.[1]", "c", String, "c", true, 7},
		},
	},
	{
		name: "top-level sequence and scalar documents",
		src: `- 10.0.0.0/8
- [192.168.0.0/16]
- !!binary aGVsbG8=
--- plain top
--- |
  block top
`,
		want: []row{
			{"[0]", "10.0.0.0/8", String, "10.0.0.0/8", true, 1},
			{"[1].[0]", "192.168.0.0/16", String, "192.168.0.0/16", true, 2},
			{"[2]", "aGVsbG8=", String, "aGVsbG8=", true, 3},
			{"", "plain top", String, "plain top", true, 4},
			{"", "block top\n", String, "block top\n", true, 6},
		},
		noKey: []string{"[0]", "[1].[0]", "[2]", "", ""},
	},
	{
		name: "properties on their own line, anchored sequence",
		src: `key: &anchor
  !!str
  # a comment between
  value
list: &l
  - a
  - b
again: *l
empty_tagged: !!null
last: x
`,
		want: []row{
			{"key", "value", String, "value", true, 4},
			{"list.[0]", "a", String, "a", true, 6},
			{"list.[1]", "b", String, "b", true, 7},
			{"empty_tagged", "", Null, "", true, 9},
			{"last", "x", String, "x", true, 10},
		},
	},
	{
		name: "empty and comment-only",
		src:  "# nothing here\n",
	},
}

func TestParseYAML(t *testing.T) {
	for _, c := range yamlCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseYAML([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, c, vals)
		})
	}
}

// TestParseYAMLMergePositions checks that no value reached through a merge
// key or an alias points at the line that uses it.
func TestParseYAMLMergePositions(t *testing.T) {
	src := "default: &default\n  password: secret\n  host: db\nproduction:\n  <<: *default\n  database: prod\nstaging: *default\n"
	vals, err := ParseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.Line == 5 || v.Line == 7 {
			t.Errorf("%q reported on line %d, which only refers to it", v.Path, v.Line)
		}
		if v.Text == "secret" && (v.Line != 2 || src[v.Start:v.End] != "secret") {
			t.Errorf("password at line %d %q, want line 2", v.Line, src[v.Start:v.End])
		}
	}
	if len(vals) != 3 {
		t.Errorf("got %d values, want 3 (each written value once)", len(vals))
	}
}

var yamlErrorCases = []errorCase{
	{"unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n", 2, 1, 5, "did not find expected ',' or ']'"},
	{"bad indentation", "a:\n  b: 1\n c: 2\n", 3, 1, 10, "did not find expected key"},
	{"mapping in scalar", "a: b: c\n", 1, 1, 0, "mapping values are not allowed"},
	{"unterminated quote", "a: \"unterminated\nb: 2\n", 3, 1, 22, "found unexpected end of stream"},
	{"tab indentation", "a:\n\tb: 1\n", 2, 1, 3, "found character that cannot start any token"},
	{"unknown alias", "x: 1\ny: *nope\n", 2, 4, 8, "unknown anchor 'nope' referenced"},
	{"second document", "x: 1\n---\ny: [\n", 4, 1, 14, "did not find expected node content"},
	{"control character", "a: 1\nb\x01: 2\n", 2, 2, 6, "control characters are not allowed"},
	{"invalid UTF-8", "a: 1\nb: \xff\n", 2, 4, 8, "invalid UTF-8"},
	{"UTF-16", "\xff\xfea\x00:\x00", 1, 1, 0, "invalid UTF-8"},
	{"too deep", strings.Repeat("- ", 1001) + "x\n", 1, 2001, 2000, "nested more than 1000 levels deep"},
}

func TestParseYAMLErrors(t *testing.T) {
	for _, c := range yamlErrorCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseYAML([]byte(c.src))
			checkErrorCase(t, c, vals, err)
		})
	}
}

func TestYAMLDocumentIndex(t *testing.T) {
	src := "a: 1\n---\n---\nb: 2\nc: [3]\n...\n---\nd: 4\n"
	vals, err := ParseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vals {
		got = append(got, fmt.Sprintf("%s:%d", v.Text, v.Doc))
	}
	want := "[1:0 2:2 3:2 4:3]"
	if fmt.Sprint(got) != want {
		t.Errorf("documents = %v, want %s", got, want)
	}
}
