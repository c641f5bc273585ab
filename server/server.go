// Package server serves the dashboard over SSH with Wish: public keys only,
// each key a viewer or an operator, every session its own program, context,
// keys and styles over one shared tenant client and budget.
package server

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/recover"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui"
	"github.com/orgdash/orgdash/ui/common"
	gossh "golang.org/x/crypto/ssh"
)

// Config is how to serve.
type Config struct {
	Listen         string // host:port
	HostKeyPath    string // an ed25519 key is generated here when absent
	AuthorizedKeys string // viewers' keys (OpenSSH format)
	OperatorKeys   string // operators' keys
	Client         client.Client
	Audit          *audit.Log
	Logger         *log.Logger // the server's log: stderr or a file, never a session
	Profile        string
	Protected      bool                  // the profile asks for typed names before removals and toggles
	Keys           func() *keymap.KeyMap // each session's key map; keymap.Default when nil
	// Access gives keys roles on other profiles, which Open opens (on first
	// use; then shared by every session on it).
	Access []Access
	Open   func(profile string) (Tenant, error)
	// Setup, when set, completes each session's dependencies before its
	// program starts (the activity's sources, the tenant's live events).
	Setup func(c *common.Common)

	IdleTimeout time.Duration // no input for this long ends a session (default 30m)
	MaxSession  time.Duration // a session's longest life (default 12h)
	MaxSessions int           // concurrent sessions (default 100)
	Grace       time.Duration // on shutdown, how long changes in flight may finish (default 10s)

	LoginGrace time.Duration // a connection must log in within it (default 20s, as OpenSSH's LoginGraceTime)
	// MaxStartups limits the connections not yet logged in, with OpenSSH's
	// random early drop (default DefaultStartups: 128:30:384).
	MaxStartups        Startups
	PerAddressStartups int           // not yet logged in from one address (default 64)
	PerPrefixStartups  int           // not yet logged in from one /24 or /64 (default 64)
	PerAddressRate     time.Duration // one new connection per address this often, after a burst (default 100ms)
	PerAddressBurst    int           // (default 64: a team behind one address at the start of an incident)
	PerPrefixRate      time.Duration // one new connection per /24 or /64 this often, after a burst (default 50ms)
	PerPrefixBurst     int           // (default 128)
	WriteTimeout       time.Duration // a client that reads nothing for this long is cut off (default 30s)
}

// Server is the SSH server.
type Server struct {
	cfg   Config
	ssh   *ssh.Server
	keyMu sync.RWMutex
	keys  keyring // replaced whole by Reload

	mu       sync.Mutex
	sessions map[*session]bool
	closing  atomic.Bool
	changes  *common.Changes // what one session changes, the others showing it reload
	nextID   atomic.Int64

	admission admission
	tenantMu  sync.Mutex
	tenants   map[string]Tenant // by profile
}

// sharedPagesFor is how long sessions opening together share a page.
const sharedPagesFor = 5 * time.Second

// session is one connected person.
type session struct {
	program   *tea.Program
	common    *common.Common
	key       string // the SHA256 fingerprint it logged in with
	ctx       ssh.Context
	mu        sync.Mutex
	profile   string // the profile it shows, and its role there
	role      Role
	roles     map[string]Role // every grant it holds, derived from the keys on login, switch and reload
	lastInput atomic.Int64    // unix nanoseconds of the last key or mouse input
}

// idledKey marks, on the session's context, a session ended for want of input.
type idledKey struct{}

// filter notes input (for the idle timeout) and, as Wish's own filter
// does, resumes instead of suspending: ctrl+z cannot suspend a remote shell.
func (se *session) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		se.lastInput.Store(time.Now().UnixNano())
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.WindowSizeMsg: // a window-change the client sends is clamped as its first size was
		return tea.WindowSizeMsg{Width: min(msg.Width, maxWidth), Height: min(msg.Height, maxHeight)}
	}
	return msg
}

// idle ends a session that has had no input for IdleTimeout.
func (s *Server) idle(sess ssh.Session, se *session) {
	every := min(s.cfg.IdleTimeout/10, time.Minute)
	t := time.NewTicker(max(every, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-sess.Context().Done():
			return
		case <-t.C:
			if time.Since(time.Unix(0, se.lastInput.Load())) >= s.cfg.IdleTimeout {
				sess.Context().SetValue(idledKey{}, true)
				se.program.Quit()
				return
			}
		}
	}
}

