package crossorg_test

import (
	"context"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim/simtest"
)

var ctx = context.Background()

// connect is a client of tn using its client credentials; edit adjusts the config.
func connect(t *testing.T, tn *simtest.Tenant, edit ...func(*client.Config)) client.Client {
	t.Helper()
	cfg := client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Transport: tn.Transport}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func orgByName(t *testing.T, c client.Client, name string) client.Organization {
	t.Helper()
	orgs, err := client.All(ctx, c.Organizations)
	ok(t, err)
	for _, o := range orgs {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organization %q", name)
	return client.Organization{}
}
