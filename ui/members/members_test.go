package members

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/uitest"
)

// loaded is a Members tab that has received n members in pages of 100.
func loaded(tb testing.TB, n int) *Model {
	f := clienttest.New(1, 0)
	m := New(uitest.Common(tb, f), f.Orgs[0])
	m.Init()
	all := clienttest.Members(n)
	for i := 0; i < n; i += 100 {
		p := client.Page[client.Member]{Items: all[i:min(i+100, n)]}
		if i+100 < n {
			p.Next = fmt.Sprint(i + 100)
		}
		m.Update(pageMsg{seq: m.seq, page: p})
	}
	m.SetSize(120, 30)
	return m
}

func TestPagesStreamIn(t *testing.T) {
	f := clienttest.New(1, 0)
	m := New(uitest.Common(t, f), f.Orgs[0])
	m.Init()
	_, cmd := m.Update(pageMsg{seq: m.seq, page: client.Page[client.Member]{Items: clienttest.Members(100), Next: "100"}})
	if cmd == nil || m.Title() != "Members (100…)" {
		t.Fatalf("after the first page: title %q, next fetch %v", m.Title(), cmd != nil)
	}
	m.Update(pageMsg{seq: m.seq - 1, page: client.Page[client.Member]{Items: clienttest.Members(5)}}) // a stale load
	m.Update(pageMsg{seq: m.seq, page: client.Page[client.Member]{Items: clienttest.Members(150)[100:]}})
	if m.Title() != "Members (150)" {
		t.Fatalf("title %q", m.Title())
	}
	m.SetSize(100, 20)
	m.Update(uitest.Key("/"))
	for _, k := range uitest.Keys("user14") {
		m.Update(k)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "1 of 11 (150 in all)") {
		t.Fatalf("filtered view:\n%s", v)
	}
	_, cmd = m.Update(uitest.Key("esc")) // stop editing: the filter goes
	_, cmd = m.Update(uitest.Key("esc")) // then back
	if cmd == nil {
		t.Fatal("esc did not go back")
	}
	if _, ok := cmd().(common.BackMsg); !ok {
		t.Fatal("esc did not ask to go back")
	}
}

func TestGoneOrganization(t *testing.T) {
	f := clienttest.New(1, 0)
	m := New(uitest.Common(t, f), f.Orgs[0])
	m.Init()
	_, cmd := m.Update(pageMsg{seq: m.seq, err: &client.Error{Kind: client.NotFound, Status: 404, Message: "No organization found by that id or name"}})
	if msg, _ := cmd().(common.GoneMsg); msg.ID != f.Orgs[0].ID {
		t.Fatalf("a 404 on the list did not say the organization is gone: %#v", msg)
	}
}

// BenchmarkMembersView draws the Members tab holding 100 and 100,000
// members: the cost must not grow with the members.
func BenchmarkMembersView(b *testing.B) {
	for _, n := range []int{100, 100000} {
		m := loaded(b, n)
		m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
