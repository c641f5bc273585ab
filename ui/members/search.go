package members

import (
	"context"
	"sync"

	"github.com/orgdash/orgdash/client"
)

// foundRoles is how many of the members a search finds have their roles
// read (one call each): an email finds one member, so finding them takes
// two calls, whatever the organization's size.
const foundRoles = 3

// searcher finds members through Auth0's user search, for a filter of a
// list not wholly loaded; unread holds the ids of members found whose
// roles were not read (past foundRoles), so their row says "unknown"
// rather than "none".
type searcher struct {
	orgID  string
	unread sync.Map // user id → true; written by the search, read by rows
}

// search finds the members matching text and reads the first few's roles.
func (s *searcher) search(ctx context.Context, cl client.Client, text string) ([]client.Member, string, error) {
	found, err := cl.SearchMembers(ctx, s.orgID, text)
	if err != nil {
		return nil, "", err
	}
	canRead := cl.Capabilities().Can(client.ReadMemberRoles).Allowed
	for i := range found {
		if i >= foundRoles || !canRead {
			s.unread.Store(found[i].UserID, true)
			continue
		}
		roles, err := cl.MemberRoles(ctx, s.orgID, found[i].UserID)
		if err != nil {
			s.unread.Store(found[i].UserID, true)
			continue
		}
		found[i].Roles = roles
		s.unread.Delete(found[i].UserID)
	}
	return found, "", nil
}

// rolesUnread is why a member's roles are not shown: the token's reason,
// or that a search found them without reading them.
func (s *searcher) rolesUnread(mem client.Member, reason string) string {
	if reason != "" {
		return reason
	}
	if _, ok := s.unread.Load(mem.UserID); ok {
		return "found by a search, not read"
	}
	return ""
}
