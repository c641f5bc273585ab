package sim_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// The seeded tenant is what many tests and goldens read: for a seed, the
// same ids, names, memberships, roles, invitations and history. These
// digests of everything it answers were taken before seeding was made
// cheaper; a change to seeding that changes the data changes them.
const (
	defaultTenantDigest = "39ce62b649b4315b5a47df62c7adc4fe32bba3e8dde9c92b19f5cd8b7f60efba"
	largeTenantDigest   = "71f4f1e398bd0e6fd46657a2d42b9c90c37064fc407e7602ab0cd9337ff97461"
)

func TestSeededDefaultTenantIsUnchanged(t *testing.T) {
	if d := tenantDigest(t, sim.DefaultOptions(), true); d != defaultTenantDigest {
		t.Fatalf("default tenant digest %s, want %s", d, defaultTenantDigest)
	}
}

// A tenant past a thousand organizations (shared colour maps) and past
// demoMemberships/68 of them (smaller organizations, fewer invitations).
func TestSeededLargeTenantIsUnchanged(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("seeds 5,000 organizations")
	}
	opts := sim.DefaultOptions()
	opts.Orgs, opts.Members, opts.Seed = 5000, 1500, 7
	if d := tenantDigest(t, opts, false); d != largeTenantDigest { // users: their ids are in the members pages
		t.Fatalf("large tenant digest %s, want %s", d, largeTenantDigest)
	}
}

// digester reads the tenant in-process and hashes each answer with its path.
type digester struct {
	t   *testing.T
	s   *sim.Server
	tok string
	h   hash.Hash
}

// get hashes path's status and body and decodes the body into v (nil: not).
func (d *digester) get(path string, v any) {
	req := httptest.NewRequest("GET", "/api/v2/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+d.tok)
	w := httptest.NewRecorder()
	d.s.ServeHTTP(w, req)
	fmt.Fprintf(d.h, "%s %d %d\n", path, w.Code, w.Body.Len())
	d.h.Write(w.Body.Bytes())
	if v != nil {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			d.t.Fatalf("%s: %v", path, err)
		}
	}
}

// tenantDigest hashes every organization, the tenant's connections, roles,
// clients, APIs, grants and history and, when all is set, each
// organization's members with roles and what else belongs to it and every
// member's user; else those of every tenth organization (a draw that
// changed shifts every later one: the next organization's id shows it).
func tenantDigest(t *testing.T, opts sim.Options, all bool) string {
	t.Helper()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	opts.Now = func() time.Time { return at }
	opts.Plan, opts.ClientSecret = "", "digest-client-secret"
	s, err := sim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.IssueToken("http://example.com/api/v2/", sim.AllScopes, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	d := &digester{t: t, s: s, tok: tok, h: sha256.New()}
	for _, p := range []string{"connections?per_page=100", "roles?per_page=100", "clients?per_page=100",
		"resource-servers?per_page=100", "client-grants?per_page=100", "organization-templates"} {
		d.get(p, nil)
	}
	var logs []struct {
		LogID string `json:"log_id"`
	}
	for from := ""; ; {
		logs = nil
		d.get("logs?take=100&from="+url.QueryEscape(from), &logs)
		if len(logs) == 0 {
			break
		}
		from = logs[len(logs)-1].LogID
	}
	var orgs []string
	for next := ""; ; {
		var page struct {
			Organizations []struct{ ID string } `json:"organizations"`
			Next          string                `json:"next"`
		}
		d.get("organizations?take=100&from="+url.QueryEscape(next), &page)
		for _, o := range page.Organizations {
			orgs = append(orgs, o.ID)
		}
		if next = page.Next; next == "" {
			break
		}
	}
	members := map[string]bool{}
	for i, id := range orgs {
		if !all && i%10 != 0 {
			continue
		}
		o := "organizations/" + id
		for _, p := range []string{"", "/enabled_connections", "/invitations?per_page=100", "/discovery-domains",
			"/client-grants", "/clients", "/groups"} {
			d.get(o+p, nil)
		}
		for next := ""; ; {
			var page struct {
				Members []struct {
					UserID string `json:"user_id"`
				} `json:"members"`
				Next string `json:"next"`
			}
			d.get(o+"/members?take=100&fields=user_id,email,picture,name,roles&include_fields=true&from="+url.QueryEscape(next), &page)
			for _, m := range page.Members {
				members[m.UserID] = true
			}
			if len(page.Members) == 0 {
				break
			}
			next = page.Next
		}
	}
	if all { // every user, whole, through prefix searches of their emails (a search lists 1,000 at most)
		var total struct{ Total int }
		d.get("users?include_totals=true&per_page=1", &total)
		found := 0
		for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
			for page := 0; ; page++ {
				var users []struct {
					UserID string `json:"user_id"`
				}
				d.get(fmt.Sprintf("users?per_page=100&page=%d&q=email:%c*", page, c), &users)
				for _, u := range users {
					delete(members, u.UserID)
				}
				if found += len(users); len(users) < 100 {
					break
				}
			}
		}
		if found != total.Total || len(members) != 0 {
			t.Fatalf("the searches found %d users of %d, and missed %d members", found, total.Total, len(members))
		}
	}
	if len(orgs) != opts.Orgs {
		t.Fatalf("%d organizations listed, want %d", len(orgs), opts.Orgs)
	}
	return hex.EncodeToString(d.h.Sum(nil))
}
