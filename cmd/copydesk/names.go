package main

import (
	"strings"
)

// diffHeaders returns the names of a file for the "--- " and "+++ "
// lines of a unified diff: "a/NAME" and "b/NAME", with NAME as diffName
// makes it. A name with a space, a control character, a double quote or
// a backslash is written in double quotes with C escapes, as git does,
// so that git apply and patch -p1 read it whole; other bytes, UTF-8
// included, are written as they are.
func diffHeaders(name string) (oldName, newName string) {
	name = diffName(name)
	return quoteDiffName("a/" + name), quoteDiffName("b/" + name)
}

// quoteDiffName quotes name as git quotes a path, if it needs quoting.
func quoteDiffName(name string) string {
	if !strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' || r == '\\' }) {
		return name
	}
	const hex = "01234567"
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if c < ' ' || c == 0x7f {
				b.WriteByte('\\')
				b.WriteByte(hex[c>>6])
				b.WriteByte(hex[c>>3&7])
				b.WriteByte(hex[c&7])
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
