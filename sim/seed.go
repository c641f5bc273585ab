package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// seedTenant fills t with the database connection and, unless opts.Empty, a
// believable demo tenant, all derived from opts.Seed, and returns the demo's
// log history, oldest first.
func seedTenant(t *tenant, opts Options, now time.Time) []*LogEvent {
	db := t.addConnection("Username-Password-Authentication", "", "auth0")
	if opts.Empty {
		return nil
	}
	app := t.putClient(&apiClient{ID: t.newID("", 32), Name: "Customer Portal", appSettings: portalApp}) // invitations name it
	d := demo{t: t, now: now, conns: []*connection{db}, appID: app.ID}
	for _, c := range demoConnections {
		d.conns = append(d.conns, t.addConnection(c[0], c[1], c[2]))
	}
	for _, r := range demoRoles {
		d.roles = append(d.roles, t.addRole(r[0], r[1]))
	}
	members := opts.Members
	if members <= 0 {
		members = 5000
	}
	orgs := opts.Orgs
	if orgs <= 0 {
		orgs = 150
	}
	t.reserve(orgs, max(members, 2000))
	d.addUsers(max(members, 2000))
	// the other organizations' members are drawn from a distribution whose
	// mean is about 68; past a few thousand organizations they shrink so
	// that the tenant holds at most demoMemberships of them in all (a
	// tenant of 100,000 customers mostly has small ones)
	scale := min(1, demoMemberships/(68*float64(orgs)))
	for i, name := range d.orgNames(orgs) {
		size := members
		if i > 0 {
			size = int(float64(d.orgSize())*scale + d.t.rnd.Float64())
		}
		d.addOrg(name, i, size, scale)
	}
	d.addDomains()
	apps := d.addApps()
	broken := d.breakThree(apps)
	d.tidyHealthy(broken)
	h := d.history(apps, broken, opts.ClientID)
	d.addSurface(opts) // last: the ids above stay as they were
	d.addSettings(opts)
	return h
}

// addDomains gives acme two discovery domains and every seventh
// organization one; last, so the other demo ids stay as they were.
func (d demo) addDomains() {
	i := 0
	for _, o := range d.t.orgOrder {
		switch {
		case o.Name == "acme":
			d.t.newDomain(o, "acme.example", "verified")
			d.t.newDomain(o, "acme-corp.example", "pending").UseForDiscovery = false
		case i%7 == 3:
			d.t.newDomain(o, o.Name+".example", "verified")
		}
		i++
	}
}

// demoMemberships bounds the memberships of the organizations other than
// the largest, so that Auth0's entity limits fit in a laptop's memory.
const demoMemberships = 300000

// demoConnections are the tenant's other connections: name, display name, strategy.
var demoConnections = [][3]string{
	{"google-oauth2", "Google", "google-oauth2"},
	{"acme-saml", "Acme SSO (SAML)", "samlp"},
	{"contoso-azure-ad", "Contoso Entra ID", "waad"},
	{"okta-workforce", "Okta Workforce", "okta"},
	{"partner-oidc", "Partner OIDC", "oidc"},
	{"email", "Passwordless email", "email"},
	{"github", "GitHub", "github"},
	{"corp-ldap", "Corporate AD/LDAP", "ad"},
	{"adfs-legacy", "Legacy ADFS", "adfs"},
}

var demoRoles = [][2]string{
	{"admin", "Manages the organization's members and settings"},
	{"member", "Uses the organization's applications"},
	{"billing-admin", "Sees invoices and changes the plan"},
	{"support", "Answers the organization's tickets"},
	{"auditor", "Reads logs and reports, changes nothing"},
}

// person is a name as shown and as it appears in an email address.
type person struct{ shown, ascii string }

var firstNames = []person{
	{"Ana", "ana"}, {"Zoë", "zoe"}, {"José", "jose"}, {"Łukasz", "lukasz"}, {"Søren", "soren"}, {"Mei", "mei"},
	{"Yūki", "yuki"}, {"Aarav", "aarav"}, {"Chloé", "chloe"}, {"Björn", "bjorn"}, {"Ngozi", "ngozi"},
	{"Siobhán", "siobhan"}, {"François", "francois"}, {"Olamide", "olamide"}, {"Mateus", "mateus"},
	{"Priya", "priya"}, {"Tomás", "tomas"}, {"Ines", "ines"}, {"Omar", "omar"}, {"Hana", "hana"},
	{"Liam", "liam"}, {"Emma", "emma"}, {"Noah", "noah"}, {"Sofia", "sofia"}, {"Wei", "wei"},
}

var lastNames = []person{
	{"Müller", "muller"}, {"García", "garcia"}, {"Nowak", "nowak"}, {"Øvergaard", "overgaard"},
	{"O'Brien", "obrien"}, {"Nakamura", "nakamura"}, {"Dubois", "dubois"}, {"Kowalski", "kowalski"},
	{"Ivanova", "ivanova"}, {"Smith", "smith"}, {"Okafor", "okafor"}, {"Rossi", "rossi"}, {"Silva", "silva"},
	{"Chen", "chen"}, {"Haddad", "haddad"}, {"Jensen", "jensen"}, {"Novák", "novak"},
	{"Papadopoulos", "papadopoulos"}, {"Kim", "kim"}, {"Fernández", "fernandez"},
}

