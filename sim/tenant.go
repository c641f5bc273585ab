package sim

import (
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// tenant is the in-memory state of one Auth0 tenant. Every field is guarded
// by mu; handlers hold it for the whole of one request's work.
type tenant struct {
	mu  sync.Mutex
	rnd *rand.Rand // ids and removal delays, deterministic from the seed
	seq int64      // creation order of everything

	orgs      map[string]*org
	orgByName map[string]*org
	orgOrder  []*org // by seq

	conns     map[string]*connection
	connOrder []*connection

	users      map[string]*user
	userOrder  []*user
	userEmail  map[string]*user
	searches   map[string][]*user // tenant-wide user searches by q, until a write (user_search.go)
	searchHeld int                // how many users those hold in all

	roles     map[string]*role
	roleOrder []*role

	clients map[string]*apiClient

	blocks   map[string][]bruteBlock // brute-force blocks by user id (blocks.go)
	failures map[string]int          // failed logins in a row, by "user_id ip"

	surface // resource servers, client grants, groups (surface.go)
}

func newTenant(seed int64) *tenant {
	return &tenant{
		rnd:       rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		orgs:      map[string]*org{},
		orgByName: map[string]*org{},
		conns:     map[string]*connection{},
		users:     map[string]*user{},
		userEmail: map[string]*user{},
		roles:     map[string]*role{},
		clients:   map[string]*apiClient{},
	}
}

// reserve sizes the tenant's maps and lists for orgs organizations and
// users users, so seeding a large tenant does not grow them step by step.
func (t *tenant) reserve(orgs, users int) {
	t.orgs, t.orgByName = make(map[string]*org, orgs), make(map[string]*org, orgs)
	t.orgOrder = make([]*org, 0, orgs)
	t.users, t.userEmail = make(map[string]*user, users), make(map[string]*user, users)
	t.userOrder = make([]*user, 0, users)
}

func (t *tenant) next() int64 { t.seq++; return t.seq }

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newID returns prefix followed by n random alphanumerics, like Auth0's ids.
func (t *tenant) newID(prefix string, n int) string {
	var buf [64]byte // on the stack: only the id is kept
	b := append(buf[:0], prefix...)
	for range n {
		b = append(b, alnum[t.rnd.IntN(len(alnum))])
	}
	return string(b)
}

func (t *tenant) hex(n int) string { return string(t.appendHex(nil, n)) }

// appendHex appends n random hexadecimal digits to b.
func (t *tenant) appendHex(b []byte, n int) []byte {
	const digits = "0123456789abcdef"
	for range n {
		b = append(b, digits[t.rnd.IntN(16)])
	}
	return b
}

// branding is an organization's login page styling.
type branding struct {
	LogoURL string    `json:"logo_url,omitempty"`
	Colors  stringMap `json:"colors,omitempty"`
}

// org is an organization with everything that belongs to it.
type org struct {
	seq         int64       // creation order: the default list order and created_at's
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	DisplayName string      `json:"display_name,omitempty"`
	Branding    *branding   `json:"branding,omitempty"`
	Metadata    stringPairs `json:"metadata,omitempty"`

	conns       []*orgConn
	members     []*membership      // by seq
	memberRoles map[string][]*role // user id -> roles, kept apart from membership as Auth0 does
	pending     int                // memberships removed but still listed
	invitations []*invitation
	domains     []*discoveryDomain // by seq

	*orgExt // the newer settings and the 2025–26 surface (surface.go); nil until used
}

// orgConn associates a tenant connection with an organization.
type orgConn struct {
	conn          *connection
	enabled       bool
	assignOnLogin bool
	showAsButton  bool
	signupEnabled bool
	orgConnName   string
	accessLevel   string
}

// membership is one user's membership of one organization.
type membership struct {
	seq  int64
	user *user
	org  *org
	// removeAt is 0 while a member, else when it stops listing, in Unix
	// nanoseconds: 8 bytes, not a time.Time's 24, in each of the 400,000
	// memberships of a tenant at Auth0's limits.
	removeAt int64
}

// leaving reports whether the membership was removed and is settling.
func (m *membership) leaving() bool { return m.removeAt != 0 }

// listed reports whether the membership still lists at now.
func (m *membership) listed(now time.Time) bool {
	return m.removeAt == 0 || now.UnixNano() < m.removeAt
}

// connection is a tenant connection (database, social, enterprise, ...).
type connection struct {
	seq           int64
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	DisplayName   string         `json:"display_name,omitempty"`
	Strategy      string         `json:"strategy"`
	Options       map[string]any `json:"options"`
	EnabledClient []string       `json:"enabled_clients"`
	IsDomain      bool           `json:"is_domain_connection"`
	Realms        []string       `json:"realms"`
}

// user is a tenant user.
type user struct {
	seq          int64
	UserID       string     `json:"user_id"`
	Email        string     `json:"email,omitempty"`
	Verified     bool       `json:"email_verified"`
	Name         string     `json:"name,omitempty"`
	GivenName    string     `json:"given_name,omitempty"`
	FamilyName   string     `json:"family_name,omitempty"`
	Nickname     string     `json:"nickname,omitempty"`
	Picture      string     `json:"picture,omitempty"`
	Blocked      bool       `json:"blocked"`
	CreatedAt    string     `json:"created_at"`
	UpdatedAt    string     `json:"updated_at"`
	Identities   []identity `json:"identities"`
	*userProfile            // kept from POST /users (nil for the demo's users)

	// in are the user's memberships, settling ones too, in no order: GET
	// /users/{id}/organizations reads these, not every organization, and an
	// organization finds a member's membership here (org.membership)
	in []*membership
}

// leave forgets m among u's memberships.
func (u *user) leave(m *membership) {
	for i, x := range u.in {
		if x == m {
			last := len(u.in) - 1
			u.in[i], u.in[last] = u.in[last], nil
			u.in = u.in[:last]
			return
		}
	}
}

// userProfile is what POST /users may set beyond the simulator's fields.
type userProfile struct {
	Username     string         `json:"username,omitempty"`
	UserMetadata map[string]any `json:"user_metadata,omitempty"`
	AppMetadata  map[string]any `json:"app_metadata,omitempty"`
}

type identity struct {
	Connection string `json:"connection"`
	UserID     string `json:"user_id"`
	Provider   string `json:"provider"`
	IsSocial   bool   `json:"isSocial"`
}

// role is a tenant role that organization members can hold.
type role struct {
	seq         int64
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Type is "tenant" or "organization" (an organization-level role,
	// Early Access), OwnerID the owning organization of the latter.
	Type    string `json:"type,omitempty"`
	OwnerID string `json:"owner_id,omitempty"`
}

// apiClient is an application; the simulator's own clients may call the
// Management API with client credentials.
type apiClient struct {
	ID     string
	Secret string
	Name   string
	Scopes []string // nil: the client may not call the Management API
	appSettings
}

// invitation is a pending organization invitation.
type invitation struct {
	seq            int64
	ID             string           `json:"id"`
	OrganizationID string           `json:"organization_id"`
	ClientID       string           `json:"client_id"`
	ConnectionID   string           `json:"connection_id,omitempty"`
	Inviter        *invitationName  `json:"inviter"`
	Invitee        *invitationEmail `json:"invitee"`
	InvitationURL  string           `json:"invitation_url"`
	TicketID       string           `json:"ticket_id"`
	CreatedAt      string           `json:"created_at"`
	ExpiresAt      string           `json:"expires_at"`
	Roles          []string         `json:"roles,omitempty"`
	AppMetadata    map[string]any   `json:"app_metadata,omitempty"`
	UserMetadata   map[string]any   `json:"user_metadata,omitempty"`
}

type invitationName struct {
	Name string `json:"name"`
}

type invitationEmail struct {
	Email string `json:"email"`
}

// stamp formats t as Auth0 does (ISO 8601, milliseconds, UTC).
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// indexBySeq finds the position of the first element with seq greater than after.
func indexBySeq[T any](list []T, seq func(T) int64, after int64) int {
	return sort.Search(len(list), func(i int) bool { return seq(list[i]) > after })
}
