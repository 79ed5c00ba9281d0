package jsonl

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/pipeline/bytescan"
	"math/bits"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
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
//
// It validates and scans in one pass (see scanMembers), accepting
// exactly what json.Valid accepts; a line it rejects is looked at again
// by encoding/json, which gives the reason.
func scanObject(line []byte, field, annotateKey string) (object, error) {
	if o, ok := scanMembers(line, field, annotateKey); ok {
		return o, nil
	}
	return scanObjectSlow(line, field, annotateKey)
}

// scanObjectSlow is scanObject with encoding/json's validator: for lines
// that scanMembers rejects, which are not JSON objects.
func scanObjectSlow(line []byte, field, annotateKey string) (object, error) {
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
		o.record(line, key, vs, i, field, annotateKey)
	}
	return o, nil
}

// record notes the member with raw key key and value line[vs:ve] if it
// is one of those looked for.
func (o *object) record(line, key []byte, vs, ve int, field, annotateKey string) {
	var m *member
	switch {
	case keyIs(key, field):
		m = &o.field
	case annotateKey != "" && keyIs(key, annotateKey):
		m = &o.annotate
	default:
		return
	}
	if m.found {
		m.duplicated = true
	}
	m.found, m.valStart, m.valEnd = true, vs, ve
	m.isString = line[vs] == '"'
	m.rawString = nil
	if m.isString {
		m.rawString = line[vs+1 : ve-1]
	}
}

// maxDepth is the deepest nesting json.Valid accepts, the top-level
// object included.
const maxDepth = 10000

// scanMembers is scanObject for a line that is a valid JSON object: it
// validates the line as json.Valid does while it finds the members, and
// returns false if the line is not valid JSON or not an object.
func scanMembers(line []byte, field, annotateKey string) (object, bool) {
	var o object
	i := skipWS(line, 0)
	if i == len(line) || line[i] != '{' {
		return o, false
	}
	i++
	o.empty, o.lastEnd = true, i
	i = skipWS(line, i)
	if i < len(line) && line[i] == '}' {
		return o, skipWS(line, i+1) == len(line)
	}
	for {
		if i == len(line) || line[i] != '"' {
			return o, false
		}
		keyStart := i + 1
		var ok bool
		if i, ok = validString(line, i); !ok {
			return o, false
		}
		key := line[keyStart : i-1]
		i = skipWS(line, i)
		if i == len(line) || line[i] != ':' {
			return o, false
		}
		i = skipWS(line, i+1)
		vs := i
		if i, ok = validValue(line, i, maxDepth-1); !ok {
			return o, false
		}
		o.empty, o.lastEnd = false, i
		o.record(line, key, vs, i, field, annotateKey)
		i = skipWS(line, i)
		if i == len(line) {
			return o, false
		}
		switch line[i] {
		case ',':
			i = skipWS(line, i+1)
			continue
		case '}':
			return o, skipWS(line, i+1) == len(line)
		}
		return o, false
	}
}

