package sim_test

import (
	"context"
	"testing"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// PATCH /users/{id} merges metadata at its root as Auth0 does: a new
// property joins the others, a nested object is replaced whole, null
// deletes a property, and an empty object clears it.
func TestPatchUserMergesMetadata(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	m := tn.Management(t)
	ctx := context.Background()
	var u struct {
		UserID       string         `json:"user_id"`
		UserMetadata map[string]any `json:"user_metadata"`
		AppMetadata  map[string]any `json:"app_metadata"`
	}
	must(t, m.Request(ctx, "POST", m.URI("users"), &map[string]any{"email": "ada@example.com", "password": "Passw0rd!x",
		"connection": "Username-Password-Authentication", "user_metadata": map[string]any{"hobby": "surfing"},
		"app_metadata": map[string]any{"plan": "full", "addresses": map[string]any{"home": "1 Main St"}}}))
	var found []struct {
		UserID string `json:"user_id"`
	}
	must(t, m.Request(ctx, "GET", m.URI("users")+"?q=email:%22ada@example.com%22", &found))
	if len(found) != 1 {
		t.Fatalf("found %d users", len(found))
	}
	id := found[0].UserID
	patch := func(body map[string]any) {
		t.Helper()
		must(t, m.Request(ctx, "PATCH", m.URI("users", id), &body))
		u.UserMetadata, u.AppMetadata = nil, nil // decoding into a map would keep its old keys
		must(t, m.Request(ctx, "GET", m.URI("users", id), &u))
	}
	patch(map[string]any{"user_metadata": map[string]any{"color": "blue"},
		"app_metadata": map[string]any{"addresses": map[string]any{"work": "2 Mill Rd"}}})
	if u.UserMetadata["hobby"] != "surfing" || u.UserMetadata["color"] != "blue" {
		t.Fatalf("user_metadata not merged: %v", u.UserMetadata)
	}
	if a, _ := u.AppMetadata["addresses"].(map[string]any); u.AppMetadata["plan"] != "full" || len(a) != 1 || a["work"] != "2 Mill Rd" {
		t.Fatalf("app_metadata: root merged, lower levels replaced? %v", u.AppMetadata)
	}
	patch(map[string]any{"user_metadata": map[string]any{"color": nil}})
	if _, ok := u.UserMetadata["color"]; ok || u.UserMetadata["hobby"] != "surfing" {
		t.Fatalf("null did not delete only that property: %v", u.UserMetadata)
	}
	patch(map[string]any{"app_metadata": map[string]any{}})
	if len(u.AppMetadata) != 0 || u.UserMetadata["hobby"] != "surfing" {
		t.Fatalf("an empty object did not clear app_metadata alone: app %v, user %v", u.AppMetadata, u.UserMetadata)
	}
}
