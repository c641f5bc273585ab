package activity

import (
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// An edit saved, then undone five seconds later: each change takes its own
// call, not the other's (both are within the other's slack), and shows as
// orgdash's; neither call shows again as made elsewhere.
func TestAnEditAndItsUndoSecondsApartTakeACallEach(t *testing.T) {
	save := change("save", t0, "edit organization", []string{org}, nil)
	undo := change("undo", t0.Add(5*time.Second), "edit organization", []string{org}, nil)
	events := []client.LogEvent{
		sapi("1", t0.Add(time.Second), ours, "PATCH", "/api/v2/organizations/"+org, map[string]any{"third_party_client_access": "allow"}, ""),
		sapi("2", t0.Add(6*time.Second), ours, "PATCH", "/api/v2/organizations/"+org, map[string]any{"third_party_client_access": "block"}, ""),
	}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{save, undo}, Logs: events})
	if len(es) != 2 {
		t.Fatalf("want the save and the undo, once each; got %+v", es)
	}
	for _, e := range es {
		want := map[string]string{"audit:save": "1", "audit:undo": "2"}[e.ID]
		if e.Elsewhere || e.Who.Actor != Orgdash || len(e.Logs) != 1 || e.Logs[0].ID != want {
			t.Errorf("%s: elsewhere %v, by %s, calls %+v; want its own call %s", e.ID, e.Elsewhere, e.Who, e.Logs, want)
		}
	}
}

// An edit's line says what it changed, where its audit kept both sides.
func TestAnEditSaysWhichFieldsItChanged(t *testing.T) {
	c := change("save", t0, "edit organization", []string{org}, nil)
	c.Intent.Before = map[string]any{"name": "acme", "third_party_client_access": "block"}
	c.Intent.After = map[string]any{"name": "acme", "third_party_client_access": "allow"}
	c.Outcome.Before, c.Outcome.After = c.Intent.Before, c.Intent.After
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{c}})
	if len(es) != 1 || es[0].What != "edited organization acme (third_party_client_access)" {
		t.Fatalf("got %+v", es)
	}
}

// An edit's line names only the fields that changed: colours or metadata
// none on one side and empty on the other (as older lines wrote them) are
// no change.
func TestAnEditDoesNotNameEmptyMapsAsChanged(t *testing.T) {
	c := change("save", t0, "edit organization", []string{org}, nil)
	c.Intent.Before = map[string]any{"name": "acme", "display_name": "", "colors": nil, "metadata": map[string]any{}}
	c.Intent.After = map[string]any{"name": "acme", "display_name": "Shown", "colors": map[string]any{}, "metadata": nil}
	c.Outcome.Before, c.Outcome.After = c.Intent.Before, c.Intent.After
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{c}})
	if len(es) != 1 || es[0].What != "edited organization acme (display_name)" {
		t.Fatalf("got %+v", es)
	}
}

// The same, within one millisecond (a script, or a fast test): Auth0
// dates its events to the millisecond, so both calls fall inside the save;
// each change still takes one, the earlier call the earlier change's.
func TestAnEditAndItsUndoWithinAMillisecondTakeACallEach(t *testing.T) {
	save := change("save", t0, "edit organization", []string{org}, nil)
	save.Outcome.Time = t0.Add(900 * time.Microsecond)
	undo := change("undo", t0.Add(950*time.Microsecond), "edit organization", []string{org}, nil)
	at := t0.Add(800 * time.Microsecond).Truncate(time.Millisecond)
	events := []client.LogEvent{
		sapi("1", at, ours, "PATCH", "/api/v2/organizations/"+org, map[string]any{"third_party_client_access": "allow"}, ""),
		sapi("2", at, ours, "PATCH", "/api/v2/organizations/"+org, map[string]any{"third_party_client_access": "block"}, ""),
	}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{save, undo}, Logs: events})
	if len(es) != 2 {
		t.Fatalf("want the save and the undo, once each; got %+v", es)
	}
	for _, e := range es {
		want := map[string]string{"audit:save": "1", "audit:undo": "2"}[e.ID]
		if e.Elsewhere || len(e.Logs) != 1 || e.Logs[0].ID != want {
			t.Errorf("%s: elsewhere %v, calls %+v; want its own call %s", e.ID, e.Elsewhere, e.Logs, want)
		}
	}
}
