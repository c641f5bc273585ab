package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/server"
	"github.com/spf13/cobra"
)

// serveFlags are the flags of `orgdash serve`.
type serveFlags struct {
	listen, hostKey, viewers, operators, auditLog, logFile string
	idle, maxSession, loginGrace, writeTimeout             time.Duration
	maxSessions, maxStartups                               int
	check                                                  bool
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
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:2222", "`HOST:PORT` to listen on")
	fl.StringVar(&f.hostKey, "host-key", "orgdash_host_ed25519", "host key `PATH` (an ed25519 key is generated there, mode 0600, when absent)")
	fl.StringVar(&f.viewers, "authorized-keys", "", "`FILE` of viewers' public keys (OpenSSH authorized_keys format)")
	fl.StringVar(&f.operators, "operator-keys", "", "`FILE` of operators' public keys: they may change the tenant")
	fl.StringVar(&f.auditLog, "audit-log", "", "audit log `FILE` (default $ORGDASH_AUDIT_LOG or $XDG_STATE_HOME/orgdash/audit.jsonl)")
	fl.StringVar(&f.logFile, "log-file", "", "server log `FILE` (default stderr)")
	fl.DurationVar(&f.idle, "idle-timeout", 30*time.Minute, "end a session after this long without input")
	fl.DurationVar(&f.maxSession, "max-session", 12*time.Hour, "end a session after this long in any case")
	fl.IntVar(&f.maxSessions, "max-sessions", 100, "concurrent sessions at most")
	fl.DurationVar(&f.loginGrace, "login-grace", 20*time.Second, "close a connection that has not logged in within this long (OpenSSH's LoginGraceTime)")
	fl.IntVar(&f.maxStartups, "max-startups", 10, "connections not yet logged in at most; more are refused (OpenSSH's MaxStartups)")
	fl.DurationVar(&f.writeTimeout, "write-timeout", 30*time.Second, "cut off a client that reads nothing for this long")
	fl.BoolVar(&f.check, "check", false, "check the config, the keys and the host key, say what was found, and exit")
	return cmd
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
	if !cmd.Flags().Changed("idle-timeout") && s.IdleTimeout > 0 {
		f.idle = s.IdleTimeout
	}
	if !cmd.Flags().Changed("max-session") && s.MaxSession > 0 {
		f.maxSession = s.MaxSession
	}
	if !cmd.Flags().Changed("max-sessions") && s.MaxSessions > 0 {
		f.maxSessions = s.MaxSessions
	}
	if !cmd.Flags().Changed("login-grace") && s.LoginGrace > 0 {
		f.loginGrace = s.LoginGrace
	}
	if !cmd.Flags().Changed("max-startups") && s.MaxStartups > 0 {
		f.maxStartups = s.MaxStartups
	}
	if !cmd.Flags().Changed("write-timeout") && s.WriteTimeout > 0 {
		f.writeTimeout = s.WriteTimeout
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
	if f.viewers == "" && f.operators == "" && len(access) == 0 {
		return usagef("give --authorized-keys (viewers) and/or --operator-keys (operators), or serve.access in the config: without keys nobody could connect")
	}
	if f.check {
		if _, err := keys(cfg); err != nil {
			return err
		}
		if err := cfg.MustChoose(g.profile, os.Getenv); err != nil {
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
		LoginGrace: f.loginGrace, MaxStartups: f.maxStartups, WriteTimeout: f.writeTimeout,
		Access: access, Open: func(profile string) (server.Tenant, error) {
			o, err := openTenant(cfg, profile)
			return server.Tenant{Client: o.client, Protected: o.level == config.Protected}, err
		},
		Protected: t.level == config.Protected, Keys: func() *keymap.KeyMap { k := *km; return &k }, Setup: serveHistory(live, g, f.auditLog)})
	if err != nil {
		return err
	}
	sig, cancel := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer cancel()
	done := make(chan error, 1)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP) // reread the keys; sessions go on (set before serving: a HUP must never end it)
	defer signal.Stop(hup)
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
			if err != nil {
				logger.Error("reload failed: the keys are unchanged", "err", err)
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
