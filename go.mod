module github.com/grantguard/grantguard

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/owenrumney/go-sarif/v2 v2.3.3
	github.com/pganalyze/pg_query_go/v5 v5.1.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	google.golang.org/protobuf v1.36.12
)

require golang.org/x/text v0.14.0 // indirect
