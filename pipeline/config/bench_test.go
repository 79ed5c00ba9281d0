package config

import "testing"

// BenchmarkParseTemplate measures loading the commented default file.
func BenchmarkParseTemplate(b *testing.B) {
	data := []byte(Template)
	DefaultRules()
	for b.Loop() {
		if _, err := Parse(FileName, data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
