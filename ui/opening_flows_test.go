package ui

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Keys typed right after a key that opens a dialog (one burst, as a fast
// typist, a paste or SSH latency delivers them) reach that dialog, never
// the page behind it.

// tenantConns is a transport that holds, or refuses, the reads of the
// tenant's connections (the enable picker's read) while its gate says so.
type tenantConns struct {
	base    http.RoundTripper
	release chan struct{} // closed: reads go on; nil: they never wait
	refuse  bool
}

func (h tenantConns) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != "GET" || !strings.HasSuffix(r.URL.Path, "/api/v2/connections") {
		return h.base.RoundTrip(r)
	}
	if h.release != nil {
		select {
		case <-h.release:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	if h.refuse {
		body := `{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:connections","errorCode":"insufficient_scope"}`
		return &http.Response{StatusCode: 403, Status: "403 Forbidden", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
	return h.base.RoundTrip(r)
}

// connsFlow is the demo tenant's acme on its Connections tab, the tenant's
// connections read through h.
func connsFlow(t *testing.T, h tenantConns) *flow {
	t.Helper()
	tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
	h.base = tn.Transport
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Demo: true,
		Transport: h, VerifyInterval: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{tn: tn, log: &lockedBuffer{}, admin: tn.Management(t)}
	f.session = open(t, cl, 120, 36)
	f.wait("3 organizations", "1 of 3")
	f.press("enter", "2")
	f.wait("Connections (")
	return f
}

// e then tab and text, in one burst: the edit form opens and takes them
// (tab to its second field, the text there); the page behind stays on
// Overview, where it was.
func TestTypedAfterEditReachesTheForm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter")
		f.wait("Danger Zone") // the Overview
		f.Type(burst("e", "<tab>", "Typed Ahead")...)
		f.want("Edit acme", "┃ Display name", "> AcmeTyped Ahead")
		f.press("esc")
		f.want("Discard the changes typed?") // something was typed: esc asks first
		f.press("y")
		f.want("Edit acme cancelled: nothing sent")
		f.wantNot("┃ Display name")
		f.want("Danger Zone")
	})
}

// e then z, in one burst, with a removal to undo: z is the form's (a
// letter of the name), never the page's undo: the member stays removed
// and the offer stays.
func TestTypedAfterEditNeverUndoes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter", "3")
		f.wait("Members (5)")
		f.press("d")
		f.confirm("y")
		f.wait("z undo removal")
		f.press("1")
		f.wait("Danger Zone")
		f.Type(burst("ez")...)
		f.Advance(time.Second) // an undo would have run by now
		if n := len(f.members("acme")); n != 4 {
			t.Fatalf("acme has %d members, want 4: the removal was undone", n)
		}
		f.wantNot("nothing to undo", "undoing", "restoring", "put back")
		f.want("Edit acme", "┃ Name", "> acmez")
		f.press("esc")
		f.want("z undo removal")
	})
}

// J then 3 on Connections, in one burst: the JSON viewer opens and the
// page stays on Connections (3 is the viewer's, which ignores it).
func TestTypedAfterViewJSONStaysInTheViewer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := connsFlow(t, tenantConns{})
		f.want("Username-Password-Authentication")
		f.Type(burst("J3")...)
		f.want("Connection ", `"strategy"`)
		f.press("esc")
		f.want("Username-Password-Authentication", "n enable")
		f.wantNot("@example")
	})
}

// The picker reads the tenant's connections before it opens: keys typed
// meanwhile wait for it, and reach it once it is open.
func TestTypedAfterThePickerWaitForItsRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := tenantConns{release: make(chan struct{})}
		f := connsFlow(t, h)
		f.Type(burst("n3")...)
		f.Advance(100 * time.Millisecond)
		f.want("Username-Password-Authentication")
		f.wantNot("Enable a connection for", "@example")
		close(h.release)
		f.wait("Enable a connection for acme")
		f.press("esc")
		f.want("Username-Password-Authentication")
		f.wantNot("@example")
	})
}

// A dialog-opening key whose read fails opens nothing: the keys typed
// after it then reach the page, all of them, in the order typed (3 then
// 1 ends on the Overview).
func TestTypedAfterAFailedReadReachThePageInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := connsFlow(t, tenantConns{refuse: true})
		f.Type(burst("n31")...)
		f.wait("Danger Zone")
		f.want("read:connections")
		f.wantNot("Enable a connection for")
	})
}

