package sim

// addSettings gives two of the demo's organizations the newer settings a
// tenant with organization applications answers (third-party access and
// application entitlement, both off), so that the demo shows them and the
// edit form asks about entitlement; the others have none, as organizations
// made before the feature. Not acme, globex or initech: their stories
// (the large one, the broken ones) stay as they are.
func (d demo) addSettings(opts Options) {
	if opts.NoOrgClients {
		return
	}
	for _, name := range []string{"cafe-creme", "zurich-re"} {
		if o := d.t.orgByName[name]; o != nil {
			off := false
			o.surf() // makes the organization's extension
			o.orgSettings = orgSettings{ThirdPartyClientAccess: "block", IsAppEntitlementActive: &off}
		}
	}
}
