package doctor

import (
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// connection finds the person's connection as the organization has it and
// checks it is enabled for the application, in the organization, and
// offered at the organization's prompt.
func (w *walk) connection() {
	if w.user == nil || len(w.user.Identities) == 0 {
		for _, n := range []string{LinkConnApp, LinkConnOrg, LinkButton} {
			w.after(n, "the person's connection")
		}
		return
	}
	if why := can(w.cl, client.ReadConnections); why != "" {
		w.add(unknownScope(LinkConnOrg, client.ReadConnections, why))
	} else if cs, err := w.cl.Connections(w.ctx, w.ex.Org.ID); err != nil {
		w.add(unknownFrom(LinkConnOrg, err))
	} else {
		w.conns, w.connsRead = cs, true
	}
	// the identity whose connection the organization has on, else any it has, else the first
	names := make([]string, len(w.user.Identities))
	for i, id := range w.user.Identities {
		names[i] = id.Connection
	}
	for _, pass := range []func(client.Connection) bool{func(c client.Connection) bool { return c.Enabled }, func(client.Connection) bool { return true }} {
		for _, n := range names {
			if i := slices.IndexFunc(w.conns, func(c client.Connection) bool { return c.Name == n && pass(c) }); i >= 0 && w.conn == nil {
				w.conn = &w.conns[i]
			}
		}
	}
	name := names[0]
	if w.conn != nil {
		name = w.conn.Name
	}
	connID := ""
	if w.conn != nil {
		connID = w.conn.ID
	} else if can(w.cl, client.ReadTenantConnections) == "" {
		if ts, err := w.cl.TenantConnections(w.ctx); err == nil {
			if i := slices.IndexFunc(ts, func(t client.TenantConnection) bool { return t.Name == name }); i >= 0 {
				w.tconn, connID = &ts[i], ts[i].ID
			}
		}
	}
	w.connForApp(name, connID)
	if w.connsRead {
		w.connInOrg(name, connID)
	}
	w.button()
}

func (w *walk) connForApp(name, connID string) {
	switch {
	case w.ex.App == nil:
		w.after(LinkConnApp, "the application")
		return
	case connID == "":
		w.add(Link{Name: LinkConnApp, Verdict: Unknown, Reason: "the connection " + name + " could not be found by name (needs " +
			client.ReadTenantConnections.Scope() + ")", Scope: client.ReadTenantConnections.Scope()})
		return
	}
	if why := can(w.cl, client.ReadConnectionApps); why != "" {
		w.add(unknownScope(LinkConnApp, client.ReadConnectionApps, why))
		return
	}
	apps, err := w.cl.ConnectionApps(w.ctx, connID)
	switch {
	case err != nil:
		w.add(unknownFrom(LinkConnApp, err))
	case slices.Contains(apps, w.ex.App.ID):
		w.add(Link{Name: LinkConnApp, Verdict: Passed, Evidence: []string{name + " is enabled for " + w.ex.App.Name}})
	default:
		w.add(Link{Name: LinkConnApp, Verdict: Failed, Reason: name + " is not enabled for the application " + w.ex.App.Name,
			Evidence: []string{"GET /connections/" + connID + "/clients does not list " + w.ex.App.ID},
			Fix: &Fix{Kind: EnableForApp, Label: "Enable " + name + " for " + w.ex.App.Name, ConnID: connID, ConnName: name,
				ClientID: w.ex.App.ID, OrgID: w.ex.Org.ID, OrgName: w.ex.Org.Name}})
	}
}

func (w *walk) connInOrg(name, connID string) {
	o := w.ex.Org
	switch {
	case w.conn == nil && connID == "":
		w.add(Link{Name: LinkConnOrg, Verdict: Failed, Reason: name + " is not enabled in " + o.Name})
	case w.conn == nil:
		w.add(Link{Name: LinkConnOrg, Verdict: Failed, Reason: name + " is not enabled in " + o.Name,
			Fix: &Fix{Kind: EnableInOrg, Label: "Enable " + name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name, ConnID: connID, ConnName: name,
				Settings: client.ConnectionSettings{ShowAsButton: true}}})
	case !w.conn.Enabled:
		w.add(Link{Name: LinkConnOrg, Verdict: Failed, Reason: name + " is in " + o.Name + " but disabled (is_enabled: false)",
			Fix: &Fix{Kind: ReenableInOrg, Label: "Re-enable " + name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name, ConnID: w.conn.ID, ConnName: name}})
	default:
		w.add(Link{Name: LinkConnOrg, Verdict: Passed, Evidence: []string{name + " is enabled in " + o.Name}})
	}
}

// emailDomain is the part of the person's email after the @, lower case.
func (w *walk) emailDomain() string {
	_, d, _ := strings.Cut(w.ex.Email, "@")
	return strings.ToLower(d)
}

// routing is the organization's discovery domain for the person's email
// domain that is used for discovery, or nil.
func (w *walk) routing() *client.DiscoveryDomain {
	if w.doms == nil && can(w.cl, client.ReadDomains) == "" {
		ds, err := w.cl.DiscoveryDomains(w.ctx, w.ex.Org.ID)
		if err == nil {
			w.doms = ds
		}
	}
	for i, d := range w.doms {
		if strings.EqualFold(d.Domain, w.emailDomain()) && d.UseForDiscovery {
			return &w.doms[i]
		}
	}
	return nil
}

func (w *walk) button() {
	c := w.conn
	switch {
	case c == nil:
		w.after(LinkButton, "the connection in the organization")
	case !client.IsEnterprise(c.Strategy):
		w.add(Link{Name: LinkButton, Verdict: Passed, Evidence: []string{c.Name + " (" + c.Strategy + ") is offered at the prompt; show_as_button applies to enterprise connections"}})
	case c.ShowAsButton:
		w.add(Link{Name: LinkButton, Verdict: Passed, Evidence: []string{"show_as_button: true"}})
	case w.routing() != nil:
		w.add(Link{Name: LinkButton, Verdict: Passed, Evidence: []string{"show_as_button: false; @" + w.emailDomain() +
			" reaches it through the discovery domain " + w.routing().Domain}})
	default:
		s := c.ConnectionSettings
		s.ShowAsButton = true
		w.add(Link{Name: LinkButton, Verdict: Failed,
			Reason: c.Name + " is hidden from " + w.ex.Org.Name + "'s login prompt (show_as_button: false) and no discovery domain sends @" + w.emailDomain() + " to it",
			Fix: &Fix{Kind: EditConnection, Label: "Show " + c.Name + " as a button in " + w.ex.Org.Name, OrgID: w.ex.Org.ID, OrgName: w.ex.Org.Name,
				ConnID: c.ID, ConnName: c.Name, Settings: s, Before: c.ConnectionSettings}})
	}
}
