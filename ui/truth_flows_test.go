package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Someone else removes a member; the row is stale; the user removes it
// too and undoes: the member stays out, and the status says why.
func TestUndoPutsBackOnlyWhatThisChangeRemoved(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 6})
		f := startFlow(t, tn, "", "")
		f.Send(tea.WindowSizeMsg{Width: 180, Height: 36}) // room for the whole status line
		f.press("enter", "3")
		f.want("Members (6)")
		ids := f.memberIDs("acme")
		acme, err := f.admin.Organization.ReadByName(context.Background(), "acme")
		if err != nil {
			t.Fatal(err)
		}
		gone := ids[0] // the first row, removed by someone else (curl, another session)
		if err := f.admin.Organization.DeleteMembers(context.Background(), acme.GetID(), []string{gone}); err != nil {
			t.Fatal(err)
		}
		f.press("space", "space", "d") // the stale first row and the second
		f.confirm("y")
		f.want("removed 1 member from acme; 1 already removed elsewhere")
		f.press("z")
		f.want("restored 1 member with their roles; 1 already removed elsewhere: not restored")
		left := f.members("acme")
		if left[gone] || !left[ids[1]] {
			t.Fatalf("after undo: %s member %v (want out), %s member %v (want back)", gone, left[gone], ids[1], left[ids[1]])
		}
	})
}

// A removal that fails keeps its targets marked; R retries them.
func TestFailedRemovalsStayMarkedAndRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := clienttest.New(2, 10)
		var fail atomic.Bool
		fail.Store(true)
		fake.Fail = func(op string) error {
			if op == "remove members" && fail.Load() {
				return &client.Error{Kind: client.Unavailable, Op: op, Status: 503, Message: "The service is temporarily unavailable."}
			}
			return nil
		}
		s := open(t, fake, 120, 36)
		s.press("enter", "3", "space", "space", "space", "d")
		s.confirm("y")
		s.want("nothing removed from acme; 3 failed", "3 marked", "failed: The tenant answered with an error (503)")
		fail.Store(false)
		s.press(".")
		s.want("Retry 3 failed removals")
		s.press("esc", "R")
		s.want("Remove 3 members?")
		s.confirm("y")
		s.want("removed 3 members from acme", "Members (7)")
		s.wantNot("marked")
		if n := len(fake.MemberLists[fake.Orgs[0].ID]); n != 7 {
			t.Fatalf("%d members left, want 7", n)
		}
	})
}

// A connection removed by someone else is a stale row: toggling it says
// so and refreshes, and the other connections still toggle.
func TestStaleRowToggleChangesNothingElse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn, org, saml, db := acmeWith(t)
		if err := tn.Management(t).Request(context.Background(), "POST", tn.Management(t).URI("organizations", org, "connections"),
			&map[string]any{"connection_id": db, "is_enabled": true}); err != nil {
			t.Fatal(err)
		}
		f := startFlow(t, tn, "", "")
		f.press("enter", "2")
		f.want("acme-saml", "Username-Password-Authentication")
		if err := f.admin.Request(context.Background(), "DELETE", f.admin.URI("organizations", org, "connections", saml), nil); err != nil {
			t.Fatal(err)
		}
		f.press("g", "t") // acme-saml sorts first? find it
		f.wait("acme-saml?")
		f.confirm("y")
		f.want("acme-saml is no longer enabled for acme (removed elsewhere); nothing was changed")
		f.wait("Connections (1)")
		f.wantNot("acme-saml  ")
		f.press("g", "t")
		f.want("Disable the last enabled connection?")
		f.confirm("y")
		f.want("disabled Username-Password-Authentication; its settings are kept")
		if c, _ := f.orgConn(org, db); c["is_enabled"] != false {
			t.Fatalf("after a stale row, the toggle of another connection did not apply: %v", c)
		}
	})
}

// memberIDs are an organization's member ids in listing order.
func (f *flow) memberIDs(orgName string) []string {
	f.t.Helper()
	o, err := f.admin.Organization.ReadByName(context.Background(), orgName)
	if err != nil {
		f.t.Fatal(err)
	}
	l, err := f.admin.Organization.Members(context.Background(), o.GetID(), management.Take(100))
	if err != nil {
		f.t.Fatal(err)
	}
	ids := make([]string, len(l.Members))
	for i, m := range l.Members {
		ids[i] = m.GetUserID()
	}
	return ids
}

// An invitation whose answer was lost and could not be read back is never
// reported as failed: that would invite a second try, and a second email.
// The status says it may exist and to look first.
func TestAnInvitationThatMayExistIsNotCalledFailed(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		fake := clienttest.New(2, 10)
		fake.Fail = func(op string) error {
			if op == "invite" {
				return &client.Error{Kind: client.Undetermined, Op: op, Message: "the answer was lost (EOF) and reading it back failed (EOF)"}
			}
			return nil
		}
		s := open(t, fake, 200, 48)
		s.press("enter", "4", "i")
		s.want("Invite to acme", "┃ Emails")
		s.typed("ada@example.com").press("enter")
		s.typed("Ops").press("enter")
		s.press("enter", "enter", "enter", "enter")
		s.want("Invite 1 person?")
		s.confirm("y")
		s.want("1 invitation may have been made", "before inviting again")
		s.wantNot("failed")
	})
}
