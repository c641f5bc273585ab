package crossorg

import (
	"context"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// Job is one change made organization by organization: planned before
// it runs (calls, and time at the bucket that limits them), run with pause
// and cancel, and each organization's result kept for retry and undo.
type Job struct {
	Verb  string       // what it does, for the plan: "disable okta"
	Group limits.Group // the endpoint group its calls spend
	do    func(ctx context.Context, o client.Organization) error
	calls int // what it costs in all; one per organization unless said

	mu      sync.Mutex
	steps   []Step
	paused  bool
	stopped bool
	wake    chan struct{} // closed on resume or stop
	started time.Time
	took    time.Duration
}

// StepState is where one organization's change is.
type StepState int

// The states: waiting to start, sent, applied, refused or failed, sent
// with no answer to tell, and not sent (cancelled before).
const (
	Waiting StepState = iota
	Running
	Applied
	StepFailed
	StepUnverified
	NotStarted
)

func (s StepState) String() string {
	return [...]string{"waiting", "running", "ok", "failed", "unverified", "cancelled"}[s]
}

// Step is one organization's part.
type Step struct {
	Org   client.Organization
	State StepState
	Err   error
}

// jobWorkers make the calls side by side: the budget paces them, so
// more only hides each call's latency.
const jobWorkers = 4

// NewJob plans do for each of orgs, one call of group each.
func NewJob(verb string, group limits.Group, orgs []client.Organization, do func(ctx context.Context, o client.Organization) error) *Job {
	a := &Job{Verb: verb, Group: group, do: do, wake: make(chan struct{})}
	for _, o := range orgs {
		a.steps = append(a.steps, Step{Org: o})
	}
	return a
}

// Plan is what running it will cost at the budget known now.
func (a *Job) Plan(t *pace.Tracker) pace.Estimate {
	calls := a.calls
	if calls == 0 {
		calls = len(a.steps)
	}
	return t.Estimate(a.Group, calls)
}

// Costs says it makes calls in all, where some organizations take more than one.
func (a *Job) Costs(calls int) *Job {
	a.calls = calls
	return a
}

// Run makes the change in every waiting organization, calling progress
// after each; Stop or cancelling ctx leaves the unstarted ones NotStarted.
func (a *Job) Run(ctx context.Context, progress func()) {
	a.mu.Lock()
	a.started = time.Now()
	a.mu.Unlock()
	var wg sync.WaitGroup
	for range jobWorkers {
		wg.Go(func() {
			for {
				i, ok := a.next(ctx)
				if !ok {
					return
				}
				err := a.do(ctx, a.steps[i].Org)
				a.mu.Lock()
				a.steps[i].Err = err
				switch {
				case err == nil:
					a.steps[i].State = Applied
				case client.KindOf(err) == client.NotSent:
					a.steps[i].State = NotStarted
				case client.KindOf(err) == client.Undetermined:
					a.steps[i].State = StepUnverified
				default:
					a.steps[i].State = StepFailed
				}
				a.mu.Unlock()
				progress()
			}
		})
	}
	wg.Wait()
	a.mu.Lock()
	for i := range a.steps {
		if a.steps[i].State == Waiting {
			a.steps[i].State = NotStarted
		}
	}
	a.took = time.Since(a.started)
	a.mu.Unlock()
	progress()
}

// next claims the next waiting step, waiting while paused; false when
// none is left or ctx ended.
func (a *Job) next(ctx context.Context) (int, bool) {
	for {
		a.mu.Lock()
		if a.stopped {
			a.mu.Unlock()
			return 0, false
		}
		if !a.paused {
			for i := range a.steps {
				if a.steps[i].State == Waiting {
					a.steps[i].State = Running
					a.mu.Unlock()
					return i, ctx.Err() == nil || a.unclaim(i)
				}
			}
			a.mu.Unlock()
			return 0, false
		}
		wake := a.wake
		a.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return 0, false
		}
	}
}

// unclaim puts a step claimed after ctx ended back to waiting.
func (a *Job) unclaim(i int) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.steps[i].State = Waiting
	return false
}

// Stop starts no more organizations; those under way finish (cancelling
// Run's context, as a session's end does, interrupts them too).
func (a *Job) Stop() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.stopped {
		a.stopped = true
		close(a.wake)
		a.wake = make(chan struct{})
	}
}

// SetPaused pauses the change after the calls already sent, or resumes it.
func (a *Job) SetPaused(on bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.paused && !on {
		close(a.wake)
		a.wake = make(chan struct{})
	}
	a.paused = on
}

// Paused reports whether it is paused.
func (a *Job) Paused() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.paused
}

// Steps are every organization's part as it is now.
func (a *Job) Steps() []Step {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Step(nil), a.steps...)
}

// Tally counts the steps by state.
func (a *Job) Tally() map[StepState]int {
	out := map[StepState]int{}
	for _, s := range a.Steps() {
		out[s.State]++
	}
	return out
}

// Took is how long the run lasted, once it has ended.
func (a *Job) Took() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.took
}

// Those are the organizations whose steps are in one of states, for a
// retry (failed, not started) or an undo (applied).
func (a *Job) Those(states ...StepState) []client.Organization {
	var out []client.Organization
	for _, s := range a.Steps() {
		for _, st := range states {
			if s.State == st {
				out = append(out, s.Org)
			}
		}
	}
	return out
}

// Join is several changes planned alike (the undo of a run and of its
// retries) as one: each organization is made as the change that plans it
// makes it, once, and the cost is theirs together. The first names it.
func Join(as ...*Job) *Job {
	do := map[string]func(ctx context.Context, o client.Organization) error{}
	var orgs []client.Organization
	calls := 0
	for _, a := range as {
		for _, s := range a.steps {
			if _, dup := do[s.Org.ID]; !dup {
				do[s.Org.ID] = a.do
				orgs = append(orgs, s.Org)
			}
		}
		calls += max(a.calls, len(a.steps))
	}
	j := NewJob(as[0].Verb, as[0].Group, orgs, func(ctx context.Context, o client.Organization) error { return do[o.ID](ctx, o) })
	j.calls = calls
	return j
}
