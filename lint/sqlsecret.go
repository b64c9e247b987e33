package lint

import (
	"regexp"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/sqlfront"
)

// unparsedSecrets returns the secrets in SQL that does not parse, where no
// rule sees a parse tree: the string constant after PASSWORD (CREATE ROLE,
// ALTER ROLE, user mappings) and literal passwords inside connection
// strings. They are redacted like the secrets rules find, so the echoed
// line of a parse-error does not show them. pre is the preprocessed text,
// byte for byte the file.
func unparsedSecrets(pre string) []Span {
	res, err := pg_query.Scan(pre)
	if err != nil {
		// The scanner gives up on an unterminated literal: fall back to
		// the text, as for free text.
		out := regexpSecrets(passwordLiteral, pre)
		return append(out, connSecrets(pre)...)
	}
	var out []Span
	prev := ""
	for _, t := range res.Tokens {
		text := pre[t.Start:t.End]
		if t.Token == pg_query.Token_SQL_COMMENT || t.Token == pg_query.Token_C_COMMENT {
			continue
		}
		if t.Token == pg_query.Token_SCONST {
			if lit, ok := sqlfront.DecodeLiteral(text, int(t.Start)); ok {
				if strings.EqualFold(prev, "password") && lit.Value != "" {
					out = append(out, Span{lit.At(0), lit.At(len(lit.Value))})
				} else if strings.Contains(lit.Value, "=") || strings.Contains(lit.Value, "://") {
					for _, m := range conninfo.Find(lit.Value) {
						for _, sp := range m.Info.SecretSpans {
							out = append(out, Span{lit.At(sp.Start), lit.At(sp.End)})
						}
					}
				}
			}
		}
		if text != "=" {
			prev = text
		}
	}
	return out
}

// passwordLiteral is PASSWORD 'literal' (also unterminated, to the end of
// the line), for text the scanner cannot read.
var passwordLiteral = regexp.MustCompile(`(?i)\bpassword\s*=?\s*'([^'\n]*)`)

// redactMessage masks in msg (a parser message that may quote the text
// "at or near" the error) every secret of pre it quotes.
func redactMessage(msg, pre string, secrets []Span) string {
	for _, sp := range secrets {
		if v := pre[sp.Start:sp.End]; len(v) >= 4 && strings.Contains(msg, v) {
			msg = strings.ReplaceAll(msg, v, Redact(v))
		}
	}
	return msg
}

// textSecrets returns the secrets of a config, env or other text file found
// without its parser, for a file that does not parse: the value of every
// key named like a password (password, db_password, PGPASSWORD, ...;
// quoted or not) and literal passwords in connection strings. It errs on
// the side of redacting.
func textSecrets(src string) []Span {
	return append(regexpSecrets(passwordValue, src), connSecrets(src)...)
}

// passwordValue is KEY = value or KEY: value where KEY ends in password,
// passwd or pwd; the group is the value without its quotes (to the end of
// the line when the quote is not closed).
var passwordValue = regexp.MustCompile(`(?i)[A-Za-z0-9_.-]*(?:password|passwd|pwd)["']?\s*[:=]\s*(?:"([^"\n]*)"?|'([^'\n]*)'?|([^\s"',}#;]+))`)

// regexpSecrets returns the spans of the first non-empty group of every
// match of re.
func regexpSecrets(re *regexp.Regexp, text string) []Span {
	var out []Span
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && m[g+1] > m[g] {
				out = append(out, Span{m[g], m[g+1]})
				break
			}
		}
	}
	return out
}

// connSecrets returns the literal passwords of the connection strings in
// text.
func connSecrets(text string) []Span {
	var out []Span
	for _, m := range conninfo.Find(text) {
		for _, sp := range m.Info.SecretSpans {
			out = append(out, Span{sp.Start, sp.End})
		}
	}
	return out
}
