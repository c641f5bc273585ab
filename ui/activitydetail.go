package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// entryDetail opens one of the session's changes as the audit recorded
// it: what, where, when, how it ended, and each target that did not end
// ok with why; every string cleaned for the screen.
func entryDetail(c *common.Common, e audit.Entry) tea.Cmd {
	lines := []string{
		"when     " + e.Time.Local().Format("2006-01-02 15:04:05"),
		"outcome  " + e.Outcome,
	}
	if where := common.Clean(e.OrgName); where != "" || e.Org != "" {
		lines = append(lines, "in       "+strings.TrimSpace(where+" "+common.Clean(e.Org)))
	}
	if len(e.Targets) > 0 {
		lines = append(lines, fmt.Sprintf("targets  %d", len(e.Targets)))
	}
	if e.Note != "" {
		lines = append(lines, "note     "+common.Clean(e.Note))
	}
	if e.Error != "" {
		lines = append(lines, "error    "+common.Clean(e.Error))
	}
	var ids []string
	for id, r := range e.Results {
		if r != audit.OK {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	const shown = 8
	for i, id := range ids {
		if i == shown {
			lines = append(lines, fmt.Sprintf("… and %d more: orgdash audit --json has them all", len(ids)-shown))
			break
		}
		who := common.Clean(id)
		if n := e.Names[id]; n != "" {
			who = common.Clean(n)
		}
		lines = append(lines, "  "+e.Results[id]+" "+who+" "+common.Clean(e.Failed[id]))
	}
	lines = append(lines, "", "the audit log's id: "+common.Clean(e.ID))
	return dialog.Open(dialog.NewMenu(c, common.Clean(e.Action)+"\n\n"+strings.Join(lines, "\n"), []dialog.Item{{Label: "Close"}}))
}
