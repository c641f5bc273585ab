package server

import (
	"strings"
	"testing"

	"github.com/orgdash/orgdash/sim"
)

// Over SSH a burst arrives in one read: e, then tab and text typed at
// once, reach the edit form e opens (tab its next field, the text there),
// never the page behind it, which stays on its Overview.
func TestKeysTypedAfterEditReachTheFormOverSSH(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	tm := r.connect(t, "olu", r.operator, 120, 36)
	tm.wait("3 organizations", "1 of 3")
	tm.send("\r")
	tm.wait("Danger Zone") // the Overview
	tm.send("e\tTyped Ahead")
	tm.wait("Edit acme", "AcmeTyped Ahead")
	if scr := tm.out.String(); strings.Contains(scr, "Username-Password-Authentication") {
		t.Fatalf("the page behind the form went to Connections:\n%s", scr)
	}
}
