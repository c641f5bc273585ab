package tenantconns

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// actions are the screen's own changes: over the marked organizations,
// or the one under the cursor. t disables where the connection is enabled,
// and enables it where none of them has it enabled.
func (m *Usage) actions() common.Actions {
	k := m.c.Keys
	targets := m.list.Targets()
	on, off := split(targets)
	when := func(orgs []crossorg.Use, what string) func() string {
		return func() string {
			if why := m.Idle(); why != "" {
				return why
			}
			if len(orgs) == 0 {
				return "none of them has it " + what
			}
			return ""
		}
	}
	disable := common.Action{Key: dialog.Named(k.Toggle, "disable"), Label: fmt.Sprintf("Disable in %d (keeps the settings)…", len(on)),
		Needs: []client.Action{client.ToggleConnection}, Unavailable: when(on, "enabled"), Run: func() tea.Cmd { return m.Plan(m.toggle(on, false)) }}
	enable := common.Action{Label: fmt.Sprintf("Enable in %d…", len(off)), Needs: []client.Action{client.ToggleConnection},
		Unavailable: when(off, "disabled"), Run: func() tea.Cmd { return m.Plan(m.toggle(off, true)) }}
	if len(on) == 0 && len(off) > 0 { // nothing to disable: t enables
		disable.Key, enable.Key = enable.Key, dialog.Named(k.Toggle, "enable")
	}
	return common.Actions{disable, enable,
		{Key: k.Remove, Label: fmt.Sprintf("Remove from %d…", len(targets)), Needs: []client.Action{client.RemoveConnection},
			Unavailable: when(targets, "at all"), Run: func() tea.Cmd { return m.Plan(m.remove(targets)) }},
		{Key: dialog.Named(k.LoadAll, "scan again"), Label: "Scan every organization again", Needs: []client.Action{client.ReadConnections},
			Run: func() tea.Cmd { return Scan(m.c, m.idx, m.idx.Progress().Done, m.id) }},
	}
}

// split are the uses with the connection enabled and disabled.
func split(uses []crossorg.Use) (on, off []crossorg.Use) {
	for _, u := range uses {
		if u.Conn.Enabled && !u.Conn.Legacy {
			on = append(on, u)
		} else if !u.Conn.Enabled {
			off = append(off, u)
		}
	}
	return on, off
}

// usesOf are the uses of orgs as the index has them.
func (m *Usage) usesOf(orgs []client.Organization) []crossorg.Use {
	all := m.idx.Using(m.tc.ID)
	want := map[string]bool{}
	for _, o := range orgs {
		want[o.ID] = true
	}
	var out []crossorg.Use
	for _, u := range all {
		if want[u.Org.ID] {
			out = append(out, u)
		}
	}
	return out
}

// detail is the audit's detail of one organization's change.
func (m *Usage) detail(ctx context.Context, o client.Organization, before, after map[string]any) context.Context {
	return audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{m.tc.ID: m.tc.Name}, Before: before, After: after})
}

// toggle is disabling (or enabling) the connection in uses, keeping the settings.
func (m *Usage) toggle(uses []crossorg.Use, enabled bool) *across.Bulk {
	cl, idx, conn := m.c.Client, m.idx, m.tc
	verb := map[bool]string{true: "enable ", false: "disable "}[enabled] + common.Clean(conn.Name)
	a := crossorg.NewJob(verb, limits.OrgConnectionsWrite, m.Orgs(uses), func(ctx context.Context, o client.Organization) error {
		got, err := cl.SetConnectionEnabled(m.detail(ctx, o, map[string]any{"is_enabled": !enabled}, map[string]any{"is_enabled": enabled}), o.ID, conn.ID, enabled)
		if err == nil {
			idx.Put(o.ID, got, false)
		}
		return err
	})
	return &across.Bulk{Scope: m.scope(), Tab: common.Connections, Verb: verb, Past: map[bool]string{true: "enabled ", false: "disabled "}[enabled] + common.Clean(conn.Name), A: a,
		Caveat: m.caveat(),
		Curl: func(o client.Organization) string {
			return across.Curl(m.c, "PATCH", []string{"organizations", o.ID, "connections", conn.ID}, map[string]any{"is_enabled": enabled})
		},
		Reverse: func(applied []client.Organization) *across.Bulk { return m.toggle(m.usesOf(applied), !enabled) }}
}