// specialOrgs have display names a dashboard must render well: Unicode,
// and one carrying terminal escape sequences that must show harmlessly.
var specialOrgs = [][2]string{
	{"cafe-creme", "Café Crème SARL"},
	{"zurich-re", "Zürich Rückversicherung AG"},
	{"tokyo-robotics", "東京ロボティクス株式会社"},
	{"orsted-vind", "Ørsted Vind A/S"},
	{"hellenic-shipping", "Ελληνική Ναυτιλία"},
	{"sao-paulo-logistica", "São Paulo Logística"},
	{"moskva-tech", "Москва Технологии"},
	// escape sequences, a right-to-left override and a zero-width space: none may reach a terminal or a file
	{"evil-corp", "Evil Corp \x1b[2J\x1b[31mPWNED\x1b[0m\x1b]0;owned\x07 \u202Emoc.live\u202C\u200B"},
}

var orgWords = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell",
	"cyberdyne", "soylent", "vandelay", "dunder", "aperture", "gringotts", "oscorp", "massive", "pied-piper",
	"nakatomi", "monarch", "virtucon", "yoyodyne", "prestige", "sterling", "bluth", "krusty", "duff", "oceanic",
	"weyland", "tessier", "zorg", "blacksun", "rekall", "abstergo", "omni", "lacuna", "wernham", "contoso",
	"fabrikam", "northwind", "tailspin", "litware", "adatum", "fourth-coffee", "woodgrove", "proseware"}

var orgSuffixes = []string{"", "-eu", "-us", "-apac", "-labs", "-health", "-bank", "-retail", "-energy", "-staging"}

// demo builds the demo tenant.
type demo struct {
	t       *tenant
	palette map[int]map[string]string // shared colour maps past the first thousand organizations
	now     time.Time
	conns   []*connection
	roles   []*role
	users   []*user
	appID   string
	times   []string // a few shared timestamps, so 100,000 users cost little
}

// colors are the i-th organization's branding colours from a random draw.
// Past the first thousand organizations they come from 64 shared maps: at
// Auth0's entity limits 100,000 maps of their own cost 21 MB. Sharing is
// safe because an edit replaces an organization's colours, never writes
// into the map.
func (d *demo) colors(i, draw int) map[string]string {
	if i < 1000 {
		return map[string]string{"primary": fmt.Sprintf("#%06x", draw), "page_background": "#000000"}
	}
	if d.palette == nil {
		d.palette = make(map[int]map[string]string, 64)
	}
	k := draw % 64
	if d.palette[k] == nil {
		d.palette[k] = map[string]string{"primary": fmt.Sprintf("#%06x", draw), "page_background": "#000000"}
	}
	return d.palette[k]
}

func (d *demo) addUsers(n int) {
	for i := range 30 {
		d.times = append(d.times, stamp(d.now.AddDate(0, 0, -40*i)))
	}
	for i := range n {
		f, l := firstNames[d.t.rnd.IntN(len(firstNames))], lastNames[d.t.rnd.IntN(len(lastNames))]
		conn := d.conns[0] // most users sign up with the database
		switch i % 20 {
		case 7, 13, 17:
			conn = d.conns[1] // google-oauth2
		case 11:
			conn = d.conns[2] // samlp: ids with two "|" and an email
		case 19:
			conn = d.conns[5] // oidc: ids with a "/", escaped as %2F in paths
		}
		email := f.ascii + "." + l.ascii + strconv.Itoa(i) + "@example.com"
		u := d.t.addUser(conn, email, f.shown, l.shown, time.Time{})
		// d.times runs back from now (a later index is an earlier time):
		// updated is no earlier than created
		created := i % len(d.times)
		u.CreatedAt, u.UpdatedAt = d.times[created], d.times[min(created, (i/3)%len(d.times))]
		d.users = append(d.users, u)
	}
}

// addUser creates a user of conn with an id in the shape its provider uses.
func (t *tenant) addUser(conn *connection, email, given, family string, now time.Time) *user {
	var ext string
	switch conn.Strategy {
	case "google-oauth2":
		ext = strconv.FormatUint(100000000000000000+t.rnd.Uint64N(900000000000000000), 10)
	case "samlp":
		ext = conn.Name + "|" + email
	case "oidc":
		ext = conn.Name + "/" + t.hex(12)
	default:
		ext = t.hex(24)
	}
	name := strings.TrimSpace(given + " " + family)
	if name == "" {
		name = email
	}
	u := &user{seq: t.next(), UserID: conn.Strategy + "|" + ext, Email: email, Verified: true, Name: name,
		GivenName: given, FamilyName: family, Nickname: strings.SplitN(email, "@", 2)[0],
		Picture:    "https://s.gravatar.com/avatar/" + t.hex(16) + "?s=480&r=pg",
		Identities: []identity{{Connection: conn.Name, UserID: ext, Provider: conn.Strategy, IsSocial: conn.Strategy == "google-oauth2"}}}
	if !now.IsZero() {
		u.CreatedAt, u.UpdatedAt = stamp(now), stamp(now)
	}
	t.users[u.UserID] = u
	t.userOrder = append(t.userOrder, u)
	if email != "" {
		t.userEmail[strings.ToLower(email)] = u
	}
	return u
}

