package doctor

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// WhyAction is w where a person and an organization are at hand (a
// member, one of a person's organizations, a login in the activity): it
// opens the explainer for q. ok is false when nothing is selected; a
// person without an email cannot be looked up by it.
func WhyAction(c *common.Common, q doctor.Question, ok bool) common.Action {
	return common.Action{Key: c.Keys.Why, Label: "Why can't they log in?",
		Unavailable: func() string {
			switch {
			case !ok:
				return "nobody selected"
			case q.Email == "":
				return "this person has no email to look them up by"
			}
			return ""
		},
		Run: func() tea.Cmd { return common.Push(NewWhy(c, q)) }}
}

// CheckupAction is ! on an organization: it opens its checkup.
func CheckupAction(c *common.Common, o client.Organization) common.Action {
	return common.Action{Key: c.Keys.Doctor, Label: "Doctor: check this organization",
		Run: func() tea.Cmd { return common.Push(NewCheckup(c, o)) }}
}

// copyAction is y on a finding or a link: its values first (a TXT
// record's name and value, whole), then what it says and its evidence,
// through the copy menu (which copies them made safe, as shown).
func copyAction(c *common.Common, ok bool, values []doctor.Value, label, text string, evidence []string) common.Action {
	return common.Action{Key: dialog.Named(c.Keys.Copy, "copy"), Label: "Copy…",
		Unavailable: func() string {
			if !ok {
				return "nothing selected"
			}
			return ""
		},
		Run: func() tea.Cmd {
			var things []common.Copyable
			for _, v := range values {
				things = append(things, common.Copyable{Label: v.Label, Value: v.Value})
			}
			things = append(things, common.Copyable{Label: label, Value: text})
			for _, e := range evidence {
				things = append(things, common.Copyable{Label: "Evidence", Value: e})
			}
			return dialog.CopyMenu(c, things)
		}}
}