// remove is removing the connection from uses; undone by enabling it
// again with the settings each had.
func (m *Usage) remove(uses []crossorg.Use) *across.Bulk {
	cl, idx, conn := m.c.Client, m.idx, m.tc
	had := map[string]client.Connection{}
	for _, u := range uses {
		had[u.Org.ID] = u.Conn
	}
	verb := "remove " + common.Clean(conn.Name)
	a := crossorg.NewJob(verb, limits.OrgConnectionsWrite, m.Orgs(uses), func(ctx context.Context, o client.Organization) error {
		err := cl.RemoveConnection(m.detail(ctx, o, map[string]any{"is_enabled": had[o.ID].Enabled}, nil), o.ID, conn.ID)
		if err == nil {
			idx.Put(o.ID, client.Connection{ID: conn.ID}, true)
		}
		return err
	})
	return &across.Bulk{Scope: m.scope(), Tab: common.Connections, Verb: verb, Past: "removed " + common.Clean(conn.Name), Prep: "from", A: a, Caveat: m.caveat(),
		Curl: func(o client.Organization) string {
			return across.Curl(m.c, "DELETE", []string{"organizations", o.ID, "connections", conn.ID}, nil)
		},
		Reverse: func(applied []client.Organization) *across.Bulk { return m.restore(applied, had) }}
}

// restore enables the connection again in orgs with the settings it had.
func (m *Usage) restore(orgs []client.Organization, had map[string]client.Connection) *across.Bulk {
	cl, idx, conn := m.c.Client, m.idx, m.tc
	verb := "put back " + common.Clean(conn.Name)
	a := crossorg.NewJob(verb, limits.OrgConnectionsWrite, orgs, func(ctx context.Context, o client.Organization) error {
		prev := had[o.ID]
		got, err := cl.EnableConnection(m.detail(ctx, o, nil, map[string]any{"is_enabled": true}), o.ID, conn.ID, prev.ConnectionSettings)
		if err == nil && !prev.Enabled && !got.Legacy {
			got, err = cl.SetConnectionEnabled(ctx, o.ID, conn.ID, false) // it was there, disabled
		}
		if err == nil {
			idx.Put(o.ID, got, false)
		}
		return err
	})
	calls := len(orgs)
	for _, o := range orgs {
		if !had[o.ID].Enabled {
			calls++ // enabled with its settings, then disabled again as it was
		}
	}
	return &across.Bulk{Scope: m.scope(), Tab: common.Connections, Verb: verb, Past: "put back " + common.Clean(conn.Name), A: a.Costs(calls)}
}

// again is how a retry of b plans: the same change, for other organizations.
func (m *Usage) again(b *across.Bulk) func([]client.Organization) *across.Bulk {
	return func(orgs []client.Organization) *across.Bulk {
		uses := m.usesOf(orgs)
		switch {
		case b.Verb == "remove "+common.Clean(m.tc.Name):
			return m.remove(uses)
		case b.Verb == "enable "+common.Clean(m.tc.Name):
			return m.toggle(uses, true)
		}
		return m.toggle(uses, false)
	}
}

// staleAfter is the age past which a plan says the index may be out of date.
const staleAfter = 15 * time.Minute

// caveat warns while the scan has not read every organization: more may
// use the connection than the plan names.
func (m *Usage) caveat() string {
	p := m.idx.Progress()
	if p.Done {
		if oldest := m.idx.Oldest(); time.Since(oldest) > staleAfter {
			return fmt.Sprintf("⚠ The organizations were read %s ago: any that took %s since are not in this plan (%s scans again).",
				time.Since(oldest).Round(time.Minute), common.Clean(m.tc.Name), m.c.Keys.LoadAll.Help().Key)
		}
		return ""
	}
	return fmt.Sprintf("⚠ The scan has read %s of %s organizations so far: more may use %s than this plan names.",
		table.Count(p.Read), table.Count(p.Total), common.Clean(m.tc.Name))
}
