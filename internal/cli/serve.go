package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/internal/app"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/server"
	"github.com/spf13/cobra"
)

// serveFlags are the flags of `orgdash serve`.
type serveFlags struct {
	listen, hostKey, viewers, operators, auditLog, logFile, maxStartups    string
	idle, maxSession, loginGrace, writeTimeout                             time.Duration
	maxSessions                                                            int
	perAddressStartups, perPrefixStartups, perAddressBurst, perPrefixBurst int
	perAddressRate, perPrefixRate                                          time.Duration
	check                                                                  bool
}

func serveCmd(g *globals) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard over SSH (for on-call engineers on a bastion)",
		Long: `serve runs an SSH server whose sessions are the dashboard. Only public keys get
in: keys in --authorized-keys are viewers (read-only, enforced below the UI),
keys in --operator-keys may change the tenant. Every session has its own
screen; all share one client of the tenant and so one rate-limit budget.
The tenant comes from AUTH0_* variables, or is the demo tenant without them.`,
		Example: `  orgdash serve --authorized-keys viewers.pub --operator-keys operators.pub
  ssh -p 2222 -t you@bastion`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, g, f) },
	}
	f.register(cmd)
	return cmd
}

// register defines serve's flags on cmd, their defaults in f.
func (f *serveFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:2222", "`HOST:PORT` to listen on")
	fl.StringVar(&f.hostKey, "host-key", "orgdash_host_ed25519", "host key `PATH` (an ed25519 key is generated there, mode 0600, when absent)")
	fl.StringVar(&f.viewers, "authorized-keys", "", "`FILE` of viewers' public keys (OpenSSH authorized_keys format)")
	fl.StringVar(&f.operators, "operator-keys", "", "`FILE` of operators' public keys: they may change the tenant")
	fl.StringVar(&f.auditLog, "audit-log", "", "audit log `FILE` (default $ORGDASH_AUDIT_LOG or $XDG_STATE_HOME/orgdash/audit.jsonl; the demo tenant's is demo-FILE beside it)")
	fl.StringVar(&f.logFile, "log-file", "", "server log `FILE` (default stderr)")
	fl.DurationVar(&f.idle, "idle-timeout", 30*time.Minute, "end a session after this long without input")
	fl.DurationVar(&f.maxSession, "max-session", 12*time.Hour, "end a session after this long in any case")
	fl.IntVar(&f.maxSessions, "max-sessions", 100, "concurrent sessions at most")
	fl.DurationVar(&f.loginGrace, "login-grace", 20*time.Second, "close a connection that has not logged in within this long (OpenSSH's LoginGraceTime)")
	fl.StringVar(&f.maxStartups, "max-startups", server.DefaultStartups().String(), "`START:RATE:FULL` connections not yet logged in: from START, RATE% of new ones are dropped at random, rising to all at FULL (OpenSSH's MaxStartups)")
	fl.IntVar(&f.perAddressStartups, "per-address-startups", server.DefaultPerAddressStartups, "connections not yet logged in from one address at most")
	fl.IntVar(&f.perPrefixStartups, "per-prefix-startups", server.DefaultPerPrefixStartups, "connections not yet logged in from one network (/24 IPv4, /64 IPv6) at most")
	fl.IntVar(&f.perAddressBurst, "per-address-burst", server.DefaultPerAddressBurst, "new connections one address may open at once, before --per-address-rate applies")
	fl.DurationVar(&f.perAddressRate, "per-address-rate", server.DefaultPerAddressRate, "after the burst, one new connection per address this often")
	fl.IntVar(&f.perPrefixBurst, "per-prefix-burst", server.DefaultPerPrefixBurst, "new connections one network (/24, /64) may open at once, before --per-prefix-rate applies")
	fl.DurationVar(&f.perPrefixRate, "per-prefix-rate", server.DefaultPerPrefixRate, "after the burst, one new connection per network this often")
	fl.DurationVar(&f.writeTimeout, "write-timeout", 30*time.Second, "cut off a client that reads nothing for this long")
	fl.BoolVar(&f.check, "check", false, "check the config, the keys and the host key, say what was found, and exit")
}

// fromConfig takes the config file's settings for the flags not given.
func (f *serveFlags) fromConfig(cmd *cobra.Command, s config.Serve) {
	set := func(flag string, dst *string, v string) {
		if !cmd.Flags().Changed(flag) && v != "" {
			*dst = v
		}
	}
	set("listen", &f.listen, s.Listen)
	set("host-key", &f.hostKey, s.HostKey)
	set("authorized-keys", &f.viewers, s.AuthorizedKeys)
	set("operator-keys", &f.operators, s.OperatorKeys)
	set("audit-log", &f.auditLog, s.AuditLog)
	set("log-file", &f.logFile, s.LogFile)
	set("max-startups", &f.maxStartups, s.MaxStartups)
	for _, d := range []struct {
		flag string
		dst  *time.Duration
		v    time.Duration
	}{{"idle-timeout", &f.idle, s.IdleTimeout}, {"max-session", &f.maxSession, s.MaxSession}, {"login-grace", &f.loginGrace, s.LoginGrace},
		{"write-timeout", &f.writeTimeout, s.WriteTimeout}, {"per-address-rate", &f.perAddressRate, s.PerAddressRate},
		{"per-prefix-rate", &f.perPrefixRate, s.PerPrefixRate}} {
		if !cmd.Flags().Changed(d.flag) && d.v > 0 {
			*d.dst = d.v
		}
	}
	for _, n := range []struct {
		flag string
		dst  *int
		v    int
	}{{"max-sessions", &f.maxSessions, s.MaxSessions}, {"per-address-startups", &f.perAddressStartups, s.PerAddressStartups},
		{"per-prefix-startups", &f.perPrefixStartups, s.PerPrefixStartups}, {"per-address-burst", &f.perAddressBurst, s.PerAddressBurst},
		{"per-prefix-burst", &f.perPrefixBurst, s.PerPrefixBurst}} {
		if !cmd.Flags().Changed(n.flag) && n.v > 0 {
			*n.dst = n.v
		}
	}
}

