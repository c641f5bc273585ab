package doctor

import (
	"cmp"
	"slices"

	"github.com/orgdash/orgdash/client"
)

// application finds the application (chosen, or from the person's recent
// log events) and checks how it uses organizations.
func (w *walk) application() {
	if why := can(w.cl, client.ReadApplications); why != "" {
		w.add(unknownScope(LinkApp, client.ReadApplications, why))
		w.afterApp()
		return
	}
	apps, err := w.cl.Applications(w.ctx)
	if err != nil {
		w.add(unknownFrom(LinkApp, err))
		w.afterApp()
		return
	}
	id, how := w.q.ClientID, "chosen"
	if id == "" {
		id, how = w.appFromLogs()
	}
	if id == "" {
		var using []client.Application
		for _, a := range apps {
			if a.OrgUsage == "allow" || a.OrgUsage == "require" {
				using = append(using, a)
			}
		}
		if len(using) == 1 {
			id, how = using[0].ID, "the only application that uses organizations"
		}
	}
	i := slices.IndexFunc(apps, func(a client.Application) bool { return a.ID == id })
	switch {
	case id == "":
		w.add(Link{Name: LinkApp, Verdict: Unknown,
			Reason: "no application chosen, none in the person's recent log events, and several use organizations: name one (--client ID)"})
		w.afterApp()
		return
	case i < 0:
		w.add(Link{Name: LinkApp, Verdict: Failed, Reason: "no application " + id + " in this tenant"})
		w.afterApp()
		return
	}
	a := apps[i]
	w.ex.App = &a
	w.add(Link{Name: LinkApp, Verdict: Passed, Evidence: []string{a.Name + " (" + a.ID + "), " + how}})

	usage := cmp.Or(a.OrgUsage, "deny")
	switch usage {
	case "deny":
		w.add(Link{Name: LinkUsage, Verdict: Failed,
			Reason: a.Name + "'s organization_usage is deny: it logs nobody in to an organization (change it in the application's Login Experience)"})
	default:
		w.add(Link{Name: LinkUsage, Verdict: Passed, Evidence: []string{"organization_usage: " + usage,
			"organization_require_behavior: " + cmp.Or(a.OrgRequireBehavior, "no_prompt")}})
	}
	switch {
	case a.FirstParty:
		w.add(Link{Name: LinkThirdParty, Verdict: Passed, Evidence: []string{"first-party application"}})
	case w.ex.Org.ThirdPartyAccess == "allow":
		w.add(Link{Name: LinkThirdParty, Verdict: Passed, Evidence: []string{"third-party application; third_party_client_access: allow"}})
	default:
		w.add(Link{Name: LinkThirdParty, Verdict: Failed,
			Reason:   a.Name + " is a third-party application and " + w.ex.Org.Name + " blocks third-party applications (third_party_client_access: " + cmp.Or(w.ex.Org.ThirdPartyAccess, "block") + ")",
			Evidence: []string{"allow it in the organization's Applications tab"}})
	}
	if !w.ex.Org.AppEntitlement {
		w.add(Link{Name: LinkEntitlement, Verdict: Passed, Evidence: []string{"is_app_entitlement_active is off: every application may log its people in"}})
	} else {
		w.add(Link{Name: LinkEntitlement, Verdict: Unknown,
			Reason: "application entitlement is on (Early Access): orgdash does not read the organization's applications (GET /organizations/{id}/clients) yet"})
	}
}

func (w *walk) afterApp() {
	for _, n := range []string{LinkUsage, LinkThirdParty, LinkEntitlement} {
		w.after(n, "the application")
	}
}

// appFromLogs is the application of the person's latest log event in
// the organization, or anywhere; "" when their logs name none.
func (w *walk) appFromLogs() (string, string) {
	if w.user == nil || can(w.cl, client.ReadLogs) != "" {
		return "", ""
	}
	for _, q := range []client.LogQuery{{UserID: w.user.UserID, OrgID: w.ex.Org.ID, Limit: 20}, {UserID: w.user.UserID, Limit: 20}} {
		es, err := w.cl.Logs(w.ctx, q)
		if err != nil {
			return "", ""
		}
		for _, e := range es {
			if e.ClientID != "" && loginEvent(e) {
				return e.ClientID, "from their log event of " + e.Date.UTC().Format("2006-01-02 15:04") + " UTC"
			}
		}
	}
	return "", ""
}
