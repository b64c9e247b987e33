// Package cfgvalue flattens structured configuration files — YAML, JSON,
// TOML, dotenv and Terraform's HCL — into the scalar values they hold, each
// with its key path and its exact byte position in the file, so that a rule
// can check every value of every format the same way: a password under a
// key named like one, an sslmode, a CIDR under an allowlist key.
//
// It has no rules of its own and never panics: a syntax error (or a
// parser's panic on odd input) is an *Error with the line, column and byte
// offset of the problem. Every Parse function runs in time linear in its
// input.
//
// # Values
//
// Each Value has its Path from the document root, the Key it is written
// under, the decoded Text, a Kind (String, Number, Bool, Null), the byte
// span [Start, End) of its content (inside the quotes of a quoted string)
// and Line. Exact says whether src[Start:End] is Text byte for byte. Span
// maps a range of Text to the file, so that a caller can point at or
// redact part of a value, such as the password in a connection URL: for an
// Exact value by offset (Start+i), and for a string with escapes or folded
// lines by the trace its format's walker kept while decoding it (JSON
// strings, YAML flow scalars, TOML basic strings, quoted env values). Where
// nothing was traced (YAML block scalars, HCL strings), Span gives all of
// [Start, End). Values come in document order.
//
// # Paths
//
// A mapping, object or table adds the key; an element of a sequence, array
// or tuple adds its index as "[0]", "[1]", ... (Key stays the key above
// it):
//
//	spec:
//	  loadBalancerSourceRanges: ["0.0.0.0/0"]  // spec.loadBalancerSourceRanges.[0], Key loadBalancerSourceRanges
//
// An element of a top-level sequence has Key "" and no key span; a
// top-level scalar has an empty Path. A key that is not a scalar (a YAML
// complex key, an HCL key computed by an expression) is "?". Paths need
// not be unique: JSON and YAML duplicate keys, YAML documents of one
// stream, and repeated labeled HCL blocks each report their values under
// the same path. A key spelled like an index ("[0]") cannot be told apart
// from one in Path, which is why Key is a field of its own.
//
// HCL blocks add their type and labels. An unlabeled block also adds its
// index among the unlabeled blocks of the same type in the same body,
// always, even when it is the only one, as Terraform addresses nested
// blocks:
//
//	resource "google_sql_database_instance" "main" {
//	  settings {
//	    ip_configuration {
//	      authorized_networks { value = "0.0.0.0/0" }
//	    }
//	  }
//	}
//	// resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].authorized_networks.[0].value
//
// TOML arrays of tables add the element's index after the table name
// ([[servers]] → servers.[0], servers.[1]); a later [servers.tls] header
// means the last element, as TOML says.
//
// # Formats
//
// YAML (ParseYAML) is read with gopkg.in/yaml.v3, all documents of the
// stream. A value is reported once, where it is written: an alias (*name)
// and a merge key (<<: *name, <<: [*a, *b]) add nothing, since the values
// they stand for were reported at the anchor, so no position ever points at
// a "<<" or "*name" line. A mapping written in place under "<<" merges into
// the enclosing mapping's path. Kinds follow yaml.v3's resolution (YAML
// 1.2 core schema: "yes" is a string), tags (!!str 1) override it, and
// custom tags (!Ref x) give String. Block scalars ("|", ">") span their
// content lines; they are Exact only when their text is one line as
// written, with its line break when it is kept. yaml.v3 gives only a line
// for a syntax error, so the column is 1.
//
// JSON (ParseJSON) is RFC 8259, scanned here to get exact offsets in one
// pass: it accepts what encoding/json accepts (no comments, no trailing
// commas) plus a leading byte-order mark, and decodes strings the same
// way.
//
// TOML (ParseTOML) is decoded by github.com/pelletier/go-toml/v2 for
// validation, and walked with its unstable.Parser, which gives the byte
// range of every key and scalar (arrays have none; errors inside one point
// at its key). Dates and times are String values as written.
//
// Dotenv files (ParseEnv) are read line by line; a bad line is an *Error
// and the rest of the file is still read. See ParseEnv for the syntax.
//
// HCL (ParseHCL) is Terraform's native syntax, parsed with
// github.com/hashicorp/hcl/v2/hclsyntax. Literal expressions are values;
// anything else (var.x, local.y, function calls, "${...}" interpolation,
// conditionals) is reported as one value with Template set and its source
// as Text. Dotenv values that expand $VAR or ${VAR} are Template values
// too.
//
// # Limits
//
// Nesting deeper than 1000 levels is an *Error, and so is a file whose
// values would together carry more than 16 path elements per input byte:
// both only happen in hostile input, and would otherwise cost time and
// memory quadratic in its size.
package cfgvalue