// validValue returns the index after the JSON value that starts at b[i]
// and whether it is valid, nested at most depth deep, as json.Valid
// checks it. It does not recurse: open arrays and objects are kept on a
// stack.
func validValue(b []byte, i, depth int) (int, bool) {
	var buf [32]byte
	stack := buf[:0] // '{' or '[' for each open value
	var ok bool
	for {
		// A value starts at i.
		if i >= len(b) {
			return i, false
		}
		switch c := b[i]; {
		case c == '"':
			if i, ok = validString(b, i); !ok {
				return i, false
			}
		case c == '{' || c == '[':
			if len(stack) == depth {
				return i, false
			}
			stack = append(stack, c)
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == c+2 { // '}' or ']'
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '{' {
				if i, ok = validKey(b, i); !ok {
					return i, false
				}
			}
			continue
		case c == '-' || '0' <= c && c <= '9':
			if i, ok = validNumber(b, i); !ok {
				return i, false
			}
		case c == 't':
			if i, ok = literal(b, i, "true"); !ok {
				return i, false
			}
		case c == 'f':
			if i, ok = literal(b, i, "false"); !ok {
				return i, false
			}
		case c == 'n':
			if i, ok = literal(b, i, "null"); !ok {
				return i, false
			}
		default:
			return i, false
		}
		// A value ended at i: close the arrays and objects it ends.
		for {
			if len(stack) == 0 {
				return i, true
			}
			i = skipWS(b, i)
			if i == len(b) {
				return i, false
			}
			top := stack[len(stack)-1]
			if b[i] == top+2 {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return i, false
			}
			i = skipWS(b, i+1)
			if top == '{' {
				if i, ok = validKey(b, i); !ok {
					return i, false
				}
			}
			break
		}
	}
}

// validKey checks an object member's key and colon at b[i], and returns
// the index of its value, past white space.
func validKey(b []byte, i int) (int, bool) {
	if i == len(b) || b[i] != '"' {
		return i, false
	}
	i, ok := validString(b, i)
	if !ok {
		return i, false
	}
	i = skipWS(b, i)
	if i == len(b) || b[i] != ':' {
		return i, false
	}
	return skipWS(b, i+1), true
}

// literal checks that b[i:] starts with the literal lit.
func literal(b []byte, i int, lit string) (int, bool) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// validNumber checks the JSON number at b[i] and returns the index after
// it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	switch {
	case i == len(b):
		return i, false
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

// digits returns the index of the first byte at or after i that is not
// an ASCII digit.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// Eight-byte constants (package bytescan).
const (
	lsb = bytescan.Ones
	msb = bytescan.Highs
)

// validString checks the JSON string that starts at b[i] ('"') and
// returns the index after its closing quote. As in json.Valid, any byte
// from 0x20 up is allowed inside, valid UTF-8 or not; control bytes are
// not, and escapes must be one of \" \\ \/ \b \f \n \r \t \uXXXX. Runs of
// plain bytes are skipped sixteen at a time.
func validString(b []byte, i int) (int, bool) {
	i++
	for {
		for ; i+16 <= len(b); i += 16 {
			s := b[i : i+16]
			m0, m1 := special8(binary.LittleEndian.Uint64(s)), special8(binary.LittleEndian.Uint64(s[8:]))
			if m0 != 0 {
				i += bits.TrailingZeros64(m0) >> 3
				goto found
			}
			if m1 != 0 {
				i += 8 + bits.TrailingZeros64(m1)>>3
				goto found
			}
		}
		if i+8 <= len(b) {
			if m := special8(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		for i < len(b) && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\' {
			i++
		}
		if i == len(b) {
			return i, false
		}
	found:
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 == len(b) {
				return i, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if hex4(b[i+2:]) < 0 {
					return i, false
				}
				i += 6
			default:
				return i, false
			}
		case c < 0x20:
			return i, false
		default: // never: special8 flags no other byte first
			i++
		}
	}
}

// special8 flags the bytes of the eight-byte little-endian word w that a
// JSON string cannot hold as they are: '"', '\\' and control bytes below
// 0x20. Its lowest set bit is the high bit of the first such byte, and it
// is 0 if w holds none.
func special8(w uint64) uint64 {
	q, bs := w^('"'*lsb), w^('\\'*lsb)
	return ((q-lsb)&^q | (bs-lsb)&^bs | (w-0x20*lsb)&^w) & msb
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
	_, s, err := decodeInto(nil, raw)
	return s, err
}

// decodeInto is decodeString that decodes into buf, reusing its
// capacity, and returns it with the text. The text shares buf's bytes:
// it is valid until buf is written again, so a caller that reuses buf
// for the next record must keep nothing of the text past that.
func decodeInto(buf, raw []byte) ([]byte, string, error) {
	if !utf8.Valid(raw) {
		return buf, "", errors.New("not valid UTF-8")
	}
	b, err := unescape(slices.Grow(buf[:0], len(raw)), raw)
	if err != nil {
		return b, "", err
	}
	return b, unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// unescape appends to b the bytes of the valid JSON string raw (between
// its quotes) with its escapes decoded.
func unescape(b, raw []byte) ([]byte, error) {
	i := bytes.IndexByte(raw, '\\')
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
					return b, errors.New("has an unpaired UTF-16 surrogate escape")
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
	return append(b, raw...), nil
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
