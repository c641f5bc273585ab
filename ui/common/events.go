package common

import (
	"strings"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
)

// fromEvents is the publisher the Events API's news comes from: no session.
const fromEvents = -1

// TouchedBy is what an Events API event changed, for the screens showing
// it: an organization's members, connections or overview, the
// organizations list, and its activity.
func TouchedBy(ev client.Event) []Touched {
	org := ev.OrgID()
	switch {
	case org == "":
		return nil
	case strings.HasPrefix(ev.Type, "organization.member."):
		return []Touched{{Org: org, Tab: Members}, {Org: org, Tab: Activity}}
	case strings.HasPrefix(ev.Type, "organization.connection."):
		return []Touched{{Org: org, Tab: Connections}, {Org: org, Tab: Activity}}
	case ev.Type == "organization.updated":
		return []Touched{{Org: org, Tab: Overview}, {}, {Org: org, Tab: Activity}}
	case ev.Type == "organization.created", ev.Type == "organization.deleted":
		return []Touched{{}}
	}
	return []Touched{{Org: org, Tab: Activity}}
}

// Relay publishes what the tenant's events change to every session of c
// until cancel.
func (c *Changes) Relay(live *activity.Live) (cancel func()) {
	return live.Subscribe(func(ev client.Event) {
		for _, t := range TouchedBy(ev) {
			c.Publish(fromEvents, t)
		}
	})
}
