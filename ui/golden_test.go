package ui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/dialog"
)

// TestGoldenDialogs pins each dialog at 80×24, once armed.
// Rewrite the files with: go test ./ui -run Golden -update
func TestGoldenDialogs(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	for _, d := range []struct {
		name string
		keys []string
	}{
		{"remove_members", []string{"enter", "3", "space", "space", "d"}},
		{"more_options_members", []string{"enter", "3", "."}},
		{"more_options_connection", []string{"enter", "2", "j", "."}},
		{"edit_settings", []string{"enter", "2", "e"}},
		{"enable_picker", []string{"enter", "2", "n"}},
		{"remove_connection", []string{"enter", "2", "j", "d"}},
		{"delete_organization", []string{"j", "D"}},
		{"create_organization", []string{"c"}},
		{"create_organization_refused_name", []string{"c", "B", "a", "d", " ", "N", "a", "m", "e", "enter"}},
		{"edit_organization", []string{"enter", "e"}},
		{"edit_organization_at_settings", []string{"enter", "E"}},
		{"view_json", []string{"J"}},
		{"view_json_member", []string{"enter", "3", "J"}},
		{"invite", []string{"enter", "4", "i"}},
		{"assign_roles", []string{"enter", "3", ".", "j", "j", "j", "j", "j", "j", "enter"}},
		{"add_members", []string{"enter", "3", "a"}},
		{"find_people", []string{"u"}},
		{"copy", []string{"y"}},
		{"activity", []string{"@"}},
		{"jump_candidates", []string{":", "o", "r", "g", " ", "o", "r", "g", "enter"}},
		{"quit_in_flight", nil}, // set up below: a change that does not answer
	} {
		t.Run(d.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := clienttest.New(40, 120)
				keys := d.keys
				if d.name == "quit_in_flight" {
					release := make(chan struct{})
					defer close(release)
					fake.Fail = func(op string) error {
						if op == "remove members" {
							<-release
						}
						return nil
					}
					keys = []string{"enter", "3", "space", "d", "wait", "y", "ctrl+c"}
				}
				s := open(t, fake, 80, 24)
				for _, k := range keys {
					if k == "wait" {
						s.Advance(dialog.ArmDelay)
						continue
					}
					s.press(k)
				}
				s.Advance(dialog.ArmDelay) // as the user sees it, armed
				golden.RequireEqual(t, stillSpinner(s.screen()))
			})
		})
	}
}

// TestGoldenViews pins what each screen looks like at 80×24 and 120×36.
// Rewrite the files with: go test ./ui -run Golden -update
func TestGoldenViews(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"organizations", nil},
		{"overview", []string{"enter"}},
		{"connections", []string{"enter", "2"}},
		{"members", []string{"enter", "3", "j", "j"}},
		{"invitations", []string{"enter", "4"}},
		{"help", []string{"enter", "3", "?"}},
		{"member", []string{"enter", "3", "enter"}},
		{"tenant_connections", []string{"C"}},
		{"connection_usage", []string{"C", "enter"}},
		{"people_found", []string{":", "u", "s", "e", "r", " ", "u", "s", "e", "r", "1", "enter"}},
		{"jump_line", []string{":"}},
		{"sorted_members", []string{"enter", "3", "s"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					s := open(t, clienttest.New(40, 120), size[0], size[1])
					golden.RequireEqual(t, stillSpinner(s.press(sc.keys...).screen()))
				})
			})
		}
	}
}

// Every dialog fits a 50×14 terminal: its whole frame on screen, its
// title, its buttons or input, and its keys.
func TestEveryDialogFits50x14(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	for _, d := range []struct {
		name string
		keys []string
		want []string
	}{
		{"remove members", []string{"enter", "3", "space", "space", "d"}, []string{"Remove 2 members?", "Cancel", "Remove", "y remove"}},
		{"more options", []string{"enter", "3", "."}, []string{"More options", "Remove member", "enter choose"}},
		{"settings", []string{"enter", "2", "e"}, []string{"Settings of", "Auto-membership", "enter next"}},
		{"settings, second field", []string{"enter", "2", "e", "y"}, []string{"Settings of", "Signup", "Let people sign up", "Yes", "No"}},
		{"enable picker", []string{"enter", "2", "n"}, []string{"Enable a connection", "enter choose"}},
		{"remove connection", []string{"enter", "2", "j", "d"}, []string{"Remove", "Cancel", "y remove"}},
		{"delete organization", []string{"j", "D"}, []string{"Delete", "Type org-1 to confirm:", "› type it here", "enter delete"}},
		{"copy", []string{"y"}, []string{"Copy", "ID", "org_0000000000000000"}},
	} {
		t.Run(d.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := open(t, clienttest.New(40, 120), 50, 14)
				s.press(d.keys...).Advance(dialog.ArmDelay)
				sc := s.screen()
				if strings.Count(sc, "╭") != 1 || strings.Count(sc, "╰") != 1 {
					t.Fatalf("the dialog's frame is not whole on screen:\n%s", sc)
				}
				for _, w := range d.want {
					if !strings.Contains(sc, w) {
						t.Fatalf("at 50×14 the dialog lacks %q:\n%s", w, sc)
					}
				}
			})
		})
	}
}

// stillSpinner shows every spinner frame as the first: how many frames a
// change in flight has turned by the time the screen is read depends on
// the scheduler (the race detector's above all), not on what is drawn.
func stillSpinner(screen string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏", r) {
			return '⠋'
		}
		return r
	}, screen)
}
