package activity

import (
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	uidoctor "github.com/orgdash/orgdash/ui/doctor"
)

// whyAction is w on a login or a failed login: the login explainer for its
// person in its organization, through the application Auth0 logged (the
// on-call path from "logins fail since 9:00" to the link that breaks).
func whyAction(c *common.Common, e activity.Entry, ok bool) common.Action {
	q := doctor.Question{Email: e.Who.Name, Org: e.OrgName, ClientID: e.Who.ClientID}
	for _, l := range e.Logs {
		if l.UserName != "" {
			q.Email = l.UserName
			break
		}
	}
	if q.Org == "" {
		q.Org = e.Org
	}
	a := uidoctor.WhyAction(c, q, ok)
	why := a.Unavailable
	a.Unavailable = func() string {
		switch {
		case !ok:
		case e.Kind != activity.Login && e.Kind != activity.LoginFailure:
			return "not a login (w asks why a login failed)"
		case e.Who.Anonymous:
			return "this login names no one Auth0 knows"
		case q.Org == "":
			return "this login names no organization: ask with :why EMAIL ORG"
		}
		return why()
	}
	return a
}
