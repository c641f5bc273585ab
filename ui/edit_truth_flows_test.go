package ui

import (
	"bytes"
	"context"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// bytes are the log as written so far.
func (l *lockedBuffer) bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

// startWithBareOrg is a session on a tenant with an organization aaa (made
// last, so last in the list) that has no display name, opened at its
// Overview.
func startWithBareOrg(t *testing.T) (*flow, string) {
	t.Helper()
	tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
	name := "aaa"
	o := &management.Organization{Name: &name}
	if err := tn.Management(t).Organization.Create(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	f := startFlow(t, tn, "", "")
	f.wait("4 organizations", "1 of 4")
	f.press("j", "j", "j")
	f.wait("4 of 4")
	f.press("enter")
	f.wait("aaa › Overview", "Danger Zone")
	return f, o.GetID()
}

// editBareOrg types a display name (and metadata, when not empty) into
// aaa's edit form and goes through the settings unchanged to the
// confirmation.
func (f *flow) editBareOrg(metadata string) {
	f.press("e")
	f.wait("Edit aaa", "┃ Name")
	f.press("enter")
	f.wait("┃ Display name")
	f.typed("Shown").press("enter", "enter", "enter", "enter")
	f.wait("┃ Metadata")
	f.typed(metadata).press("enter")
	f.wait("┃ Third-party applications")
	f.press("enter")
	f.wait("┃ Application entitlement") // an organization made through the API answers it
	f.press("enter")
	f.wait("┃ Token quota a day")
	f.press("enter", "enter", "enter")
}

// Setting a display name where there was none cannot be undone (Auth0
// takes 1 to 255 characters, never none): the confirmation says so, no
// undo is offered, z says there is nothing to undo, and the audit records
// only the display name it sent.
func TestFlowDisplayNameSetWhereNoneCannotBeUndone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, id := startWithBareOrg(t)
		f.editBareOrg("")
		f.wait("Save the changes to aaa?", "display name: (none) → Shown", "z cannot take the display name back")
		f.wantNot("z puts the old values back")
		f.confirm("y")
		f.wait("saved aaa (z cannot take the display name back")
		f.press("z")
		f.wait("nothing to undo")
		f.wantNot("put back the old values")
		o, err := f.admin.Organization.Read(context.Background(), id)
		if err != nil || o.GetDisplayName() != "Shown" {
			t.Fatalf("the tenant has %+v, %v", o, err)
		}
		es := f.audited("edit organization")
		if len(es[0].After) != 1 || es[0].After["display_name"] != "Shown" || len(es[0].Before) != 1 {
			t.Fatalf("the audit records %v → %v, want the display name only", es[0].Before, es[0].After)
		}
		// the activity feed names the one field that changed (aaa has no
		// colours nor metadata: none and empty are the same)
		changes, err := audit.Read(bytes.NewReader(f.log.bytes()))
		if err != nil {
			t.Fatal(err)
		}
		lines := activity.Build(activity.Input{Tenant: es[0].Tenant, Org: id, Changes: changes})
		if len(lines) != 1 || lines[0].What != "edited organization aaa (display_name)" {
			t.Fatalf("the activity feed says %+v", lines)
		}
	})
}

// With another field changed too, z puts that one back, leaves the
// display name out of what it sends and says it stays; the audit's undo
// line records only the field it sent.
func TestFlowUndoSaysTheDisplayNameStays(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, id := startWithBareOrg(t)
		f.editBareOrg("tier=gold")
		f.wait("Save the changes to aaa?", "display name: (none) → Shown", "metadata tier: (none) → gold",
			"z puts the old values back", "z cannot take the display name back")
		f.confirm("y")
		f.wait("saved aaa")
		f.press("z")
		f.wait("put back the old values of aaa (the display name stays: Auth0 cannot remove one)")
		o, err := f.admin.Organization.Read(context.Background(), id)
		if err != nil || o.GetDisplayName() != "Shown" || len(o.GetMetadata()) != 0 {
			t.Fatalf("after the undo the tenant has %+v, %v: want the display name, no metadata", o, err)
		}
		es := f.audited("edit organization", "edit organization")
		if _, ok := es[1].After["display_name"]; ok || len(es[1].After) != 1 {
			t.Fatalf("the undo's audit line records %v, want the metadata only", es[1].After)
		}
	})
}
