package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/internal/app"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// runDashboard starts the dashboard on the chosen profile, the
// environment's tenant, or the embedded demo tenant. SIGINT, SIGTERM and
// SIGHUP end it as quitting with changes in flight does: nothing new is
// sent, calls already sent get up to ui.StopWait to answer, every outcome
// is written, a summary goes to stderr, and the exit is non-zero when
// anything is left unresolved.
func runDashboard(ctx context.Context, g *globals) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g.ask = askProfile
	st, err := g.prepare(ctx)
	if err != nil {
		return err
	}
	defer st.close()
	stop := make(chan struct{})
	var once sync.Once
	c, activity := dashboardCommon(ctx, st, stop, func() { once.Do(func() { close(stop) }) })
	c.Refresh = cmp.Or(g.refresh, st.cfg.Refresh)
	p := tea.NewProgram(ui.New(c), tea.WithContext(ctx), tea.WithoutSignalHandler())
	st.sinkFailed.set(func(err error) {
		p.Send(common.StatusMsg{Level: common.Warning, Text: "the audit's syslog copy failed (the audit file has the entry): " + err.Error()})
	})
	signalled := make(chan stopSignal, 1)
	go relaySignals(ctx, p, signalled)
	_, err = p.Run()
	cancel() // what is still out ends now; its outcome is written as it returns
	for deadline := time.Now().Add(3 * time.Second); c.Pending() > 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	var sig stopSignal
	select {
	case sig = <-signalled:
	default:
	}
	if sumErr := summarize(os.Stderr, sig.name, endedSince(activity.Entries(), sig.at), c.Pending()); sumErr != nil {
		return sumErr
	}
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// dashboardCommon is what the dashboard's screens share: st's tenant,
// every change through it written to st's audit log, and the Activity tabs
// reading that same log (so a change made here shows as orgdash's) and
// the tenant's Events API; stop ends the sending of new calls.
func dashboardCommon(ctx context.Context, st setup, stop chan struct{}, stopSending func()) (*common.Common, *audit.Activity) {
	cfg, t := st.cfg, st.tenant
	activity := &audit.Activity{}
	who := audit.Who{User: localUser(), Profile: t.name}
	wrap := func(cl client.Client) client.Client { return audit.ClientWithActivity(cl, st.audit, who, activity) }
	c := &common.Common{Ctx: pace.WithStop(ctx, stop), Client: wrap(t.client), Keys: st.keys, Styles: styles(cfg), Profile: t.name,
		Protected: t.level == config.Protected, Activity: activity, Profiles: cfg.Names, ProfileLabels: labels(cfg), Switch: app.Tenancy(cfg, wrap),
		StopSending: stopSending}
	c.Changes = common.NewChanges() // the Events API's news reaches the screens through it
	newHistories(ctx, st.auditPath, c.Changes, io.Discard).setup(c)
	return c, activity
}

// stopSignal is the signal that stopped the session, by its name, and when.
type stopSignal struct {
	name string
	at   time.Time
}

// signalName is a signal as people write it: "SIGTERM", not "terminated".
func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
}

// endedSince are the entries of changes that ended at or after at: the
// ones in flight when the signal came (nothing new is sent after it).
func endedSince(es []audit.Entry, at time.Time) []audit.Entry {
	var out []audit.Entry
	for _, e := range es {
		if !e.Time.Before(at) {
			out = append(out, e)
		}
	}
	return out
}

// relaySignals turns SIGINT, SIGTERM and SIGHUP into a stop; a second
// signal ends the program at once.
func relaySignals(ctx context.Context, p *tea.Program, signalled chan<- stopSignal) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	select {
	case s := <-sigs:
		signalled <- stopSignal{name: signalName(s), at: time.Now()}
		p.Send(ui.StopMsg{Why: signalName(s)})
	case <-ctx.Done():
		return
	}
	select {
	case <-sigs:
		p.Kill()
	case <-ctx.Done():
	}
}

// summarize says on w how the changes in flight when a signal came ended
// (es: those that ended since; out: those still without an answer); it is
// an error when anything is unresolved (unverified, cancelled, or still out).
func summarize(w io.Writer, signal string, es []audit.Entry, out int) error {
	if signal == "" {
		return nil
	}
	n := map[string]int{}
	unresolved := out
	for _, e := range es {
		n[e.Outcome]++
		switch e.Outcome {
		case audit.Unverified, audit.Cancelled:
			unresolved++
		case audit.Partial:
			for _, r := range e.Results {
				if r == audit.Unverified || r == audit.Cancelled {
					unresolved++
					break
				}
			}
		}
	}
	fmt.Fprintf(w, "orgdash: stopped by %s: %s in flight: %d ok, %d partial, %d failed, %d unverified, %d cancelled, %d without an answer\n",
		signal, table.Plural(len(es)+out, "change"), n[audit.OK], n[audit.Partial], n[audit.Failed], n[audit.Unverified], n[audit.Cancelled], out)
	if unresolved > 0 {
		return fmt.Errorf("%s did not end as asked; see the audit log (orgdash audit)", table.Plural(unresolved, "change"))
	}
	return nil
}

// styles follow the config's theme; "auto" (the default) follows the terminal.
func styles(cfg *config.Config) *theme.Styles {
	switch cfg.Theme {
	case "dark", "light":
		s := theme.New(cfg.Theme == "dark", ui.NoColor(os.Environ()))
		s.Fixed = true
		return s
	}
	return ui.DefaultStyles()
}

// openAudit opens the audit log: the first path given, else the default.
func openAudit(paths ...string) (*audit.Log, error) {
	path := ""
	for _, p := range paths {
		if p != "" {
			path = p
			break
		}
	}
	if path == "" {
		p, err := audit.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	log, err := audit.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the audit log %s: %w (set ORGDASH_AUDIT_LOG to another file)", path, err)
	}
	return log, nil
}

// localUser names the person at this terminal for the audit log.
func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}
