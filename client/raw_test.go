package client_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Each entity's GET answers Auth0's body, fields orgdash's types do not
// keep included; a connection is read in its family; a missing scope is
// a Forbidden naming it.
func TestRawJSON(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 2})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	read := func(e client.Entity) map[string]any {
		t.Helper()
		body, err := c.RawJSON(ctx, e)
		ok(t, err)
		var v map[string]any
		ok(t, json.Unmarshal(body, &v))
		return v
	}
	if o := read(client.OrganizationEntity(acme.ID)); o["id"] != acme.ID || o["branding"] == nil {
		t.Fatalf("organization: %v", o)
	}
	conns, err := c.Connections(ctx, acme.ID)
	ok(t, err)
	cn := read(client.ConnectionEntity(acme.ID, conns[0].ID, conns[0].Legacy))
	if cn["connection_id"] != conns[0].ID {
		t.Fatalf("connection: %v", cn)
	}
	if _, ok := cn["is_enabled"]; !ok { // the newer family's own field
		t.Fatalf("connection read in the older family: %v", cn)
	}
	page, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	if u := read(client.UserEntity(page.Items[0].UserID)); u["user_id"] != page.Items[0].UserID || u["created_at"] == nil {
		t.Fatalf("user: %v", u)
	}

	narrow := connect(t, tn, func(cfg *client.Config) {
		cfg.ClientID, cfg.ClientSecret, cfg.APIToken = "", "", tn.Token(t, time.Hour, "read:organizations")
	})
	_, err = narrow.RawJSON(ctx, client.UserEntity(page.Items[0].UserID))
	if e, isErr := err.(*client.Error); !isErr || e.Kind != client.Forbidden || len(e.Scopes) == 0 || e.Scopes[0] != "read:users" {
		t.Fatalf("without read:users: %v", err)
	}
}