// esc while keys wait for a dialog gives it up: the status line says so
// and how many keys it drops; the dialog does not open when its read
// comes back; the next keys go to the page at once.
func TestEscWhileOpeningCancels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := tenantConns{release: make(chan struct{})}
		f := connsFlow(t, h)
		f.Type(burst("n3", "<esc>")...)
		f.want("cancelled n: its dialog will not open; 1 key typed meanwhile dropped")
		close(h.release)
		f.Advance(time.Second)
		f.wantNot("Enable a connection for", "@example")
		f.Type(burst("3")...)
		f.want("@example")
	})
}

// A read that does not come back holds keys no longer than openCeiling:
// after openNotice the status line says they wait (and esc cancels); at
// the ceiling the dialog is given up, said so, and keys reach the page.
func TestOpeningGivesUpAtItsCeiling(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := tenantConns{release: make(chan struct{})}
		defer close(h.release)
		f := connsFlow(t, h)
		f.Type(burst("n3")...)
		f.Advance(openNotice)
		f.want("n: opening… keys typed wait for it · esc cancels")
		f.wantNot("@example")
		f.Advance(openCeiling - openNotice)
		f.want("gave up on n after 15s: its dialog will not open; 1 key typed meanwhile dropped")
		f.Type(burst("3")...)
		f.want("@example")
	})
}

// Keys after keys that open no dialog are never held: a burst that
// switches tabs, reloads one and moves the cursor takes effect as it is
// handed on, before any command has answered and with no time passing.
func TestBurstWithoutADialogKeyIsNotDelayed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter", "3")
		f.wait("Members (5)")
		start := time.Now()
		for _, k := range burst("r2j") {
			f.Feed(k) // no command answers in between
		}
		f.want("Username-Password-Authentication")
		if m := f.root(); m.waiting != nil || len(m.held) > 0 {
			t.Fatalf("keys held (%d) after a burst that opens no dialog", len(m.held))
		}
		f.Settle()
		if d := time.Since(start); d != 0 {
			t.Fatalf("the burst took %s on the fake clock, want none", d)
		}
	})
}

// i reads the organization's roles and connections before its form
// opens (an action that says it Opens): the address typed right after i
// is the form's, not keys for the Invitations list.
func TestTypedAfterInviteReachesItsForm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter", "4")
		f.wait("Invitations (3)", "1 of 3")
		f.Type(burst("ix1@example.net")...)
		f.want("Invite to acme", "┃ Emails", "x1@example.net")
	})
}

// The key that completes a form opens its confirmation: keys typed after
// it wait for that (never the page, between the form closing and the
// confirmation opening).
func TestTypedAfterAFormCompletesReachItsConfirmation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter", "5", "n")
		f.want("┃ Domain")
		f.Type(burst("new.example", "<enter>", "n", "3")...)
		f.want("Add new.example?")
		f.wantNot("@example.com")
	})
}

// An item of the More Options menu whose dialog needs a read (enable
// another connection) holds the keys typed after it as its key would:
// they wait for the picker, and never reach the page behind.
func TestTypedAfterAMenuItemWaitForItsDialog(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := tenantConns{release: make(chan struct{})}
		f := connsFlow(t, h)
		f.press(".")
		f.wait("Enable another connection")
		f.Type(burst("n")...)
		f.Advance(100 * time.Millisecond) // the menu has closed; the read is held
		f.wantNot("Enable another connection")
		f.Type(burst("3")...)
		f.Advance(100 * time.Millisecond)
		f.want("Username-Password-Authentication")
		f.wantNot("Enable a connection for", "@example")
		close(h.release)
		f.wait("Enable a connection for acme")
		f.press("esc")
		f.want("Username-Password-Authentication")
		f.wantNot("@example")
	})
}

// Keys typed after ":org NAME" and enter reach the organization's page,
// not the list it was opened from; after picking one of several
// candidates, likewise.
func TestTypedAfterAJumpReachTheOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.Type(burst(":", "org zurich", "<enter>", "3")...)
		f.wait("zurich-re › Members")
		f.press("esc")
		f.Type(burst(":", "org e", "<enter>")...) // every name has an e: candidates
		f.wait("Organizations matching “e”")
		f.Type(burst("<enter>", "2")...)
		f.wait(" › Connections")
	})
}