func runServe(cmd *cobra.Command, g *globals, f serveFlags) error {
	ctx := cmd.Context()
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	f.fromConfig(cmd, cfg.Serve)
	access := serveAccess(cfg.Serve.Access)
	startups, err := server.ParseStartups(f.maxStartups)
	if err != nil {
		return usageError{err}
	}
	if f.viewers == "" && f.operators == "" && len(access) == 0 {
		return usagef("give --authorized-keys (viewers) and/or --operator-keys (operators), or serve.access in the config: without keys nobody could connect")
	}
	if f.check {
		if _, err := app.Keys(cfg); err != nil {
			return err
		}
		if err := cfg.MustChoose(g.profile, os.Getenv); err != nil {
			return usageError{err}
		}
		if err := checkCredentials(cfg, g.profile, access); err != nil {
			return usageError{err}
		}
		found, err := server.Check(f.viewers, f.operators, f.hostKey, access)
		if err != nil {
			return usageError{err}
		}
		fmt.Fprintln(cmd.OutOrStdout(), "orgdash serve --check: "+found)
		return nil
	}
	logOut := os.Stderr
	if f.logFile != "" {
		lf, err := os.OpenFile(f.logFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("server log: %w", err)
		}
		defer lf.Close()
		logOut = lf
	}
	logger := log.NewWithOptions(logOut, log.Options{ReportTimestamp: true, Prefix: "orgdash serve"})
	st, err := g.prepare(ctx, f.auditLog)
	if err != nil {
		return err
	}
	defer st.close()
	t, km := st.tenant, st.keys
	live, endLive := context.WithCancel(ctx) // the tenants' event subscriptions end with the server
	defer endLive()
	st.sinkFailed.set(func(err error) { logger.Error("audit syslog copy failed; the audit file has the entry", "err", err) })
	srv, err := server.New(server.Config{Listen: f.listen, HostKeyPath: f.hostKey, AuthorizedKeys: f.viewers,
		OperatorKeys: f.operators, Client: t.client, Audit: st.audit, Logger: logger, IdleTimeout: f.idle,
		MaxSession: f.maxSession, MaxSessions: f.maxSessions, Profile: t.name,
		LoginGrace: f.loginGrace, MaxStartups: startups, WriteTimeout: f.writeTimeout,
		PerAddressStartups: f.perAddressStartups, PerPrefixStartups: f.perPrefixStartups,
		PerAddressBurst: f.perAddressBurst, PerAddressRate: f.perAddressRate, PerPrefixBurst: f.perPrefixBurst, PerPrefixRate: f.perPrefixRate,
		Access: access, Open: func(profile string) (server.Tenant, error) {
			o, err := openTenant(cfg, profile)
			return server.Tenant{Client: o.client, Protected: o.level == config.Protected}, err
		},
		Protected: t.level == config.Protected, Keys: func() *keymap.KeyMap { k := *km; return &k }, Setup: newHistories(live, st.auditPath, nil, io.Discard).setup})
	if err != nil {
		return err
	}
	sig, cancel := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer cancel()
	done := make(chan error, 1)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP) // reread the keys; sessions go on (set before serving: a HUP must never end it)
	defer signal.Stop(hup)
	logger.Info("audit", "file", st.auditPath) // where the record of this server's changes goes
	go func() { done <- srv.ListenAndServe() }()
	for running := true; running; {
		select {
		case err := <-done:
			return err
		case <-hup: // the keys and the config's grants, read again
			again, err := g.loadConfig()
			if err == nil {
				err = srv.Reload(serveAccess(again.Serve.Access))
			}
			if err != nil { // loudly: whoever sent the HUP may believe a key is revoked
				logger.Error("RELOAD REFUSED: the keys from before still log in, revoked ones too; fix the file and send SIGHUP again", "err", err)
			}
		case <-sig.Done():
			running = false
		}
	}
	shut, cancelShut := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancelShut()
	return srv.Shutdown(shut)
}

// serveAccess is the config's grants for the server.
func serveAccess(in []config.ServeAccess) []server.Access {
	out := make([]server.Access, 0, len(in))
	for _, a := range in {
		role := server.Viewer
		if a.Role == "operator" {
			role = server.Operator
		}
		out = append(out, server.Access{Keys: a.Keys, Profiles: a.Profiles, Role: role})
	}
	return out
}

// checkCredentials resolves the credentials of every profile the server
// may open (its own and those serve.access gives) as a session would, so
// that a secret whose variable or command yields nothing fails the check,
// not the first person to log in. No secret is printed.
func checkCredentials(cfg *config.Config, profile string, access []server.Access) error {
	names := []string{profile}
	for _, a := range access {
		names = append(names, a.Profiles...)
	}
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		ch, err := cfg.Choose(name, os.Getenv)
		if errors.Is(err, client.ErrNoCredentials) {
			continue // the demo tenant needs none
		}
		if err != nil {
			return err // it names the profile
		}
		if err := ch.Cfg.Validate(); err != nil {
			return fmt.Errorf("profile %s: %w", ch.Name, err)
		}
	}
	return nil
}
