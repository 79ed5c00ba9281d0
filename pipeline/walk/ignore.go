package walk

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// A Decision is what a Matcher says about a path.
type Decision int

// The decisions of a Matcher.
const (
	// None: the matcher has no rule for the path; ask the next one.
	None Decision = iota
	// Ignore: skip the path (a directory is not entered).
	Ignore
	// Keep: do not skip the path, whatever matchers further up say
	// (a negated gitignore pattern, "!keep.md").
	Keep
)

// A Matcher decides about paths below one directory. The path is
// slash-separated and relative to that directory ("sub/a.md").
// Implementations must be safe for use by one goroutine at a time.
type Matcher interface {
	Match(rel string, isDir bool) Decision
}

// An IgnoreFile is a compiled gitignore file: its patterns, the last
// matching one winning. The zero value matches nothing.
type IgnoreFile struct {
	patterns []pattern
}

type pattern struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
	text    string // as written, for errors and debugging
}

// ParseIgnore compiles the patterns of a gitignore file, with git's
// semantics (gitignore(5)):
//
//   - blank lines and lines starting with "#" are skipped; trailing
//     spaces are dropped unless escaped with "\";
//   - "!" negates a pattern: a path it matches is kept again (but a
//     file inside an ignored directory cannot be kept, since the
//     directory is not entered);
//   - a trailing "/" matches only directories;
//   - a pattern with a "/" at its start or in its middle is anchored to
//     the directory of the file; without one it matches a name at any
//     depth;
//   - "*" matches anything but "/", "?" one character but "/",
//     "[a-z]" and "[!a-z]" a character class; a leading "**/" matches in
//     any directory, a trailing "/**" everything inside, "/**/" zero or
//     more directories; "\" escapes the next character.
//
// A pattern that cannot be compiled (an unclosed "[") is an error naming
// its line; the other patterns are still returned.
func ParseIgnore(r io.Reader) (*IgnoreFile, error) {
	var f IgnoreFile
	var errs []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		p, ok, err := parsePattern(sc.Text())
		if err != nil {
			errs = append(errs, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		if ok {
			f.patterns = append(f.patterns, p)
		}
	}
	if err := sc.Err(); err != nil {
		return &f, err
	}
	if len(errs) > 0 {
		return &f, fmt.Errorf("bad pattern: %s", strings.Join(errs, "; "))
	}
	return &f, nil
}

// ParseIgnoreString is ParseIgnore of a string.
func ParseIgnoreString(s string) (*IgnoreFile, error) {
	return ParseIgnore(strings.NewReader(s))
}

// Match implements Matcher: Ignore if the last pattern that matches rel
// is a plain one, Keep if it is negated, None if none matches.
func (f *IgnoreFile) Match(rel string, isDir bool) Decision {
	if f == nil {
		return None
	}
	for i := len(f.patterns) - 1; i >= 0; i-- {
		p := &f.patterns[i]
		if p.dirOnly && !isDir {
			continue
		}
		if p.re.MatchString(rel) {
			if p.negate {
				return Keep
			}
			return Ignore
		}
	}
	return None
}

// parsePattern compiles one line of a gitignore file; ok is false for a
// blank line or a comment.
func parsePattern(line string) (p pattern, ok bool, err error) {
	line = strings.TrimSuffix(line, "\r")
	// Trailing spaces are dropped unless escaped.
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
		line = line[:len(line)-1]
	}
	if line == "" || line[0] == '#' {
		return p, false, nil
	}
	p.text = line
	if line[0] == '!' {
		p.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") && !strings.HasSuffix(line, `\/`) {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return p, false, nil
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	if err := translate(&b, line); err != nil {
		return p, false, err
	}
	b.WriteString("$")
	p.re, err = regexp.Compile(b.String())
	if err != nil {
		return p, false, err
	}
	return p, true, nil
}

// translate writes the regular expression for a gitignore glob.
func translate(b *strings.Builder, glob string) error {
	for i := 0; i < len(glob); {
		c := glob[i]
		switch {
		case c == '*' && strings.HasPrefix(glob[i:], "**") && (i == 0 || glob[i-1] == '/'):
			// "**" as a whole path component.
			rest := glob[i+2:]
			switch {
			case rest == "":
				b.WriteString(".*") // "/**": everything inside; "**": anything
				i += 2
			case rest[0] == '/':
				b.WriteString("(?:.*/)?") // "**/": zero or more directories
				i += 3
			default:
				b.WriteString("[^/]*") // "**x": as "*"
				i += 2
			}
		case c == '*':
			b.WriteString("[^/]*")
			i++
		case c == '?':
			b.WriteString("[^/]")
			i++
		case c == '[':
			n, err := class(b, glob[i:])
			if err != nil {
				return err
			}
			i += n
		case c == '\\' && i+1 < len(glob):
			b.WriteString(regexp.QuoteMeta(glob[i+1 : i+2]))
			i += 2
		default:
			b.WriteString(regexp.QuoteMeta(glob[i : i+1]))
			i++
		}
	}
	return nil
}

// class writes the regular expression for the bracket expression at the
// start of s and returns its length in s. A class never matches "/".
func class(b *strings.Builder, s string) (int, error) {
	i := 1
	var out strings.Builder
	negate := i < len(s) && (s[i] == '!' || s[i] == '^')
	if negate {
		i++
	}
	for first := true; i < len(s); i, first = i+1, false {
		c := s[i]
		switch {
		case c == ']' && !first:
			if negate {
				b.WriteString("[^/" + out.String() + "]")
			} else {
				b.WriteString("[" + out.String() + "]")
			}
			return i + 1, nil
		case c == '[' && strings.HasPrefix(s[i:], "[:"):
			end := strings.Index(s[i+2:], ":]")
			if end < 0 {
				return 0, fmt.Errorf("unclosed [: in %q", s)
			}
			name := s[i+2 : i+2+end]
			if !posixClasses[name] {
				return 0, fmt.Errorf("unknown character class [:%s:]", name)
			}
			out.WriteString(s[i : i+4+end])
			i += 3 + end
		case c == '\\' && i+1 < len(s):
			i++
			out.WriteString(regexp.QuoteMeta(s[i : i+1]))
		case c == '[' || c == '^' || c == ']' || c == '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	return 0, fmt.Errorf("unclosed [ in %q", s)
}

// posixClasses are the [:name:] classes git and Go's regexp both know.
var posixClasses = map[string]bool{
	"alnum": true, "alpha": true, "blank": true, "cntrl": true, "digit": true, "graph": true,
	"lower": true, "print": true, "punct": true, "space": true, "upper": true, "xdigit": true,
}
