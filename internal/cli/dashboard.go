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
	cfg, t := st.cfg, st.tenant
	activity := &audit.Activity{}
	who := audit.Who{User: localUser(), Profile: t.name}
	wrap := func(cl client.Client) client.Client { return audit.ClientWithActivity(cl, st.audit, who, activity) }
	stop := make(chan struct{})
	var once sync.Once
	c := &common.Common{Ctx: client.WithStop(ctx, stop), Client: wrap(t.client), Keys: st.keys, Styles: styles(cfg), Profile: t.name,
		Protected: t.level == config.Protected, Activity: activity, Profiles: cfg.Names(), ProfileLabels: labels(cfg), Switch: app.Tenancy(cfg, wrap),
		StopSending: func() { once.Do(func() { close(stop) }) }, Refresh: cmp.Or(g.refresh, cfg.Refresh)}
	if path, err := g.auditPath(""); err == nil {
		c.Changes = common.NewChanges() // the Events API's news reaches the screens through it
		newHistories(ctx, path, c.Changes, io.Discard).setup(c)
	}
	p := tea.NewProgram(ui.New(c), tea.WithContext(ctx), tea.WithoutSignalHandler())
	st.sinkFailed.set(func(err error) {
		p.Send(common.StatusMsg{Level: common.Warning, Text: "the audit's syslog copy failed (the audit file has the entry): " + err.Error()})
	})
	signalled := make(chan string, 1)
	go relaySignals(ctx, p, signalled)
	_, err = p.Run()
	cancel() // what is still out ends now; its outcome is written as it returns
	for deadline := time.Now().Add(3 * time.Second); c.Pending() > 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	var why string
	select {
	case why = <-signalled:
	default:
	}
	if sumErr := summarize(os.Stderr, why, activity.Entries(), c.Pending()); sumErr != nil {
		return sumErr
	}
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// relaySignals turns SIGINT, SIGTERM and SIGHUP into a stop; a second
// signal ends the program at once.
func relaySignals(ctx context.Context, p *tea.Program, signalled chan<- string) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	select {
	case s := <-sigs:
		signalled <- s.String()
		p.Send(ui.StopMsg{Why: s.String()})
	case <-ctx.Done():
		return
	}
	select {
	case <-sigs:
		p.Kill()
	case <-ctx.Done():
	}
}

// summarize says on w how a signalled session's changes ended; it is an
// error when anything is unresolved (unverified, cancelled, or still out).
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
	fmt.Fprintf(w, "orgdash: stopped by %s: %s: %d ok, %d partial, %d failed, %d unverified, %d cancelled, %d without an answer\n",
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
