package sim

import (
	"fmt"
	"slices"
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

// demo builds the demo tenant.
type demo struct {
	t        *tenant
	palette  map[int]map[string]string // shared colour maps past the first thousand organizations
	now      time.Time
	conns    []*connection
	roles    []*role
	users    []*user
	appID    string
	times    []string // a few shared timestamps, so 100,000 users cost little
	picked   []int32  // picked[k] == i+1: user k is already a member of the i-th organization
	roleSlab []*role  // where roleSet takes members' roles from
	permBuf  []int
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
	d.users = make([]*user, 0, n)
	slab := make([]user, n)           // one allocation, not n
	identities := make([]identity, n) // each user's a window of one
	in := make([]*membership, 4*n)    // each user's room for four memberships; a fifth copies them out
	var email []byte
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
		email = strconv.AppendInt(append(append(append(email[:0], f.ascii...), '.'), l.ascii...), int64(i), 10)
		u := &slab[i]
		u.Identities, u.in = identities[i:i+1:i+1], in[4*i:4*i:4*i+4]
		d.t.putUser(u, conn, string(append(email, "@example.com"...)), f.shown, l.shown, time.Time{})
		// d.times runs back from now (a later index is an earlier time):
		// updated is no earlier than created
		created := i % len(d.times)
		u.CreatedAt, u.UpdatedAt = d.times[created], d.times[min(created, (i/3)%len(d.times))]
		d.users = append(d.users, u)
	}
}

// addUser creates a user of conn with an id in the shape its provider uses.
func (t *tenant) addUser(conn *connection, email, given, family string, now time.Time) *user {
	return t.putUser(&user{Identities: make([]identity, 1)}, conn, email, given, family, now)
}

// putUser fills u (whose Identities holds one identity) as addUser's
// user and adds it to the tenant. The user id is built in one string and
// the identity's id is its tail.
func (t *tenant) putUser(u *user, conn *connection, email, given, family string, now time.Time) *user {
	// the id, the name and the picture are built on the stack and kept as
	// parts of one string: one allocation per user, not three
	var buf [256]byte
	b := append(append(buf[:0], conn.Strategy...), '|')
	extAt := len(b)
	switch conn.Strategy {
	case "google-oauth2":
		b = strconv.AppendUint(b, 100000000000000000+t.rnd.Uint64N(900000000000000000), 10)
	case "samlp":
		b = append(append(append(b, conn.Name...), '|'), email...)
	case "oidc":
		b = t.appendHex(append(append(b, conn.Name...), '/'), 12)
	default:
		b = t.appendHex(b, 24)
	}
	idEnd := len(b)
	b = append(append(append(b, given...), ' '), family...)
	nameEnd := len(b)
	b = append(t.appendHex(append(b, "https://s.gravatar.com/avatar/"...), 16), "?s=480&r=pg"...)
	parts := string(b)
	userID := parts[:idEnd]
	name := strings.TrimSpace(parts[idEnd:nameEnd])
	if name == "" {
		name = email
	}
	nickname, _, _ := strings.Cut(email, "@")
	u.seq, u.UserID, u.Email, u.Verified, u.Name = t.next(), userID, email, true, name
	u.GivenName, u.FamilyName, u.Nickname, u.Picture = given, family, nickname, parts[nameEnd:]
	u.Identities[0] = identity{Connection: conn.Name, UserID: userID[extAt:], Provider: conn.Strategy, IsSocial: conn.Strategy == "google-oauth2"}
	if !now.IsZero() {
		u.CreatedAt, u.UpdatedAt = stamp(now), stamp(now)
	}
	t.users[u.UserID] = u
	t.userOrder = append(t.userOrder, u)
	t.forgetSearches() // whatever adds a user, through a call or not
	if email != "" {
		t.userEmail[strings.ToLower(email)] = u
	}
	return u
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
	var b *branding
	switch draw := rnd.IntN(1 << 24); {
	case i%4 != 3:
		b = &branding{LogoURL: "https://cdn.example.com/logos/" + name + ".png", Colors: d.colors(i, draw)}
	case i >= 1000:
		d.colors(i, draw) // unbranded, but the draw may still fill the shared palette
	}
	tier, region := tiers[rnd.IntN(3)], regions[rnd.IntN(3)]
	md := stringPairs{{"crm_id", "CRM-" + strconv.Itoa(10000+i)}, {"region", region}, {"tier", tier}} // by key
	n := min(size, len(d.users))
	o := t.addOrg(name, display, b, md, n)
	o.members = make([]*membership, 0, n) // sized once, not grown
	slab := make([]membership, n)         // one allocation, not n

	// connections: usually the database, plus up to three others; some disabled
	var conns [4]orgConn
	held := conns[:0]
	if i == 0 || rnd.IntN(10) < 8 {
		assign := i == 0 || rnd.IntN(2) == 0
		held = append(held, orgConn{conn: d.conns[0], enabled: true, assignOnLogin: assign,
			showAsButton: true, signupEnabled: assign && rnd.IntN(3) == 0})
	}
	for _, k := range d.perm(len(d.conns) - 1)[:rnd.IntN(4)] {
		held = append(held, orgConn{conn: d.conns[k+1], enabled: rnd.IntN(7) != 0,
			assignOnLogin: rnd.IntN(3) == 0, showAsButton: rnd.IntN(4) != 0})
	}
	if len(held) > 0 {
		kept := slices.Clone(held) // one allocation for the values, one for the pointers
		o.conns = make([]*orgConn, len(kept))
		for j := range kept {
			o.conns[j] = &kept[j]
		}
	}

	// members: the large organization takes the first users, others a random few
	if d.picked == nil {
		d.picked = make([]int32, len(d.users))
	}
	mark := int32(i + 1)
	for j := 0; len(o.members) < n; j++ {
		k := j
		if i > 0 {
			k = rnd.IntN(len(d.users))
		}
		if d.picked[k] == mark {
			continue
		}
		d.picked[k] = mark
		u := d.users[k]
		t.join(o, u, &slab[len(o.members)])
		switch x := rnd.IntN(20); {
		case x < 2 || j == 0:
			o.setRoles(u.UserID, d.roleSet(0, 1))
		case x < 8:
			k := 1 + rnd.IntN(len(d.roles)-1)
			o.setRoles(u.UserID, d.roleSet(k, k))
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

// perm is rnd.Perm(n), the same draws, in a slice kept for the next call.
func (d *demo) perm(n int) []int {
	if cap(d.permBuf) < n {
		d.permBuf = make([]int, n)
	}
	p := d.permBuf[:n]
	for i := range p {
		p[i] = i
	}
	d.t.rnd.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// roleSet is a member's roles: d.roles[a] and, if b is a+1, d.roles[b],
// in a window of a shared slab capped at its length, so that an append
// copies it and an edit in place touches only this member's roles.
func (d *demo) roleSet(a, b int) []*role {
	n := 1 + min(1, b-a)
	if len(d.roleSlab) < n {
		d.roleSlab = make([]*role, 1024)
	}
	set := d.roleSlab[:n:n]
	set[0], set[n-1] = d.roles[a], d.roles[b]
	d.roleSlab = d.roleSlab[n:]
	return set
}
