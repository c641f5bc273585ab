package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionFromBuildInfo(t *testing.T) {
	built := &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201120328-14f25b0f7905"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "14f25b0f7905c56de0fac6e877d08b38f938c9a7"}, {Key: "vcs.time", Value: "2026-12-01T12:03:28Z"},
		{Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		info            *debug.BuildInfo
		version, commit string
		want            string
	}{
		{built, "", "", "orgdash v0.0.0-20261201120328-14f25b0f7905 (commit 14f25b0f7905, 2026-12-01T12:03:28Z, modified)"},
		{built, "v1.2.0", "abc123", "orgdash v1.2.0 (commit abc123, 2026-12-01T12:03:28Z, modified)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", "", "orgdash dev (no commit recorded: go run and -buildvcs=false record none; go build does)"},
	} {
		if got := versionLine(c.info, c.version, c.commit); got != c.want {
			t.Errorf("got %q\nwant %q", got, c.want)
		}
	}
}
