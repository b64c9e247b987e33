package lint

import (
	"regexp"
	"strings"

	"github.com/grantguard/grantguard/lint/conninfo"
	pg_query "github.com/pganalyze/pg_query_go/v5"
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
		var out []Span
		for _, m := range passwordLiteral.FindAllStringSubmatchIndex(pre, -1) {
			out = append(out, Span{m[2], m[3]})
		}
		for _, m := range conninfo.Find(pre) {
			for _, sp := range m.Info.SecretSpans {
				out = append(out, Span{sp.Start, sp.End})
			}
		}
		return out
	}
	var out []Span
	prev := ""
	for _, t := range res.Tokens {
		text := pre[t.Start:t.End]
		if t.Token == pg_query.Token_SQL_COMMENT || t.Token == pg_query.Token_C_COMMENT {
			continue
		}
		if t.Token == pg_query.Token_SCONST {
			if lit, ok := decodeLiteral(text, int(t.Start)); ok {
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
