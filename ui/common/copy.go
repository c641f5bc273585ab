package common

import (
	"net/url"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Copyable is one thing the copy menu offers: "Name", "acme".
type Copyable struct{ Label, Value string }

// DashboardURL is the Auth0 Dashboard's address of path ("organizations/org_1/overview")
// on tenant domain (acme.eu.auth0.com: region eu, tenant acme; acme.auth0.com: region us),
// or "" for a domain of another form (a custom domain, the simulator), whose tenant name is
// not in it. The path shapes follow the Dashboard's own links as seen in 2026: a guess
// Auth0 does not document.
func DashboardURL(domain, path string) string {
	host := strings.TrimSuffix(domain, "/")
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	parts := strings.Split(host, ".")
	if len(parts) < 3 || parts[len(parts)-2] != "auth0" || parts[len(parts)-1] != "com" {
		return ""
	}
	tenant, region := parts[0], "us"
	if len(parts) == 4 {
		region = parts[1]
	}
	return "https://manage.auth0.com/dashboard/" + region + "/" + tenant + "/" + path
}

// UserPath is a user's page in the Dashboard.
func UserPath(userID string) string { return "users/" + url.PathEscape(userID) }

// CopyItems are what a copy menu copies, those with a value.
func CopyItems(things ...Copyable) []Copyable {
	out := things[:0:0]
	for _, t := range things {
		if t.Value != "" {
			out = append(out, t)
		}
	}
	return out
}

// CopyCmd copies one thing: its value on the clipboard, its label in the status.
func CopyCmd(t Copyable) tea.Cmd {
	return tea.Batch(tea.SetClipboard(t.Value), Status(Info, "copied "+strings.ToLower(t.Label)+": "+Clean(t.Value)))
}
