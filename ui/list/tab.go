package list

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// Tab is the base of a list screen or an organization's list tab: the list
// and all that such a screen forwards to it (start, size, drawing, title,
// filter focus, help, input, another session's news), with the rows of
// its action table every list has alike (Copy…, More options) and the
// "needs a selection" reason. A tab embeds it, made by NewTab or
// NewOrgTab, and is left with its columns, its row, its fetch and its
// own actions; its session, its organization and its list are the base's.
type Tab[T any] struct {
	Common  *common.Common
	Org     client.Organization // whose tab it is; zero for a screen of its own
	list    *Model[T]
	actions func() common.Actions
}

// NewTab is the base of a tab showing spec's rows, whose action table
// actions makes (called again for each key, the menu and the help).
func NewTab[T any](c *common.Common, spec Spec[T], actions func() common.Actions) Tab[T] {
	t := Tab[T]{Common: c, list: New(c, spec), actions: actions}
	if spec.Org != nil {
		t.Org = *spec.Org
	}
	return t
}

// NewOrgTab is NewTab for tab of o's page: labelled by the tab's title,
// its rows o's (a 404 for o closes the page), reloaded on another
// session's news of that tab of o.
func NewOrgTab[T any](c *common.Common, o client.Organization, tab common.TabSpec, spec Spec[T], actions func() common.Actions) Tab[T] {
	spec.Label, spec.Org, spec.News = tab.Title, &o, &common.Touched{Org: o.ID, Tab: tab.Tab}
	return NewTab(c, spec, actions)
}

// embedsTab is a tab type M whose base is Tab[T]: MakeOrgTab fills it.
type embedsTab[M, T any] interface {
	*M
	base() *Tab[T]
}

func (t *Tab[T]) base() *Tab[T] { return t }

// MakeOrgTab makes an organization's list tab M, a struct embedding Tab[T]
// with nothing else to set up: its base is NewOrgTab's, its action table
// M's method actions, given as a method expression ((*Model).actions).
func MakeOrgTab[M any, P embedsTab[M, T], T any](c *common.Common, o client.Organization, tab common.TabSpec, spec Spec[T], actions func(P) common.Actions) P {
	m := P(new(M))
	*m.base() = NewOrgTab(c, o, tab, spec, func() common.Actions { return actions(m) })
	return m
}

// List is the tab's list.
func (t *Tab[T]) List() *Model[T] { return t.list }

// Init (re)loads the list.
func (t *Tab[T]) Init() tea.Cmd { return t.list.Init() }

// SetSize lays the tab out: the header line, if any, over the list.
func (t *Tab[T]) SetSize(w, h int) {
	if t.list.spec.Header != nil {
		h--
	}
	t.list.SetSize(w, h)
}

// View draws the header line, if any, over the list.
func (t *Tab[T]) View() string {
	if t.list.spec.Header != nil {
		return t.list.spec.Header() + "\n" + t.list.View()
	}
	return t.list.View()
}

// Title is the tab's label with the count once known: "Members (5,000)".
func (t *Tab[T]) Title() string { return t.list.Title(t.list.spec.Label) }

// Hidden reports whether the tab is hidden: an Optional list's until the
// tenant has said it has the feature, and for good without it; any other
// list's never.
func (t *Tab[T]) Hidden() bool {
	if !t.list.spec.Optional || t.list.Loaded() {
		return false
	}
	err := t.list.Err()
	return err == nil || client.KindOf(err) == client.Unsupported
}

// Capturing reports whether the filter takes keys.
func (t *Tab[T]) Capturing() bool { return t.list.Capturing() }

// Help is the filter's keys while it has the focus, else the tab's.
func (t *Tab[T]) Help() help.KeyMap { return t.list.Help(t.actions().Bindings(t.Common)) }

// Route gives msg to the list, and a key it does not take to the action
// table: what a tab's Update ends with, once it has handled its own
// messages. A click is taken as on the list, below the header line; a
// ChangedMsg for this tab changes its rows.
func (t *Tab[T]) Route(msg tea.Msg) tea.Cmd {
	if ch, ok := msg.(ChangedMsg[T]); ok {
		if news := t.list.spec.News; news != nil && ch.News == *news {
			t.list.Changed(ch.Removed, ch.Made)
		}
		return nil
	}
	if c, ok := msg.(tea.MouseClickMsg); ok && t.list.spec.Header != nil {
		c.Y-- // the header line
		msg = c
	}
	return t.list.Route(msg, t.actions)
}

// NeedsSelection is an action's Unavailable for one that acts on the row
// under the cursor (or the marked rows): "no member selected" while there
// is none.
func (t *Tab[T]) NeedsSelection() func() string {
	return func() string {
		if _, ok := t.list.Selected(); !ok {
			return "no " + t.list.spec.One + " selected"
		}
		return ""
	}
}

// Selection is the item under the cursor (the zero T when there is none)
// and NeedsSelection: what an action table starts from.
func (t *Tab[T]) Selection() (T, func() string) {
	it, _ := t.list.Selected()
	return it, t.NeedsSelection()
}

// CopyAction is the "Copy…" row: what y offers from the row under the cursor.
func (t *Tab[T]) CopyAction() common.Action {
	return common.Action{Key: t.Common.Keys.Copy, Label: "Copy…", Unavailable: t.NeedsSelection(), Run: t.list.CopyMenu}
}

// JSONAction is the "View JSON" row: the row under the cursor as Auth0
// returns it, read by one GET of entity(row) in a viewer (a read, open to
// every profile that may read it), titled by title(row).
func (t *Tab[T]) JSONAction(title func(T) string, entity func(T) client.Entity) common.Action {
	it, _ := t.list.Selected()
	e := entity(it)
	return common.Action{Key: t.Common.Keys.ViewJSON, Label: "View JSON", Needs: []client.Action{e.Action}, Unavailable: t.NeedsSelection(),
		Run: func() tea.Cmd { return dialog.ViewJSON(t.Common, title(it), e) }}
}

// MoreAction is the "More options" row: the action table as a menu titled
// title; unavailable, when set, says why it cannot open now.
func (t *Tab[T]) MoreAction(title string, unavailable func() string) common.Action {
	return common.Action{Key: t.Common.Keys.More, Unavailable: unavailable, Run: func() tea.Cmd {
		return dialog.Open(dialog.NewMenu(t.Common, title, dialog.Items(t.Common, t.actions())))
	}}
}

// ReadTab is an organization's list tab that only reads: its actions are
// Copy… and More options, its input the list's.
type ReadTab[T any] struct{ Tab[T] }

var (
	_ common.Pane     = (*ReadTab[int])(nil)
	_ common.Hideable = (*ReadTab[int])(nil)
)

// NewReadTab is a read-only tab of o's page showing spec's rows.
func NewReadTab[T any](c *common.Common, o client.Organization, tab common.TabSpec, spec Spec[T]) *ReadTab[T] {
	r := &ReadTab[T]{}
	r.Tab = NewOrgTab(c, o, tab, spec, func() common.Actions {
		return common.Actions{r.CopyAction(), r.MoreAction("More options", nil)}
	})
	return r
}

// Update gives msg to the list, then the action table.
func (r *ReadTab[T]) Update(msg tea.Msg) (common.Pane, tea.Cmd) { return r, r.Route(msg) }
