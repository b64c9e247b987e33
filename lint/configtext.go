package lint

import "bytes"

// Config files in real repositories are often not quite the format their
// name says: Helm and Ansible keep YAML with {{ }} and {% %} template
// actions, and tsconfig.json or .vscode/settings.json are JSON with
// comments and trailing commas. The helpers here rewrite such text into the
// strict format without moving a byte, so positions stay exact.

// hasTemplateActions reports whether src holds Go-template or Jinja actions.
func hasTemplateActions(src []byte) bool {
	return bytes.Contains(src, []byte("{{")) || bytes.Contains(src, []byte("{%"))
}

// blankTemplateActions replaces every {{ ... }}, {% ... %} and {# ... #}
// action: one that is alone on its line becomes blanks (a control
// structure such as {{- if .Values.x }}), one inside a value becomes a
// stand-in (StandInIdent and underscores) that rules know is not a literal,
// so "postgres://{{ .user }}:{{ .pw }}@db" holds no hardcoded password.
func blankTemplateActions(src []byte) []byte {
	out := bytes.Clone(src)
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' {
			continue
		}
		var closer string
		switch src[i+1] {
		case '{':
			closer = "}}"
		case '%':
			closer = "%}"
		case '#':
			closer = "#}"
		default:
			continue
		}
		k := bytes.Index(src[i+2:], []byte(closer))
		if k < 0 {
			break
		}
		end := i + 2 + k + len(closer)
		ls := bytes.LastIndexByte(src[:i], '\n') + 1
		le := len(src)
		if j := bytes.IndexByte(src[end:], '\n'); j >= 0 {
			le = end + j
		}
		alone := len(bytes.TrimSpace(src[ls:i])) == 0 && len(bytes.TrimSpace(src[end:le])) == 0
		for j := i; j < end; j++ {
			if out[j] != '\n' {
				out[j] = ' '
			}
		}
		if !alone && bytes.IndexByte(src[i:end], '\n') < 0 {
			copy(out[i:], StandInIdent)
			for j := i + len(StandInIdent); j < end; j++ {
				out[j] = '_'
			}
		}
		i = end - 1
	}
	return out
}

// jsoncToJSON blanks the // and /* */ comments and the trailing commas of
// JSON-with-comments, outside strings.
func jsoncToJSON(src []byte) []byte {
	out := bytes.Clone(src)
	blank := func(a, b int) {
		for j := a; j < b; j++ {
			if out[j] != '\n' {
				out[j] = ' '
			}
		}
	}
	lastComma := -1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			lastComma = -1
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			blank(i, i+j)
			i += j - 1
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			blank(i, end)
			i = end - 1
		case c == ',':
			lastComma = i
		case c == '}' || c == ']':
			if lastComma >= 0 {
				out[lastComma] = ' '
			}
			lastComma = -1
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			lastComma = -1
		}
	}
	return out
}
