package client_test

import (
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The plan shown before bulk work names the limiting bucket and its
// floor, and the work then takes that long.
func TestEstimateIsTheFloorOfTheLimitingBucket(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 300, Plan: "enterprise"})
		c := connect(t, tn, func(c *client.Config) { c.Plan = "enterprise" })
		e := c.Tracker().Estimate(limits.OrgMembersWrite, 100)
		// write members: 20 burst, 200/min; the global bucket (50, 16/s) is not the limit
		if e.Bucket != "organization_members_write" || e.Limit != 20 || e.Free != 20 {
			t.Fatalf("estimate %+v", e)
		}
		if got, want := e.String(), "100 calls, about 24s at write members (20 + 3.33/s)"; got != want {
			t.Fatalf("estimate reads %q, want %q", got, want)
		}
		if unknown := pace.New().Estimate(limits.OrgMembersWrite, 1).String(); unknown != "1 call (write members: budget not known yet)" {
			t.Fatalf("without a plan or an answer: %q", unknown)
		}
	})
}
