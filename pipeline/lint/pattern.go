package lint

import "strings"

// Rule patterns name rules: a rule id ("dedupe.word") names that rule,
// "AREA.*" ("dedupe.*") every rule of an area, and "*" every rule. More
// generally a pattern that ends in "*" names the rules whose ids start
// with what comes before it ("dedupe.near-*"); where only whole areas
// may be named (configuration files, --disable), AreaPattern tells them
// apart.

// MatchRule reports whether pattern names the rule id.
func MatchRule(pattern, id string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(id, prefix)
	}
	return pattern == id
}

// AreaPattern reports whether pattern is "AREA.*" and returns the area
// (".*" is the pattern of the empty area, which holds no rule).
func AreaPattern(pattern string) (area string, ok bool) {
	area, ok = strings.CutSuffix(pattern, ".*")
	if !ok {
		return "", false
	}
	return area, true
}

// PatternCovers reports whether every rule pattern b names is named by
// pattern a too.
func PatternCovers(a, b string) bool {
	if a == b {
		return true
	}
	prefix, ok := strings.CutSuffix(a, "*")
	if !ok {
		return false
	}
	// b names a rule, or rules that all start with b's own prefix.
	return strings.HasPrefix(strings.TrimSuffix(b, "*"), prefix)
}

// ExpandPattern returns the ids among ids that pattern names, in the
// order of ids.
func ExpandPattern(pattern string, ids []string) []string {
	var out []string
	for _, id := range ids {
		if MatchRule(pattern, id) {
			out = append(out, id)
		}
	}
	return out
}