// orgNames are n unique names: acme first (the large one), the special
// ones, then word and suffix combinations, numbered when those run out.
func (d *demo) orgNames(n int) []string {
	names := []string{"acme"}
	seen := map[string]bool{"acme": true}
	for _, s := range specialOrgs {
		names = append(names, s[0])
		seen[s[0]] = true
	}
	for i := 0; len(names) < n; i++ {
		name := orgWords[i%len(orgWords)] + orgSuffixes[(i/len(orgWords))%len(orgSuffixes)]
		if round := i / (len(orgWords) * len(orgSuffixes)); round > 0 {
			name += "-" + strconv.Itoa(round+1)
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names[:n]
}

// orgSize draws a member count: mostly small organizations, some large ones.
func (d *demo) orgSize() int {
	switch x := d.t.rnd.IntN(10); {
	case x < 4:
		return d.t.rnd.IntN(11)
	case x < 8:
		return 10 + d.t.rnd.IntN(70)
	default:
		return 80 + d.t.rnd.IntN(320)
	}
}

func (d *demo) addOrg(name string, i, size int, scale float64) {
	t, rnd := d.t, d.t.rnd
	display := displayName(name)
	for _, s := range specialOrgs {
		if s[0] == name {
			display = s[1]
		}
	}
	tiers := []string{"enterprise", "business", "startup"}
	regions := []string{"eu-west-1", "us-east-1", "ap-southeast-2"}
	b := &branding{LogoURL: "https://cdn.example.com/logos/" + name + ".png", Colors: d.colors(i, rnd.IntN(1<<24))}
	if i%4 == 3 {
		b = nil
	}
	md := map[string]string{"tier": tiers[rnd.IntN(3)], "region": regions[rnd.IntN(3)], "crm_id": "CRM-" + strconv.Itoa(10000+i)}
	o := t.addOrg(name, display, b, md)
	o.members, o.memberIdx = make([]*membership, 0, size), make(map[string]*membership, size) // sized once, not grown

	// connections: usually the database, plus up to three others; some disabled
	if i == 0 || rnd.IntN(10) < 8 {
		assign := i == 0 || rnd.IntN(2) == 0
		o.conns = append(o.conns, &orgConn{conn: d.conns[0], enabled: true, assignOnLogin: assign,
			showAsButton: true, signupEnabled: assign && rnd.IntN(3) == 0})
	}
	for _, k := range rnd.Perm(len(d.conns) - 1)[:rnd.IntN(4)] {
		o.conns = append(o.conns, &orgConn{conn: d.conns[k+1], enabled: rnd.IntN(7) != 0,
			assignOnLogin: rnd.IntN(3) == 0, showAsButton: rnd.IntN(4) != 0})
	}

	// members: the large organization takes the first users, others a random few
	picked := map[int]bool{}
	for j := 0; len(picked) < min(size, len(d.users)); j++ {
		k := j
		if i > 0 {
			k = rnd.IntN(len(d.users))
		}
		if picked[k] {
			continue
		}
		picked[k] = true
		u := d.users[k]
		t.addMember(o, u)
		switch x := rnd.IntN(20); {
		case x < 2 || j == 0:
			o.assignRoles(u.UserID, []*role{d.roles[0], d.roles[1]})
		case x < 8:
			o.assignRoles(u.UserID, []*role{d.roles[1+rnd.IntN(len(d.roles)-1)]})
		}
	}

	// invitations: some pending, a few long expired (fewer, in a huge tenant)
	if rnd.Float64() < 0.4*scale {
		inviter := d.users[rnd.IntN(len(d.users))].Name
		for n := range 1 + rnd.IntN(5) {
			f, l := firstNames[rnd.IntN(len(firstNames))], lastNames[rnd.IntN(len(lastNames))]
			sent := d.now.Add(-time.Duration(rnd.IntN(14*24)) * time.Hour)
			inv := t.newInvitation(o, inviter, fmt.Sprintf("%s.%s.%d@%s.example", f.ascii, l.ascii, n, name), d.appID, sent, 7*24*time.Hour)
			if n%2 == 0 {
				inv.Roles = []string{d.roles[1].ID}
			}
		}
	}
}

// displayName turns "pied-piper-eu" into "Pied Piper EU".
func displayName(name string) string {
	parts := strings.Split(name, "-")
	for i, p := range parts {
		if len(p) <= 4 && (p == "eu" || p == "us" || p == "apac") {
			parts[i] = strings.ToUpper(p)
		} else if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, " ")
}
