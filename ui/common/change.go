package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// UndoWindow is how long the last removal can be undone.
const UndoWindow = 30 * time.Second

// A change to the tenant goes one way: a screen returns Change(pending,
// run); the root shows pending to the screens (rows say "removing…"),
// counts the change in flight and runs it on its own goroutine; run, with
// values it captured, ends in one Outcome. The root applies the outcome's
// session-wide effects (status line, undo offer, in-flight count) whether
// or not the screen that started it is still open, then shows its Result
// to the screens, so one still showing the rows updates them.

// ChangeMsg asks the root to run a change.
type ChangeMsg struct {
	Pending tea.Msg // shown to the screens before the change runs; may be nil
	Run     func() Outcome
}

// Change is a command for ChangeMsg.
func Change(pending tea.Msg, run func() Outcome) tea.Cmd {
	return func() tea.Msg { return ChangeMsg{Pending: pending, Run: run} }
}

// Outcome is how a change ended.
type Outcome struct {
	Status StatusMsg // what the status line says
	Undo   *UndoMsg  // an undo to offer, if any
	Result tea.Msg   // for the screens that show what changed; may be nil
	Then   tea.Cmd   // follow-up work the root runs (verification); may be nil
	// Touched is what the change altered, for the server's other sessions
	// showing it to reload; zero when nothing changed.
	Touched *Touched
	// Touches are more of them, for a change across organizations.
	Touches []Touched
	// Deleted is the organization the change deleted, if any: an undo
	// offer that would restore into it ends.
	Deleted string
}

// Failed is the outcome of a change the tenant refused or that did not
// happen: "remove acme.example: <why>".
func Failed(what string, err error) Outcome {
	return Outcome{Status: StatusMsg{Level: Failure, Text: what + ": " + Explain(err)}}
}

// OutcomeMsg carries an outcome to the root.
type OutcomeMsg struct{ Outcome }

// Run runs a change on its own goroutine, counted in flight until its
// outcome is in, whatever happens to the screen that started it.
func (c *Common) Run(msg ChangeMsg) tea.Cmd {
	c.pending.Add(1) // on the UI goroutine: quitting asks from this moment
	run := msg.Run
	return func() tea.Msg {
		defer c.pending.Add(-1)
		return OutcomeMsg{run()}
	}
}

// UndoMsg offers to undo the last removal: Label says what (shown in the
// footer), Run puts it back. Org is the organization it would put it back
// into (or undo the creation of): the offer ends when that is deleted.
type UndoMsg struct {
	Org   string
	Label string
	Run   tea.Cmd
}

// Tick is tea.Tick that gives up when ctx ends: a session that has gone
// keeps no timer, and so no program, alive until it fires.
func Tick(ctx context.Context, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case at := <-t.C:
			return fn(at)
		case <-ctx.Done():
			return nil
		}
	}
}
