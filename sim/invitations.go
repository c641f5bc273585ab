package sim

import (
	"net/http"
	"net/url"
	"slices"
	"time"
)

var invitationProps = map[string]string{
	"inviter":               "Information about the person sending the invitation.",
	"invitee":               "Information about the person being invited.",
	"client_id":             "Auth0 client ID. Used to resolve the application's login initiation endpoint.",
	"connection_id":         "The id of the connection to force invitee to authenticate with.",
	"app_metadata":          "Data related to the user that affects the application's core functionality.",
	"user_metadata":         "Data related to the user that does not affect the application's core functionality.",
	"ttl_sec":               "Number of seconds for which the invitation is valid before expiration.",
	"roles":                 "List of roles IDs to associated with the user.",
	"send_invitation_email": "Whether the user will receive an invitation email (true) or no email (false).",
}

type invitationBody struct {
	Inviter      *invitationName  `json:"inviter"`
	Invitee      *invitationEmail `json:"invitee"`
	ClientID     *string          `json:"client_id"`
	ConnectionID *string          `json:"connection_id"`
	AppMetadata  map[string]any   `json:"app_metadata"`
	UserMetadata map[string]any   `json:"user_metadata"`
	TTLSec       *int             `json:"ttl_sec"`
	Roles        []string         `json:"roles"`
	SendEmail    *bool            `json:"send_invitation_email"`
}

func (s *Server) listInvitations(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	q := r.URL.Query()
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	all := o.invitations
	switch q.Get("sort") { // Auth0's default is created_at:-1, newest first
	case "created_at:1":
	case "", "created_at:-1":
		all = slices.Clone(all)
		slices.Reverse(all)
	default:
		return 0, nil, errQuery("'String does not match pattern ^(created_at):(1|-1)$: %s' on property sort (Field to sort by. Use field:order where order is 1 for ascending and -1 for descending. Defaults to created_at:-1.).", q.Get("sort"))
	}
	lo, hi := p.window(len(all))
	page := slices.Clone(all[lo:hi])
	if page == nil {
		page = []*invitation{}
	}
	res := p.answer("invitations", page, lo, len(all))
	if env, ok := res.(envelope); ok { // recorded: no total, and limit is the count returned
		env.noTotal, env.limit = true, len(page)
		res = env
	}
	res, err := withFields(q, res)
	if err != nil {
		return 0, nil, errQuery("'%s' on property fields.", err)
	}
	return http.StatusOK, res, nil
}

func (s *Server) createInvitation(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	var b invitationBody
	if e := decodeBody(r, &b, invitationProps); e != nil {
		return 0, nil, e
	}
	switch {
	case b.Inviter == nil || b.Inviter.Name == "":
		return 0, nil, errBody("'Missing required property: inviter'.")
	case b.Invitee == nil || b.Invitee.Email == "":
		return 0, nil, errBody("'Missing required property: invitee'.")
	case b.ClientID == nil:
		return 0, nil, errBody("'Missing required property: client_id'.")
	}
	if t.clients[*b.ClientID] == nil {
		return 0, nil, &apiError{Status: http.StatusNotFound, Message: "The client does not exist", Code: "inexistent_client"}
	}
	if b.ConnectionID != nil && t.conns[*b.ConnectionID] == nil {
		return 0, nil, errConnNotFound
	}
	for _, id := range b.Roles {
		if t.roles[id] == nil {
			return 0, nil, errRoleNotFound
		}
	}
	ttl := 7 * 24 * time.Hour
	if b.TTLSec != nil {
		if *b.TTLSec < 0 || *b.TTLSec > 2592000 {
			return 0, nil, errBody("'Value %d is outside 0..2592000' on property ttl_sec (%s).", *b.TTLSec, invitationProps["ttl_sec"])
		}
		if *b.TTLSec > 0 {
			ttl = time.Duration(*b.TTLSec) * time.Second
		}
	}
	now := s.now()
	inv := t.newInvitation(o, b.Inviter.Name, b.Invitee.Email, *b.ClientID, now, ttl)
	inv.ConnectionID = deref(b.ConnectionID)
	inv.Roles, inv.AppMetadata, inv.UserMetadata = b.Roles, b.AppMetadata, b.UserMetadata
	return http.StatusCreated, inv, nil
}

// newInvitation records an invitation to o, as Auth0 shapes it.
func (t *tenant) newInvitation(o *org, inviter, invitee, clientID string, now time.Time, ttl time.Duration) *invitation {
	ticket := t.newID("", 32)
	inv := &invitation{seq: t.next(), ID: t.newID("uinv_", 16), OrganizationID: o.ID, ClientID: clientID,
		Inviter: &invitationName{inviter}, Invitee: &invitationEmail{invitee}, TicketID: ticket,
		InvitationURL: "https://login.example.com/login?invitation=" + ticket +
			"&organization=" + o.ID + "&organization_name=" + url.QueryEscape(o.Name),
		CreatedAt: stamp(now), ExpiresAt: stamp(now.Add(ttl))}
	o.invitations = append(o.invitations, inv)
	return inv
}

func (s *Server) findInvitation(r *http.Request) (*org, int, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return nil, 0, errOrgNotFound
	}
	i := slices.IndexFunc(o.invitations, func(inv *invitation) bool { return inv.ID == r.PathValue("iid") })
	if i < 0 {
		return nil, 0, errInvNotFound
	}
	return o, i, nil
}

func (s *Server) readInvitation(r *http.Request) (int, any, *apiError) {
	o, i, e := s.findInvitation(r)
	if e != nil {
		return 0, nil, e
	}
	res, err := withFields(r.URL.Query(), o.invitations[i])
	if err != nil {
		return 0, nil, errQuery("'%s' on property fields.", err)
	}
	return http.StatusOK, res, nil
}

func (s *Server) deleteInvitation(r *http.Request) (int, any, *apiError) {
	o, i, e := s.findInvitation(r)
	if e != nil {
		return 0, nil, e
	}
	o.invitations = slices.Delete(o.invitations, i, i+1)
	return http.StatusNoContent, nil, nil
}
