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

	users     map[string]*user
	userOrder []*user
	userEmail map[string]*user

	roles     map[string]*role
	roleOrder []*role

	clients map[string]*apiClient

	blocks   map[string][]bruteBlock // brute-force blocks by user id (blocks.go)
	failures map[string]int          // failed logins in a row, by "user_id ip"
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

func (t *tenant) next() int64 { t.seq++; return t.seq }

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newID returns prefix followed by n random alphanumerics, like Auth0's ids.
func (t *tenant) newID(prefix string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[t.rnd.IntN(len(alnum))]
	}
	return prefix + string(b)
}

func (t *tenant) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[t.rnd.IntN(16)]
	}
	return string(b)
}

// branding is an organization's login page styling.
type branding struct {
	LogoURL string            `json:"logo_url,omitempty"`
	Colors  map[string]string `json:"colors,omitempty"`
}

// org is an organization with everything that belongs to it.
type org struct {
	seq         int64             // creation order: the default list order and created_at's
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	DisplayName string            `json:"display_name,omitempty"`
	Branding    *branding         `json:"branding,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`

	conns       []*orgConn
	members     []*membership // by seq
	memberIdx   map[string]*membership
	memberRoles map[string][]*role // user id -> roles, kept apart from membership as Auth0 does
	pending     int                // memberships removed but still listed
	invitations []*invitation
	domains     []*discoveryDomain // by seq
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
	seq      int64
	user     *user
	removeAt time.Time // zero while a member; else the time it stops listing
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
	seq        int64
	UserID     string     `json:"user_id"`
	Email      string     `json:"email,omitempty"`
	Verified   bool       `json:"email_verified"`
	Name       string     `json:"name,omitempty"`
	GivenName  string     `json:"given_name,omitempty"`
	FamilyName string     `json:"family_name,omitempty"`
	Nickname   string     `json:"nickname,omitempty"`
	Picture    string     `json:"picture,omitempty"`
	Blocked    bool       `json:"blocked"`
	CreatedAt  string     `json:"created_at"`
	UpdatedAt  string     `json:"updated_at"`
	Identities []identity `json:"identities"`
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
