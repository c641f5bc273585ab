package doctor

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

// A watched checkup says the pages of members read of those there are,
// page by page, up to the last.
func TestWatchedCheckupCountsMemberPages(t *testing.T) {
	f := tenant()
	f.MemberLists[acmeID] = clienttest.Members(250)
	ctx := context.Background()
	o, _ := f.OrganizationByName(ctx, "acme")
	var seen []Progress
	Watched(ctx, f, NewSurvey(ctx, f), o, func(p Progress) { seen = append(seen, p) })
	var pages []string
	for _, p := range seen {
		if p.Pages > 0 {
			pages = append(pages, p.String())
		}
	}
	want := []string{"reading members: page 1 of 3", "reading members: page 2 of 3", "reading members: page 3 of 3"}
	if !slices.Equal(pages, want) || seen[0].Org != "acme" {
		t.Fatalf("progress %v, want %v", pages, want)
	}
}

// After a fix, Recheck reads again only what the fixed check needs: a
// pending domain's fix reads no member; the finding is gone and the
// others are kept.
func TestRecheckRunsOnlyTheFixedCheck(t *testing.T) {
	f := tenant()
	f.Login.Domains = map[string][]client.DiscoveryDomain{acmeID: {{ID: "dd_1", Domain: "acme.example", UseForDiscovery: true}}}
	f.Invites[acmeID] = []client.Invitation{{ID: "uinv_x", Invitee: "old@acme.example"}}
	f.Conns[acmeID][0].SignupEnabled = true
	r := checkAcme(t, f)
	if !slices.Contains(checks(r.Findings), CheckPendingDomain) || !slices.Contains(checks(r.Findings), CheckSignup) {
		t.Fatalf("findings %+v", r.Findings)
	}
	i := slices.IndexFunc(r.Findings, func(x Finding) bool { return x.Check == CheckPendingDomain })
	if err := r.Findings[i].Fix.Apply(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	ops := map[string]int{}
	f.Fail = func(op string) error { mu.Lock(); ops[op]++; mu.Unlock(); return nil }
	after := Recheck(context.Background(), f, r, []string{CheckPendingDomain}, nil)
	if ops["list members"] != 0 || ops["list invitations"] != 0 || ops["count members"] != 0 {
		t.Fatalf("the recheck of a domain made %v", ops)
	}
	if slices.Contains(checks(after.Findings), CheckPendingDomain) || !slices.Contains(checks(after.Findings), CheckSignup) ||
		len(after.Ran) != len(Checks) || !slices.Contains(after.Ran, CheckPendingDomain) {
		t.Fatalf("after the recheck: findings %+v, ran %v", after.Findings, after.Ran)
	}
}
