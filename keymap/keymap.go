// Package keymap holds every key binding of the dashboard, with its help
// text, under an action name users can rebind from the config file.
package keymap

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every binding. Each session owns its copy: screens enable and
// disable bindings as actions become (un)available, so help never lies.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open, Back, Close, Quit                 key.Binding
	NextTab, PrevTab                        key.Binding
	Overview, Connections, Members, Invites key.Binding
	Domains                                 key.Binding
	Filter, Sort, Refresh, Copy, Jump, Help key.Binding
	More, Mark, MarkAll, Unmark, LoadAll    key.Binding
	Toggle, Edit, New, Remove, DeleteOrg    key.Binding
	Create, Invite, Add                     key.Binding
	Undo, Activity, Profile, Retry          key.Binding
	Pause, Stop, Users, TenantConns         key.Binding
	Why, Doctor, Fix                        key.Binding // the login explainer, the doctor, a fix
	// The Activity tab: open it, follow live, filter by kind and by person.
	ActivityTab, Follow, Kind, Person key.Binding
	// ClientGrants shows an organization's Machine-to-Machine Access tab,
	// OrgRoles its Roles tab (its own roles), OrgApps its Applications,
	// Groups its Groups.
	ClientGrants, OrgRoles, OrgApps, Groups key.Binding
	// Settings edits an organization's newer settings (token quota,
	// third-party access, application entitlement).
	Settings key.Binding
	// SortBy picks the column to sort by.
	SortBy key.Binding
	// ViewJSON shows the row under the cursor as Auth0 returns it.
	ViewJSON key.Binding

	// Dialog is what the keys mean inside a dialog; Filtering inside the "/" line.
	Dialog    DialogKeys
	Filtering FilterKeys
}

// DialogKeys are the keys of the dialogs (menu, confirm, typed name).
type DialogKeys struct {
	Yes, No, Switch, Choose, Cancel, Prev, Next key.Binding
}

// FilterKeys are the keys of the "/" filter line while it has the focus.
type FilterKeys struct {
	Keep, Clear key.Binding
}

// Default is the default key map: the keys the README's table lists.
func Default() *KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Up:           b("↑/k", "up", "up", "k"),
		Down:         b("↓/j", "down", "down", "j"),
		Top:          b("g", "first", "g", "home"),
		Bottom:       b("G", "last", "G", "end"),
		PageUp:       b("pgup", "page up", "pgup", "ctrl+b"),
		PageDown:     b("pgdn", "page down", "pgdown", "ctrl+f"),
		Open:         b("enter", "open", "enter", "l"),
		Back:         b("esc", "back", "esc"),
		Close:        b("q", "back/quit", "q"),
		Quit:         b("ctrl+c", "quit", "ctrl+c"),
		NextTab:      b("tab", "next tab", "tab"),
		PrevTab:      b("shift+tab", "previous tab", "shift+tab"),
		Overview:     b("1", "overview", "1"),
		Connections:  b("2", "connections", "2"),
		Members:      b("3", "members", "3"),
		Invites:      b("4", "invitations", "4"),
		Domains:      b("5", "domains", "5"),
		Filter:       b("/", "filter", "/"),
		Sort:         b("s", "sort", "s"),
		SortBy:       b("S", "sort by…", "S"),
		Refresh:      b("r", "refresh", "r"),
		Copy:         b("y", "copy…", "y"),
		Jump:         b(":", "jump", ":"),
		Help:         b("?", "help", "?"),
		More:         b(".", "more options", "."),
		Mark:         b("space", "mark", "space"),
		MarkAll:      b("A", "mark all", "A"),
		Unmark:       b("U", "clear marks", "U"),
		LoadAll:      b("L", "load the rest", "L"),
		Toggle:       b("t", "toggle", "t"),
		Edit:         b("e", "edit", "e"),
		New:          b("n", "enable connection", "n"),
		Remove:       b("d", "remove", "d"),
		DeleteOrg:    b("D", "delete org", "D"),
		Create:       b("c", "create org", "c"),
		Invite:       b("i", "invite", "i"),
		Add:          b("a", "add members", "a"),
		Undo:         b("z", "undo", "z"),
		Activity:     b("@", "budget/changes", "@"),
		Profile:      b("T", "switch profile", "T"),
		Retry:        b("R", "retry failed", "R"),
		Pause:        b("p", "pause/resume", "p"),
		Stop:         b("X", "stop the change", "X"),
		Users:        b("u", "users", "u"),
		TenantConns:  b("C", "tenant connections", "C"),
		Why:          b("w", "why can't they log in?", "w"),
		Doctor:       b("!", "doctor", "!"),
		Fix:          b("F", "fix", "F"),
		ActivityTab:  b("6", "activity", "6"),
		Follow:       b("f", "follow live", "f"),
		Kind:         b("K", "kind", "K"),
		Person:       b("P", "only this person", "P"),
		ClientGrants: b("7", "m2m access", "7"),
		OrgRoles:     b("8", "roles", "8"),
		OrgApps:      b("9", "applications", "9"),
		Groups:       b("0", "groups", "0"),
		Settings:     b("E", "edit settings", "E"),
		ViewJSON:     b("J", "view JSON", "J"),
		Dialog: DialogKeys{
			Yes:    b("y", "confirm", "y"),
			No:     b("n/esc", "cancel", "n", "esc", "q"),
			Switch: b("tab", "switch button", "tab", "shift+tab", "left", "right", "h", "l"),
			Choose: b("enter", "choose", "enter"),
			Cancel: b("esc", "close", "esc"),
			Prev:   b("↑/k", "up", "up", "k", "shift+tab"),
			Next:   b("↓/j", "down", "down", "j", "tab"),
		},
		Filtering: FilterKeys{
			Keep:  b("enter", "keep filter", "enter"),
			Clear: b("esc", "clear filter", "esc"),
		},
	}
}

