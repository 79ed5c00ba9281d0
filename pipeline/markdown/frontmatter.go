package markdown

import (
	"strings"
)

// frontMatter returns the end of the YAML (---) or TOML (+++) front
// matter at the start of src, without its final line break, or 0.
func frontMatter(src string) int {
	if len(src) < 3 || (src[:3] != "---" && src[:3] != "+++") {
		return 0
	}
	delim := src[:3]
	le := strings.IndexByte(src, '\n')
	if le < 0 || strings.TrimRight(src[3:le], " \t\r") != "" {
		return 0
	}
	for ls := le + 1; ls < len(src); {
		e := strings.IndexByte(src[ls:], '\n')
		if e < 0 {
			e = len(src)
		} else {
			e += ls
		}
		line := strings.TrimRight(src[ls:e], " \t\r")
		if line == delim || delim == "---" && line == "..." {
			return ls + len(line)
		}
		ls = e + 1
	}
	return 0
}
