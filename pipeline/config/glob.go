package config

import (
	"path"
	"strings"
)

// checkGlob reports whether pattern is well formed.
func checkGlob(pattern string) error {
	if strings.TrimSpace(pattern) == "" {
		return errEmptyPattern
	}
	for _, seg := range strings.Split(strings.Trim(pattern, "/"), "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

type patternError string

func (e patternError) Error() string { return string(e) }

const errEmptyPattern = patternError("empty pattern")

// matchGlob reports whether the slash-separated relative path p matches
// pattern, in the manner of .gitignore:
//
//   - "*" matches any run of characters except "/", "?" one character,
//     "[a-z]" a class; "**" as a whole segment matches any number of
//     directories, none included;
//   - a pattern without a "/" (other than a trailing one) matches a file
//     or directory of that name at any depth: "CHANGELOG.md", "*.md",
//     "vendor";
//   - a pattern with a "/" is anchored at the configuration's directory
//     ("docs/*.md", "/notes.txt", "**/drafts/*.txt");
//   - a pattern that matches a directory matches everything under it
//     ("vendor/", "build/**", "docs/drafts").
func matchGlob(pattern, p string) bool {
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		return false
	}
	segs := strings.Split(p, "/")
	trimmed := strings.TrimSuffix(pattern, "/")
	if !strings.Contains(trimmed, "/") {
		// A name: any segment of the path, that is the file or one of
		// its directories.
		for _, s := range segs {
			if ok, _ := path.Match(trimmed, s); ok {
				return true
			}
		}
		return false
	}
	pat := strings.Split(strings.TrimPrefix(trimmed, "/"), "/")
	// The path or any of its directories.
	for n := len(segs); n > 0; n-- {
		if matchSegs(pat, segs[:n]) {
			return true
		}
	}
	return false
}

// matchSegs matches path segments against pattern segments, "**"
// standing for any number of segments.
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
