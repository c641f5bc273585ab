package list

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// A change of an organization's list tab's rows ends in an outcome whose
// Result, a ChangedMsg, shows the change in this session's tab (its Route
// takes it), and whose Touched, the tab's News, has other sessions' tabs
// reload.

// ChangedMsg is a change's result for an organization's list tab, the
// one its news names: the row as it now is (made, edited or put back;
// zero when none) and the id of one that went. The tab's Route shows it.
type ChangedMsg[T any] struct {
	News    common.Touched
	Made    T
	Removed string
}

// News is what a change of the tab's rows tells other sessions (its
// organization and tab), and the ChangedMsg that shows it here names.
func (t *Tab[T]) News() common.Touched {
	if n := t.list.spec.News; n != nil {
		return *n
	}
	return common.Touched{}
}

// Made is the outcome of a change that made, edited or put back the row
// made in the tab news names; done says so ("added acme.example").
func Made[T any](news common.Touched, done string, made T) common.Outcome {
	return common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: done},
		Result: ChangedMsg[T]{News: news, Made: made}, Touched: &news}
}

// Removed is the outcome of a change that took the row with id from the
// tab news names; done says so ("removed acme.example").
func Removed[T any](news common.Touched, done, id string) common.Outcome {
	return common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: done},
		Result: ChangedMsg[T]{News: news, Removed: id}, Touched: &news}
}

// UndoOf is the offer of z for a change of the tab's organization: run
// undoes it, label names it ("removal of acme.example"); it goes when the
// organization is deleted, as every undo of an organization's change does.
func (t *Tab[T]) UndoOf(label string, run tea.Cmd) *common.UndoMsg {
	return &common.UndoMsg{Org: t.Org.ID, Label: label, Run: run}
}

// Removal is the change that takes the row with id from the tab by remove
// (which calls the tenant, audited): verb says what it does, "remove" or
// "delete"; name is the row for people. Done, the row goes from this tab and
// other sessions'; putBack, unless nil (the removal is itself an undo), is
// what z runs to undo it.
func (t *Tab[T]) Removal(verb, name, id string, remove func() error, putBack tea.Cmd) tea.Cmd {
	news := t.News()
	noun := "removal"
	if verb == "delete" {
		noun = "deletion"
	}
	undo := t.UndoOf(noun+" of "+name, putBack)
	return common.Change(nil, func() common.Outcome {
		if err := remove(); err != nil {
			return common.Failed(verb+" "+name, err)
		}
		out := Removed[T](news, verb+"d "+name, id)
		if putBack != nil {
			out.Undo = undo
		}
		return out
	})
}
