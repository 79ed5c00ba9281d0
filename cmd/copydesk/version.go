package main

import (
	"fmt"
	"runtime/debug"
)

// buildInfo is what the binary knows of the build; tests replace it.
var buildInfo = debug.ReadBuildInfo

// toolVersion is copydesk's version for reports (SARIF's
// tool.driver.version, the JSON report): the module version of a
// release build ("v1.4.0"), or for a build from a checkout "devel+"
// and the first twelve digits of the VCS revision, with "-dirty" when
// the checkout had changes; "devel" when neither is known.
func toolVersion() string {
	bi, ok := buildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := vcs(bi)
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel+" + rev
}

// vcs returns the build's VCS revision and whether its checkout had
// uncommitted changes.
func vcs(bi *debug.BuildInfo) (rev string, dirty bool) {
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	return rev, dirty
}

// versionText is what --version prints: the version, then the full
// revision, its time and the Go version when the build records them.
func versionText() string {
	out := "copydesk " + toolVersion() + "\n"
	bi, ok := buildInfo()
	if !ok {
		return out
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			out += fmt.Sprintf("revision %s\n", s.Value)
		case "vcs.time":
			out += fmt.Sprintf("committed %s\n", s.Value)
		}
	}
	return out + fmt.Sprintf("built with %s\n", bi.GoVersion)
}
