package sim_test

import (
	"context"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestConnectionClientsStayOneWithEnabledClients(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	m := tn.Management(t)
	ctx := context.Background()
	db, err := m.Connection.ReadByName(ctx, "Username-Password-Authentication")
	must(t, err)
	var ids []string
	for _, n := range []string{"a", "b", "c"} {
		c := &management.Client{Name: auth0.String(n)}
		must(t, m.Client.Create(ctx, c))
		ids = append(ids, c.GetClientID())
	}
	must(t, m.Connection.UpdateEnabledClients(ctx, db.GetID(), []management.ConnectionEnabledClient{
		{ClientID: &ids[0], Status: auth0.Bool(true)}, {ClientID: &ids[1], Status: auth0.Bool(true)}, {ClientID: &ids[2], Status: auth0.Bool(true)}}))
	must(t, m.Connection.UpdateEnabledClients(ctx, db.GetID(), []management.ConnectionEnabledClient{{ClientID: &ids[1], Status: auth0.Bool(false)}}))

	l, err := m.Connection.ReadEnabledClients(ctx, db.GetID())
	must(t, err)
	if got := *l.Clients; len(got) != 2 || got[0].GetClientID() != ids[0] || got[1].GetClientID() != ids[2] {
		t.Fatalf("enabled clients %v", got)
	}
	conn, err := m.Connection.Read(ctx, db.GetID())
	must(t, err)
	if ec := conn.GetEnabledClients(); len(ec) != 2 || ec[0] != ids[0] || ec[1] != ids[2] {
		t.Fatalf("enabled_clients %v disagrees with /clients", ec)
	}

	// checkpoint paging: take 1 gives next until the last
	tok := all(tn, t)
	first := call(t, tn, tok, "GET", "/api/v2/connections/"+db.GetID()+"/clients?take=1", "").json(t)
	next, ok := first["next"].(string)
	if !ok || len(first["clients"].([]any)) != 1 {
		t.Fatalf("first page %v", first)
	}
	last := call(t, tn, tok, "GET", "/api/v2/connections/"+db.GetID()+"/clients?take=1&from="+next, "").json(t)
	if _, more := last["next"]; more || last["clients"].([]any)[0].(map[string]any)["client_id"] != ids[2] {
		t.Fatalf("last page %v", last)
	}

	// the older way changes the same list; deleting a client drops it
	//nolint:staticcheck // the older way (a connection's enabled_clients), on purpose
	must(t, m.Connection.Update(ctx, db.GetID(), &management.Connection{EnabledClients: &[]string{ids[1]}}))
	must(t, m.Client.Delete(ctx, ids[1]))
	l, err = m.Connection.ReadEnabledClients(ctx, db.GetID())
	must(t, err)
	if len(*l.Clients) != 0 {
		t.Fatalf("a deleted client is still enabled: %v", *l.Clients)
	}
	wantError(t, call(t, tn, tok, "PATCH", "/api/v2/connections/"+db.GetID()+"/clients", `[{"client_id":"nope","status":true}]`), 404, "client")
	wantError(t, call(t, tn, tn.Token(t, time.Hour, "read:connections"), "PATCH", "/api/v2/connections/"+db.GetID()+"/clients", `[]`), 403, "update:connections")
}

func TestBlockedUsersAndBruteForceBlocks(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	m := tn.Management(t)
	ctx := context.Background()
	u := &management.User{Connection: auth0.String("Username-Password-Authentication"), Email: auth0.String("ines@acme.example"), Password: auth0.String("x-Secret-1")}
	must(t, m.User.Create(ctx, u))

	// an administrator's block
	must(t, m.User.Update(ctx, u.GetID(), &management.User{Blocked: auth0.Bool(true)}))
	got, err := m.User.Read(ctx, u.GetID())
	must(t, err)
	if !got.GetBlocked() {
		t.Fatal("PATCH blocked:true did not block")
	}

	// brute force: ten wrong passwords from one IP block the account there
	app := &management.Client{Name: auth0.String("app")}
	must(t, m.Client.Create(ctx, app))
	db, err := m.Connection.ReadByName(ctx, "Username-Password-Authentication")
	must(t, err)
	must(t, m.Connection.UpdateEnabledClients(ctx, db.GetID(), []management.ConnectionEnabledClient{{ClientID: app.ClientID, Status: auth0.Bool(true)}}))
	blocks, err := m.User.Blocks(ctx, u.GetID())
	must(t, err)
	if len(blocks) != 0 {
		t.Fatalf("blocks before any failure: %v", blocks)
	}
	for i := range 10 {
		out, err := tn.AttemptLogin(sim.LoginAttempt{UserID: u.GetID(), ClientID: app.GetClientID(), IP: "198.51.100.9", WrongPassword: true})
		must(t, err)
		if want := map[bool]string{true: "limit_wc", false: "fp"}[i == 9]; out.Type != want {
			t.Fatalf("attempt %d logged %q, want %q", i+1, out.Type, want)
		}
	}
	blocks, err = m.User.Blocks(ctx, u.GetID())
	must(t, err)
	if len(blocks) != 1 || blocks[0].GetIP() != "198.51.100.9" || blocks[0].GetIdentifier() != "ines@acme.example" {
		t.Fatalf("blocks %v", blocks)
	}
	byEmail, err := m.User.BlocksByIdentifier(ctx, "ines@acme.example")
	must(t, err)
	if len(byEmail) != 1 {
		t.Fatalf("blocks by identifier %v", byEmail)
	}
	must(t, m.User.Unblock(ctx, u.GetID()))
	blocks, err = m.User.Blocks(ctx, u.GetID())
	must(t, err)
	got, _ = m.User.Read(ctx, u.GetID())
	if len(blocks) != 0 || !got.GetBlocked() {
		t.Fatalf("after DELETE /user-blocks: blocks %v, admin block %v (it must stay)", blocks, got.GetBlocked())
	}
	if _, err := m.User.Blocks(ctx, "auth0|nobody"); err == nil {
		t.Fatal("blocks of an unknown user: no error")
	}
}
