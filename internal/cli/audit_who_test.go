package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
)

// Over SSH the key names the person: the human line shows the key's
// fingerprint, and --who finds the change by the key's comment or
// fingerprint, never by the login name the client typed (ssh -l op1@corp).
// Before, a comment-less key typed as op1@corp was found as op1@corp and
// its line had no fingerprint.
func TestAuditNamesTheKeyNotTheLoginName(t *testing.T) {
	now := time.Now().UTC()
	const fp = "SHA256:3cXk0kq9qkQmXbS4Yp3y7a3Q0mHqQ5rN3oN1X6j8v2E"
	typed := audit.Entry{Time: now, ID: "c3", Phase: audit.Intent, User: "op1@corp", Key: fp, Remote: "10.0.0.9:5123", Tenant: "t",
		Action: "delete organization", Org: "org_3", OrgName: "globex", Targets: []string{"org_3"}}
	named := audit.Entry{Time: now, ID: "d4", Phase: audit.Intent, User: "ana@corp", Comment: "ana@corp", Key: "SHA256:other", Tenant: "t",
		Action: "delete organization", Org: "org_4", OrgName: "initech", Targets: []string{"org_4"}}
	path := writeLog(t, typed, named)
	out, _, err := run(t, nil, "audit", "--file", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, fp+" interrupted delete organization  in globex") || !strings.Contains(out, "ana@corp SHA256:other interrupted") {
		t.Fatalf("the human lines lack the key's fingerprint:\n%s", out)
	}
	if out, _, _ := run(t, nil, "audit", "--file", path, "--who", "op1@corp"); out != "" {
		t.Fatalf("--who matched a login name the client chose:\n%s", out)
	}
	if out, _, _ := run(t, nil, "audit", "--file", path, "--who", fp); !strings.Contains(out, "globex") || strings.Contains(out, "initech") {
		t.Fatalf("--who FINGERPRINT:\n%s", out)
	}
	if out, _, _ := run(t, nil, "audit", "--file", path, "--who", "ANA@corp"); !strings.Contains(out, "initech") || strings.Contains(out, "globex") {
		t.Fatalf("--who COMMENT:\n%s", out)
	}
}