// New checks the configuration and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.Client == nil {
		return nil, errors.New("server: no tenant client")
	}
	if cfg.Logger == nil {
		cfg.Logger = log.Default()
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxSession <= 0 {
		cfg.MaxSession = 12 * time.Hour
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 100
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 10 * time.Second
	}
	if cfg.Keys == nil {
		cfg.Keys = keymap.Default
	}
	cfg.LoginGrace = cmp.Or(cfg.LoginGrace, 20*time.Second)
	cfg.MaxStartups = cmp.Or(cfg.MaxStartups, DefaultStartups())
	cfg.PerAddressStartups = cmp.Or(cfg.PerAddressStartups, DefaultPerAddressStartups)
	cfg.PerPrefixStartups = cmp.Or(cfg.PerPrefixStartups, DefaultPerPrefixStartups)
	cfg.PerAddressRate, cfg.PerAddressBurst = cmp.Or(cfg.PerAddressRate, DefaultPerAddressRate), cmp.Or(cfg.PerAddressBurst, DefaultPerAddressBurst)
	cfg.PerPrefixRate, cfg.PerPrefixBurst = cmp.Or(cfg.PerPrefixRate, DefaultPerPrefixRate), cmp.Or(cfg.PerPrefixBurst, DefaultPerPrefixBurst)
	cfg.WriteTimeout = cmp.Or(cfg.WriteTimeout, 30*time.Second)
	cfg.Client = client.SharePages(cfg.Client, sharedPagesFor) // sessions opening together share the list
	keys, notes, err := loadKeys(cfg.AuthorizedKeys, cfg.OperatorKeys, cfg.Profile, cfg.Access, false)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		cfg.Logger.Warn("keys: " + n)
	}
	if err := checkHostKey(cfg.HostKeyPath); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, keys: keys, sessions: map[*session]bool{}, changes: common.NewChanges(),
		tenants: map[string]Tenant{cfg.Profile: {Client: cfg.Client, Protected: cfg.Protected}}}
	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.authorize),
		// the idle timeout is kept per session (see idle): charm.land/ssh's own
		// races with its handshake deadline (v0.4.2, seen by the race detector)
		wish.WithMaxTimeout(cfg.MaxSession),
		wish.WithMiddleware(
			recover.MiddlewareWithLogger(cfg.Logger, bm.MiddlewareWithProgramHandler(s.program)),
			s.requirePTY,
			s.farewell,
			s.limit,
			s.logSessions,
		),
	)
	if err != nil {
		return nil, err
	}
	// the handshake deadline is safe to use where the idle timeout is not:
	// with no idle timeout, charm.land/ssh never updates it from another goroutine
	s.ssh.HandshakeTimeout = cfg.LoginGrace
	s.ssh.ConnCallback = s.admit
	return s, nil
}

// authorize lets in the keys of the two files, and no one else.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := gossh.FingerprintSHA256(key)
	s.keyMu.RLock()
	m, ok := s.keys[fp]
	s.keyMu.RUnlock()
	if !ok || len(m.roles) == 0 {
		s.cfg.Logger.Warn("refused key", "login", ctx.User(), "key", fp, "remote", ctx.RemoteAddr().String())
		return false
	}
	ctx.SetValue(memberKey{}, m)
	loggedIn(ctx)
	return true
}

type memberKey struct{}

// memberOf is the holder of the session's key: its roles and comment.
func memberOf(sess ssh.Session) member {
	m, _ := sess.Context().Value(memberKey{}).(member)
	return m
}

// roleOf is the session's role on the profile it starts on.
func (s *Server) roleOf(sess ssh.Session) Role {
	_, r := memberOf(sess).start(s.cfg.Profile)
	return r
}

