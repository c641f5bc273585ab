package dialog

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// Opened at its settings (E), the edit form takes keys typed before it
// has moved there in the settings, not in the name; the spec it sends
// carries the settings that changed, the other fields as they were.
func TestEditFormAtSettingsTakesTypedAheadKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		start := client.OrgSpec{Name: "acme", DisplayName: "Acme"}
		var saved *client.OrgSpec
		d := NewOrgEditForm(c, "Edit acme", start, SettingsSection{Start: client.OrgSettings{ThirdPartyAccess: "block"}, Focus: true},
			func(s client.OrgSpec) tea.Cmd { saved = &s; return fired })
		drv := uitest.NewDriver(t, adapter{d})
		drv.Start(d.Init()) // the moves to the settings are on their way
		drv.Type(uitest.Key("y"), uitest.Key("enter"), uitest.Key("enter"), uitest.Key("3"), uitest.Key("0"),
			uitest.Key("enter"), uitest.Key("n"))
		if saved == nil {
			t.Fatalf("the form was not sent:\n%s", ansi.Strip(drv.Model().(adapter).d.View()))
		}
		s := saved.Settings
		if saved.Name != "acme" || saved.DisplayName != "Acme" || s == nil || s.ThirdPartyAccess != "allow" ||
			s.TokenQuota == nil || *s.TokenQuota != (client.TokenQuota{PerHour: 30}) {
			t.Fatalf("sent %+v with settings %+v", saved, s)
		}
	})
}

// An edit that leaves the settings as they are sends none (a tenant
// without them is edited as before); a tenant without application
// entitlement is not asked about it.
func TestEditFormSendsSettingsOnlyWhenChanged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		var saved *client.OrgSpec
		d := NewOrgEditForm(c, "Edit acme", client.OrgSpec{Name: "acme"},
			SettingsSection{Start: client.OrgSettings{ThirdPartyAccess: "block", NoEntitlement: true}},
			func(s client.OrgSpec) tea.Cmd { saved = &s; return fired })
		drv := uitest.NewDriver(t, adapter{d})
		drv.Run(d.Init())
		for range 10 {
			if v := ansi.Strip(drv.Model().(adapter).d.View()); saved == nil && strings.Contains(v, "Application entitlement") {
				t.Fatalf("entitlement offered on a tenant without it:\n%s", v)
			}
			if saved == nil {
				drv.Send(uitest.Key("enter"))
			}
		}
		if saved == nil || saved.Settings != nil {
			t.Fatalf("sent %+v", saved)
		}
	})
}
