package ui

import (
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/dialog"
)

// TestGoldenDialogs pins each dialog at 80×24, once armed.
// Rewrite the files with: go test ./ui -run Golden -update
func TestGoldenDialogs(t *testing.T) {
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
	} {
		t.Run(d.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := open(t, clienttest.New(40, 120), 80, 24)
				s.press(d.keys...).Advance(dialog.ArmDelay) // as the user sees it, armed
				golden.RequireEqual(t, s.screen())
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
	}
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					s := open(t, clienttest.New(40, 120), size[0], size[1])
					golden.RequireEqual(t, s.press(sc.keys...).screen())
				})
			})
		}
	}
}