// actions names every binding for the config file.
func (k *KeyMap) actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "top": &k.Top, "bottom": &k.Bottom, "page-up": &k.PageUp, "page-down": &k.PageDown,
		"open": &k.Open, "back": &k.Back, "close": &k.Close, "quit": &k.Quit, "next-tab": &k.NextTab, "prev-tab": &k.PrevTab,
		"overview": &k.Overview, "connections": &k.Connections, "members": &k.Members, "invitations": &k.Invites, "domains": &k.Domains,
		"filter": &k.Filter, "sort": &k.Sort, "refresh": &k.Refresh, "copy": &k.Copy, "jump": &k.Jump, "help": &k.Help,
		"more": &k.More, "mark": &k.Mark, "mark-all": &k.MarkAll, "unmark": &k.Unmark, "load-all": &k.LoadAll, "toggle": &k.Toggle,
		"edit": &k.Edit, "new": &k.New, "remove": &k.Remove, "delete-org": &k.DeleteOrg, "create": &k.Create, "invite": &k.Invite, "add": &k.Add, "undo": &k.Undo,
		"activity": &k.Activity, "profile": &k.Profile, "retry": &k.Retry, "pause": &k.Pause, "stop": &k.Stop, "users": &k.Users, "tenant-connections": &k.TenantConns,
		"why": &k.Why, "doctor": &k.Doctor, "fix": &k.Fix,
		"activity-tab": &k.ActivityTab, "follow": &k.Follow, "kind": &k.Kind, "person": &k.Person,
		"m2m-tab": &k.ClientGrants, "roles-tab": &k.OrgRoles, "applications-tab": &k.OrgApps, "groups-tab": &k.Groups, "settings": &k.Settings,
		"sort-by": &k.SortBy, "view-json": &k.ViewJSON,
	}
}

// Actions are the names Override accepts, sorted.
func (k *KeyMap) Actions() []string {
	names := make([]string, 0, 32)
	for n := range k.actions() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Override rebinds actions by name: {"remove": ["x", "delete"]}. An unknown
// action name, or a key given to two actions, is an error naming it.
func (k *KeyMap) Override(keys map[string][]string) error {
	acts := k.actions()
	for name, ks := range keys {
		b, ok := acts[name]
		if !ok {
			return fmt.Errorf("unknown action %q (known: %s)", name, strings.Join(k.Actions(), ", "))
		}
		if len(ks) == 0 {
			return fmt.Errorf("action %q: no keys given", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	owner := map[string]string{}
	for _, name := range k.Actions() {
		for _, key := range acts[name].Keys() {
			if prev, taken := owner[key]; taken {
				return fmt.Errorf("key %q is bound to both %q and %q", key, prev, name)
			}
			owner[key] = name
		}
	}
	return nil
}

// Named is the binding of an action by the name the config file rebinds
// it by, as a tab's spec takes its key: Key: keymap.Named("domains"). A
// name the keymap does not know has no keys (a test keeps every tab's
// name known).
func Named(name string) func(*KeyMap) key.Binding {
	return func(k *KeyMap) key.Binding {
		if b, ok := k.actions()[name]; ok {
			return *b
		}
		return key.NewBinding(key.WithDisabled())
	}
}
