package common

import (
	"net/url"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/safetext"
)

// Copyable is one thing the copy menu offers: "Name", "acme"; or, with
// Lines, a value a line ("Email of the 3 marked", one email a line).
type Copyable struct {
	Label, Value string
	Lines        []string
}

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
		if t.Value != "" || len(t.Lines) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// Copied is what copying t puts on the clipboard: its value made safe by
// safetext.Clipboard (no escape sequence, control, bidi or invisible
// character reaches a paste), and whether that differs from the value as
// the tenant holds it. A menu shows this text, so y copies what it shows.
func (t Copyable) Copied() (text string, cleaned bool) {
	if len(t.Lines) > 0 { // the line breaks are orgdash's own; each line is made safe
		for _, l := range t.Lines {
			cleaned = cleaned || safetext.Clipboard(l) != l
		}
		return safetext.ClipboardLines(t.Lines), cleaned
	}
	text = safetext.Clipboard(t.Value)
	return text, text != t.Value
}

// Shown is the copy as a menu shows it on one line: the text, or for
// lines how many and the first.
func (t Copyable) Shown() string {
	text, _ := t.Copied()
	if len(t.Lines) > 0 {
		first, _, _ := strings.Cut(text, "\n")
		n := strconv.Itoa(len(t.Lines)) + " lines"
		if len(t.Lines) == 1 {
			n = "1 line"
		}
		return n + ": " + first + map[bool]string{true: "…"}[len(t.Lines) > 1]
	}
	return text
}

// CleanedNote is what a copy says when its text is not the stored value.
const CleanedNote = "hidden characters left out: not the value as stored"

// CopyCmd copies one thing: its value on the clipboard, its label in the
// status, and a warning when the copy had to leave characters out.
func CopyCmd(t Copyable) tea.Cmd {
	text, cleaned := t.Copied()
	st := StatusMsg{Level: Info, Text: "copied " + strings.ToLower(t.Label) + ": " + t.Shown()}
	if cleaned {
		st = StatusMsg{Level: Warning, Text: st.Text + " (" + CleanedNote + ")"}
	}
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg { return st })
}
