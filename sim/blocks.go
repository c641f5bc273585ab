package sim

// Blocked users: an administrator's block (the user's `blocked`, set with
// PATCH /users/{id}) and brute-force protection's blocks (/user-blocks).

import (
	"maps"
	"net/http"
	"strings"
)

// bruteBlock is brute-force protection's block of one identifier from one
// IP address (GET /user-blocks answers them as blocked_for).
type bruteBlock struct {
	Identifier string `json:"identifier"`
	IP         string `json:"ip"`
	Connection string `json:"connection,omitempty"`
}

// bruteForceThreshold is how many failed logins in a row from one IP
// block an account: Auth0's default of 10 (auth0.com/docs/secure/
// attack-protection/brute-force-protection).
const bruteForceThreshold = 10

// userPatchProps are the keys PATCH /users/{id} takes that the simulator
// keeps or accepts (Auth0's reference, patch-users-by-id).
var userPatchProps = map[string]string{
	"blocked": userProps["blocked"], "email_verified": userProps["email_verified"], "name": userProps["name"],
	"given_name": userProps["given_name"], "family_name": userProps["family_name"], "nickname": userProps["nickname"],
	"picture": userProps["picture"], "user_metadata": userProps["user_metadata"], "app_metadata": userProps["app_metadata"],
	"connection": userProps["connection"], "verify_email": userProps["verify_email"], "phone_number": userProps["phone_number"],
	"username": userProps["username"], "password": userProps["password"], "email": userProps["email"],
}

// updateUser answers PATCH /users/{id}: blocked, the profile fields and
// the metadata (merged).
func (s *Server) updateUser(r *http.Request) (int, any, *apiError) {
	u := s.t.users[r.PathValue("id")]
	if u == nil {
		return 0, nil, errUserNotFound
	}
	var b userBody
	if e := decodeBody(r, &b, userPatchProps); e != nil {
		return 0, nil, e
	}
	if b.Email != nil && !strings.EqualFold(*b.Email, u.Email) {
		if s.t.userEmail[strings.ToLower(*b.Email)] != nil {
			return 0, nil, &apiError{Status: http.StatusConflict, Message: "The specified new email already exists", Code: "email_conflict"}
		}
		delete(s.t.userEmail, strings.ToLower(u.Email))
		u.Email = *b.Email
		s.t.userEmail[strings.ToLower(u.Email)] = u
	}
	setIf(&u.Blocked, b.Blocked)
	setIf(&u.Verified, b.Verified)
	setIf(&u.Name, b.Name)
	setIf(&u.GivenName, b.GivenName)
	setIf(&u.FamilyName, b.FamilyName)
	setIf(&u.Nickname, b.Nickname)
	setIf(&u.Picture, b.Picture)
	if b.UserMetadata != nil || b.AppMetadata != nil {
		p := userProfile{}
		if u.userProfile != nil {
			p = *u.userProfile
		}
		p.UserMetadata, p.AppMetadata = mergeMetadata(p.UserMetadata, b.UserMetadata), mergeMetadata(p.AppMetadata, b.AppMetadata)
		u.userProfile = &p
	}
	u.UpdatedAt = stamp(s.now())
	return http.StatusOK, u, nil
}

// mergeMetadata applies a PATCH's user_metadata or app_metadata to had as
// Auth0 does (auth0.com/docs/manage-users/user-accounts/metadata/
// manage-metadata-api): root-level properties are merged (lower levels
// replaced), a property set to null is deleted, and an empty object
// removes the metadata altogether. A patch without it (nil) changes nothing.
func mergeMetadata(had, patch map[string]any) map[string]any {
	if patch == nil {
		return had
	}
	out := maps.Clone(had)
	if len(patch) == 0 || out == nil {
		out = map[string]any{}
	}
	for k, v := range patch {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// blocksOf is the user's brute-force blocks; the tenant's map is made on
// first use.
func (t *tenant) blocksOf(uid string) []bruteBlock {
	return t.blocks[uid]
}

// addBlock records a brute-force block of u from ip.
func (t *tenant) addBlock(u *user, ip, conn string) {
	if t.blocks == nil {
		t.blocks = map[string][]bruteBlock{}
	}
	for _, b := range t.blocks[u.UserID] {
		if b.IP == ip {
			return
		}
	}
	t.blocks[u.UserID] = append(t.blocks[u.UserID], bruteBlock{Identifier: u.Email, IP: ip, Connection: conn})
}

// userBlocks answers GET /user-blocks/{id}: {"blocked_for": [...]}, empty
// when none (the shape go-auth0's UserManager.Blocks decodes).
func (s *Server) userBlocks(r *http.Request) (int, any, *apiError) {
	u := s.t.users[r.PathValue("id")]
	if u == nil {
		return 0, nil, errUserNotFound
	}
	return http.StatusOK, map[string]any{"blocked_for": nonNil(s.t.blocksOf(u.UserID))}, nil
}

// unblockUser answers DELETE /user-blocks/{id}: 204, the brute-force
// blocks gone. It does not undo an administrator's block, as Auth0's
// reference says.
func (s *Server) unblockUser(r *http.Request) (int, any, *apiError) {
	u := s.t.users[r.PathValue("id")]
	if u == nil {
		return 0, nil, errUserNotFound
	}
	delete(s.t.blocks, u.UserID)
	s.t.failures = deleteKeysOf(s.t.failures, u.UserID)
	return http.StatusNoContent, nil, nil
}

// blocksByIdentifier answers GET /user-blocks?identifier= (an email here).
func (s *Server) blocksByIdentifier(r *http.Request) (int, any, *apiError) {
	id := r.URL.Query().Get("identifier")
	if id == "" {
		return 0, nil, errQuery("'Missing required property: identifier' on property identifier (Should be any of a username, phone number, or email.).")
	}
	var out []bruteBlock
	if u := s.t.userEmail[strings.ToLower(id)]; u != nil {
		out = s.t.blocksOf(u.UserID)
	}
	return http.StatusOK, map[string]any{"blocked_for": nonNil(out)}, nil
}

// unblockByIdentifier answers DELETE /user-blocks?identifier=: 204.
func (s *Server) unblockByIdentifier(r *http.Request) (int, any, *apiError) {
	id := r.URL.Query().Get("identifier")
	if id == "" {
		return 0, nil, errQuery("'Missing required property: identifier' on property identifier (Should be any of a username, phone number, or email.).")
	}
	if u := s.t.userEmail[strings.ToLower(id)]; u != nil {
		delete(s.t.blocks, u.UserID)
		s.t.failures = deleteKeysOf(s.t.failures, u.UserID)
	}
	return http.StatusNoContent, nil, nil
}

// deleteKeysOf drops the failure counts of uid (keyed "uid ip").
func deleteKeysOf(m map[string]int, uid string) map[string]int {
	for k := range m {
		if strings.HasPrefix(k, uid+" ") {
			delete(m, k)
		}
	}
	return m
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
