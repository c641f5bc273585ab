package sim

// addSurface gives the demo tenant the newer organization surface: an API
// with a machine-to-machine grant associated with acme, acme's
// applications, an organization-level role and SCIM groups mapped to
// roles, each where the tenant has the Early Access feature. Last, so the
// other demo ids stay as they were.
func (d demo) addSurface(opts Options) {
	t := d.t
	t.surfaceInit()
	acme := t.orgByName["acme"]
	if acme == nil {
		return
	}
	api := t.addAPI("Acme Billing API", "https://billing.acme.example/", []apiScope{
		{"read:invoices", "Read invoices"}, {"create:invoices", "Create invoices"}, {"read:usage", "Read usage"},
	})
	allow := true
	g := t.addGrant(d.appID, api.Identifier, []string{"read:invoices", "read:usage"})
	g.OrganizationUsage, g.AllowAnyOrg, g.SubjectType = "allow", &allow, "client"
	acme.surf().grants = append(acme.surf().grants, g)
	if !opts.NoOrgClients {
		acme.surf().apps = append(acme.surf().apps, &orgApp{seq: t.next(), client: t.clients[d.appID], useForMemberAccess: true})
	}
	var billing *role
	if !opts.NoOrgRoles {
		billing = t.addRole("acme-billing-admin", "Manages Acme's invoices")
		billing.Type, billing.OwnerID = "organization", acme.ID
	}
	if opts.NoGroups {
		return
	}
	var saml *connection
	for _, c := range d.conns {
		if c.Strategy == "samlp" {
			saml = c
		}
	}
	var users []*user
	for _, m := range acme.members[:min(len(acme.members), 60)] {
		users = append(users, m.user)
	}
	acme.surf().groupRoles = map[string][]*role{}
	for i, name := range []string{"engineering", "support", "finance"} {
		lo, hi := min(i*20, len(users)), min(i*20+25, len(users)) // overlapping: some people are in two groups
		grp := t.addGroup(acme, name, saml, users[lo:hi], d.now)
		if i < len(d.roles) {
			acme.surf().groupRoles[grp.ID] = []*role{d.roles[i]}
		}
	}
	if billing != nil {
		finance := acme.surf().groups[2].ID
		acme.surf().groupRoles[finance] = append(acme.surf().groupRoles[finance], billing)
	}
}
