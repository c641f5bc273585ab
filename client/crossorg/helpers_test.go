package crossorg_test

import (
	"context"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim/simtest"
)

var ctx = context.Background()

// connect is a client of tn with its client credentials.
func connect(t *testing.T, tn *simtest.Tenant) client.Client {
	t.Helper()
	c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Transport: tn.Transport})
	ok(t, err)
	return c
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
