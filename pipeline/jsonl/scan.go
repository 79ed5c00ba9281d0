package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// A member is the position of one top-level member of a JSON object in a
// line: the key's raw bytes (between the quotes) and the value's span.
type member struct {
	found      bool
	valStart   int
	valEnd     int
	isString   bool
	rawString  []byte // the value's bytes between the quotes, if a string
	duplicated bool
}

// An object is what scanObject learned about a line.
type object struct {
	field    member
	annotate member
	lastEnd  int  // index after the last member's value, or after '{'
	empty    bool // the object has no members
}

// jsonKind names the kind of a JSON value by its first byte.
func jsonKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '{':
		return "an object"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// scanObject checks that line (without its line ending) is one valid
// JSON object and finds the top-level members named field and, if not
// empty, annotateKey. The error says why a line is not a record.
func scanObject(line []byte, field, annotateKey string) (object, error) {
	var o object
	if !json.Valid(line) {
		return o, errInvalidJSON(line)
	}
	i := skipWS(line, 0)
	if line[i] != '{' {
		return o, fmt.Errorf("not a JSON object but %s", jsonKind(line[i]))
	}
	i++
	o.empty, o.lastEnd = true, i
	for {
		i = skipWS(line, i)
		if line[i] == '}' {
			break
		}
		if line[i] == ',' {
			i = skipWS(line, i+1)
		}
		o.empty = false
		keyStart := i + 1
		i = skipString(line, i)
		key := line[keyStart : i-1]
		i = skipWS(line, i) + 1 // the colon
		i = skipWS(line, i)
		vs := i
		i = skipValue(line, i)
		o.lastEnd = i
		var m *member
		switch {
		case keyIs(key, field):
			m = &o.field
		case annotateKey != "" && keyIs(key, annotateKey):
			m = &o.annotate
		}
		if m != nil {
			if m.found {
				m.duplicated = true
			}
			m.found, m.valStart, m.valEnd = true, vs, i
			m.isString = line[vs] == '"'
			if m.isString {
				m.rawString = line[vs+1 : i-1]
			}
		}
	}
	return o, nil
}

// errInvalidJSON describes why line is not valid JSON, with the offset
// encoding/json gives.
func errInvalidJSON(line []byte) error {
	var v any
	err := json.Unmarshal(line, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d: %s", se.Offset, se.Error())
	}
	if err == nil {
		err = errors.New("invalid JSON")
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// keyIs reports whether the raw key bytes (between the quotes) decode to
// name.
func keyIs(raw []byte, name string) bool {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == name
	}
	s, err := decodeString(raw)
	return err == nil && s == name
}

// decodeString decodes the bytes of a JSON string between its quotes;
// they are part of valid JSON. It is an error if they are not valid
// UTF-8 or have an unpaired surrogate escape (\ud800): such a value
// cannot be cleaned and written back without changing it.
func decodeString(raw []byte) (string, error) {
	if !utf8.Valid(raw) {
		return "", errors.New("not valid UTF-8")
	}
	i := bytes.IndexByte(raw, '\\')
	if i < 0 {
		return string(raw), nil
	}
	b := make([]byte, 0, len(raw))
	for i >= 0 {
		b = append(b, raw[:i]...)
		raw = raw[i:]
		switch c := raw[1]; c {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := rune(hex4(raw[2:]))
			n := 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if len(raw) >= 12 && raw[6] == '\\' && raw[7] == 'u' {
					r2 = rune(hex4(raw[8:]))
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", errors.New("has an unpaired UTF-16 surrogate escape")
				}
				n = 12
			}
			b = utf8.AppendRune(b, r)
			raw = raw[n:]
			i = bytes.IndexByte(raw, '\\')
			continue
		default: // '"', '\\', '/'
			b = append(b, c)
		}
		raw = raw[2:]
		i = bytes.IndexByte(raw, '\\')
	}
	b = append(b, raw...)
	return string(b), nil
}

// hex4 decodes four hex digits, or returns -1.
func hex4(b []byte) int {
	if len(b) < 4 {
		return -1
	}
	n := 0
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			n = n<<4 | int(c-'0')
		case 'a' <= c && c <= 'f':
			n = n<<4 | int(c-'a'+10)
		case 'A' <= c && c <= 'F':
			n = n<<4 | int(c-'A'+10)
		default:
			return -1
		}
	}
	return n
}

// isBlank reports whether b holds only JSON white space.
func isBlank(b []byte) bool {
	return skipWS(b, 0) == len(b)
}

func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"').
// b is valid JSON.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// skipValue returns the index after the value starting at b[i]. b is
// valid JSON.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}
