package sim

// The demo tenant's applications, each using organizations its own way,
// and which connections each may use.

import "slices"

// machineApp is a client credentials application's settings (orgdash's
// own Management API client and AddClient's).
var machineApp = appSettings{AppType: "non_interactive", FirstParty: true}

// portalApp is the demo's main application: members of a customer's
// organization log in to it, and it requires an organization (prompting
// for one before login when none is given).
var portalApp = appSettings{AppType: "regular_web", FirstParty: true, OrgUsage: "require", OrgRequire: "pre_login_prompt",
	Callbacks: []string{"https://portal.example.com/callback"}, Description: "Where customers' members log in"}

// demoApps are the other demo applications: name and settings.
var demoApps = []struct {
	name string
	app  appSettings
}{
	{"Admin Console", appSettings{AppType: "spa", FirstParty: true, OrgUsage: "allow", OrgRequire: "post_login_prompt",
		Callbacks: []string{"https://admin.example.com"}, Description: "Staff and customer admins, with or without an organization"}},
	{"Marketing Site", appSettings{AppType: "regular_web", FirstParty: true, OrgUsage: "deny",
		Callbacks: []string{"https://www.example.com/callback"}, Description: "Individuals only"}},
	{"Partner Analytics", appSettings{AppType: "regular_web", FirstParty: false, OrgUsage: "allow",
		Callbacks: []string{"https://analytics.partner.example/cb"}, Description: "A third-party application"}},
	{"Billing Worker", appSettings{AppType: "non_interactive", FirstParty: true}},
}

// demoApplications is what addApps made: the portal and the others by name.
type demoApplications struct {
	portal *apiClient
	byName map[string]*apiClient
}

// addApps creates the demo applications and enables connections for them:
// the portal and the console may use every connection; the marketing site
// the database and Google; the partner the database. Last in the seed, so
// the other demo ids stay as they were.
func (d demo) addApps() demoApplications {
	apps := demoApplications{portal: d.t.clients[d.appID], byName: map[string]*apiClient{}}
	for _, a := range demoApps {
		c := d.t.putClient(&apiClient{ID: d.t.newID("", 32), Name: a.name, appSettings: a.app})
		c.Secret = d.t.newID("", 64)
		apps.byName[a.name] = c
	}
	for _, conn := range d.t.connOrder {
		use := []*apiClient{apps.portal, apps.byName["Admin Console"]}
		switch conn.Strategy {
		case "auth0":
			use = append(use, apps.byName["Marketing Site"], apps.byName["Partner Analytics"])
		case "google-oauth2":
			use = append(use, apps.byName["Marketing Site"])
		}
		for _, c := range use {
			if !slices.Contains(conn.EnabledClient, c.ID) {
				conn.EnabledClient = append(conn.EnabledClient, c.ID)
			}
		}
	}
	return apps
}
