package list

import "github.com/orgdash/orgdash/ui/common"

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
