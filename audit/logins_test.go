package audit

import (
	"bytes"
	"context"
	"testing"

	"github.com/orgdash/orgdash/client/clienttest"
)

// A fix of what the tenant shares (a user, a connection's applications)
// made for an organization names it by id, and its target by name, as the
// caller's Detail says: the organization's Activity finds it.
func TestSharedChangesNameTheOrganizationTheyWereMadeFor(t *testing.T) {
	var buf bytes.Buffer
	f := clienttest.New(2, 3)
	c := Client(f, To(&buf), Who{User: "ops"})
	o := f.Orgs[0]
	uid := f.MemberLists[o.ID][0].UserID
	ctx := WithDetail(context.Background(), Detail{Org: o.ID, OrgName: o.Name, Names: map[string]string{uid: "ines@example.com"}})
	_ = c.SetUserBlocked(ctx, uid, false) // the fake knows no such user: the line is written all the same
	_ = c.RemoveUserBlocks(ctx, uid)
	_ = c.SetConnectionApp(ctx, "con_saml", "app_portal", true)
	changes, err := Read(&buf)
	if err != nil || len(changes) != 3 {
		t.Fatalf("%d changes (%v), want 3", len(changes), err)
	}
	for _, ch := range changes {
		if e := ch.Intent; e.Org != o.ID || e.OrgName != o.Name {
			t.Errorf("%s: organization %q (%q), want %q (%q)", e.Action, e.Org, e.OrgName, o.ID, o.Name)
		}
	}
	if e := changes[0].Intent; e.Action != "unblock user" || e.Names[uid] != "ines@example.com" {
		t.Errorf("the unblock names its user: %+v", e)
	}
}