// program builds a session's own dashboard: its own context (ended by a
// disconnect), keys and styles, over the shared client made read-only for
// viewers and audited with the session's identity.
func (s *Server) program(sess ssh.Session) *tea.Program {
	m := memberOf(sess)
	profile, role := m.start(s.cfg.Profile)
	if role == 0 {
		return nil // not authorized: never gets a session
	}
	// the key names the person (its comment, else its fingerprint): never
	// the login name, which the client chooses (ssh -l anything)
	fp := gossh.FingerprintSHA256(sess.PublicKey())
	who := audit.Who{User: cmp.Or(m.comment, fp), Comment: m.comment, Key: fp, Remote: sess.RemoteAddr().String()}
	activity := &audit.Activity{}
	se := &session{key: fp, ctx: sess.Context(), roles: maps.Clone(m.roles)}
	ten, err := s.tenancy(se, who, activity, profile)
	if err != nil {
		wish.Println(sess, "orgdash: "+err.Error())
		return nil
	}
	stop := make(chan struct{})
	var once sync.Once
	c := &common.Common{Ctx: pace.WithStop(sess.Context(), stop), Client: ten.Client, Keys: s.cfg.Keys(), Profile: ten.Profile,
		Protected: ten.Protected, Styles: theme.New(true, ui.NoColor(sess.Environ())), Activity: activity,
		StopSending: func() { once.Do(func() { close(stop) }) }, Changes: s.changes, Session: int(s.nextID.Add(1))}
	if s.cfg.Setup != nil {
		s.cfg.Setup(c)
	}
	if names := m.profiles(); len(names) > 1 { // T switches among the profiles this key may open
		c.Profiles = func() []string { // as they are now: a reload may have taken one away
			se.mu.Lock()
			defer se.mu.Unlock()
			return member{roles: se.roles}.profiles()
		}
		// every switch derives the grant again from the keys as they are now
		c.Switch = func(name string) (common.Tenancy, error) { return s.tenancy(se, who, activity, name) }
	}
	se.common = c
	se.lastInput.Store(time.Now().UnixNano())
	w, h := clampSize(sess)
	opts := append(bm.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithFilter(se.filter),
		tea.WithOutput(s.deadlined(sess)), tea.WithWindowSize(w, h))
	p := tea.NewProgram(ui.New(c), opts...)
	se.program = p
	go s.idle(sess, se)
	s.mu.Lock()
	s.sessions[se] = true
	s.mu.Unlock()
	// a reload between its login and now has not seen this session: it checks itself
	s.keyMu.RLock()
	now, ok := s.keys[se.key]
	s.keyMu.RUnlock()
	se.mu.Lock()
	why, _ := lost(se.roles, now, ok) // on login, any loss ends it: it has shown nothing yet
	se.mu.Unlock()
	if why != "" {
		sess.Context().SetValue(revokedKey{}, why)
		go p.Quit()
	}
	go func() {
		<-sess.Context().Done()
		s.mu.Lock()
		delete(s.sessions, se)
		s.mu.Unlock()
	}()
	return p
}

// Serve accepts sessions on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	fp, err := hostKeyFingerprint(s.cfg.HostKeyPath)
	if err != nil {
		return err
	}
	tenant := "demo (simulated)"
	if t := s.cfg.Client.Tenant(); !t.Demo {
		tenant = t.Domain
	}
	// what ssh shows people on first connect, and what they will reach
	s.cfg.Logger.Info("serving", "addr", l.Addr().String(), "host_key", fp, "profile", s.cfg.Profile, "tenant", tenant,
		"protected", s.cfg.Protected)
	return s.Serve(l)
}

// Sessions is how many sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown stops every session sending anything new and tells it, lets
// the changes in flight finish and their outcomes be written (up to the
// grace period or ctx), ends the sessions and closes the server.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closing.Store(true)
	s.mu.Lock()
	open := make([]*session, 0, len(s.sessions))
	for se := range s.sessions {
		open = append(open, se)
	}
	s.mu.Unlock()
	for _, se := range open {
		se.common.StopSending() // nothing new goes out; what is out finishes and is recorded
		// never waits on a session: one whose client reads nothing holds its program
		go se.program.Send(common.StatusMsg{Level: common.Warning, Text: "the server is shutting down: this session ends once changes in flight finish"})
	}
	deadline := time.Now().Add(s.cfg.Grace)
	pause := func(d time.Duration) {
		select {
		case <-time.After(d):
		case <-ctx.Done():
		}
	}
	pause(min(time.Second, s.cfg.Grace)) // time to read the notice
	for pending(open) > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		pause(50 * time.Millisecond) // changes in flight finish, up to the grace period
	}
	for _, se := range open {
		go se.program.Quit()
	}
	s.cfg.Logger.Info("shutting down", "sessions", len(open))
	// connections whose sessions ended get a moment to close, within the
	// grace period; then every one is cut, whether its client reads or not
	shut, cancel := context.WithTimeout(ctx, min(2*time.Second, max(time.Until(deadline), 100*time.Millisecond)))
	defer cancel()
	err := s.ssh.Shutdown(shut)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = s.ssh.Close()
	}
	return err
}

func pending(open []*session) int {
	n := 0
	for _, se := range open {
		n += se.common.Pending()
	}
	return n
}
