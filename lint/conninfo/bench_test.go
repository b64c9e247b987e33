package conninfo

import (
	"strings"
	"testing"
)

// hostile are inputs built to make a careless scanner quadratic.
var hostile = map[string]string{
	"kv-chain":    strings.Repeat("host=", 1<<16),
	"kv-port":     strings.Repeat("port=1 ", 1<<15),
	"kv-unknown":  "host=x " + strings.Repeat("a=b ", 1<<15),
	"templates":   "postgres://" + strings.Repeat("${", 1<<16),
	"urls":        strings.Repeat("postgres://h ", 1<<14),
	"jdbc":        strings.Repeat("jdbc:postgresql:a ", 1<<14),
	"brackets":    "postgres://" + strings.Repeat("[", 1<<16),
	"ats":         "postgres://" + strings.Repeat("a@:,", 1<<15),
	"prose":       strings.Repeat("never use sslmode=disable in prod. ", 1<<12),
	"placeholder": "postgres://" + strings.Repeat("<a ", 1<<15),
}

func BenchmarkFind(b *testing.B) {
	for name, text := range hostile {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Find(text)
			}
		})
	}
}
