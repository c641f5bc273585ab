package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	gossh "golang.org/x/crypto/ssh"
)

// A real process and a client that stops reading its SSH channel (its
// window full, its TCP connection healthy): the session is cut off after
// the write timeout (the server's log says after how long its write
// waited) and its slot (the only one) is free again; serve still ends on
// SIGTERM after it. Before, the session held the slot for ever.
// (TestServeEndsOnSIGTERMWithAClientReadingNothing has SIGTERM come while
// such a client is there.) In parallel with the package's other process
// tests: nothing here is decided by the wall clock but the loose bounds
// (the log says when the server cut it off, bytes say the window is full).
func TestServeCutsOffAClientThatStopsReading(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	t.Parallel()
	signer, s := stalledServe(t)
	first := s.connect(t, signer, 500, 200)
	first.waitFor(t, "organizations")
	blocked := first.fill(t, func() bool { return s.logged("session cut off: its client read nothing") > 0 })
	took := time.Since(blocked)
	t.Logf("cut off %s after the server's last byte (write timeout 2s)", took.Round(10*time.Millisecond))
	if s.logged("for=2s") == 0 {
		t.Fatal("the cut-off was not after the write timeout of 2s (see the log)")
	}
	// only a sanity bound, far from 2s (the default write timeout is 30s):
	// the log line above is what says when the server cut it off
	if limit := patience * 20 * time.Second; took > limit {
		t.Fatalf("cut off %s after the server's last byte, more than %s, with a write timeout of 2s", took, limit)
	}
	for deadline := time.Now().Add(patience * 10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		second := s.connect(t, signer, 500, 200)
		if second.waitFor(t, "organizations", "the server is full") == "organizations" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the only slot is still taken %s after the stalled session was cut off", patience*10*time.Second)
		}
	}
	s.sigterm(t, "after a client was cut off")
}

// A real process and a client that stops reading its SSH channel when
// SIGTERM comes: serve ends within its grace period (10s). Before, SIGTERM
// did not end serve. In parallel, as above.
func TestServeEndsOnSIGTERMWithAClientReadingNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	t.Parallel()
	signer, s := stalledServe(t)
	sc := s.connect(t, signer, 500, 200)
	sc.waitFor(t, "organizations")
	sc.fill(t, sc.windowFull())
	t.Logf("%d bytes received and not read when SIGTERM came", sc.wire.Load()-sc.read.Load())
	s.sigterm(t, "with a client reading nothing")
}

// stalledServe runs `orgdash serve` with a write timeout of 2s and one
// session at most, on a longNamedTenant, for an operator key it returns.
func stalledServe(t *testing.T) (gossh.Signer, *served) {
	t.Helper()
	dir := t.TempDir()
	signer, _ := gossh.NewSignerFromKey(mustKey(t))
	keys := filepath.Join(dir, "operators.pub")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	tn := longNamedTenant(t)
	env := []string{"AUTH0_DOMAIN=" + tn.URL, "AUTH0_CLIENT_ID=" + tn.ClientID(), "AUTH0_CLIENT_SECRET=" + tn.ClientSecret()}
	return signer, startServe(t, dir, env, "--operator-keys", keys, "--write-timeout", "2s", "--max-sessions", "1")
}

// sigterm sends serve SIGTERM and waits for it to end within its grace
// period (10s).
func (s *served) sigterm(t *testing.T, with string) {
	t.Helper()
	term := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		t.Logf("serve ended %s after SIGTERM %s (%v)", time.Since(term).Round(10*time.Millisecond), with, err)
	case <-time.After(12 * time.Second):
		t.Fatalf("serve still runs 12s after SIGTERM (grace 10s) %s", with)
	}
}

// fill stops reading and sends keys that redraw much of the screen (the
// full help: about 30 kB on a longNamedTenant), filling the channel's 2 MB
// window, until done (at most a minute). It returns when the connection
// last received a byte: when the server's write began to wait.
func (sc *sshScreen) fill(t *testing.T, done func() bool) time.Time {
	t.Helper()
	close(sc.stop)
	last, lastAt := sc.wire.Load(), time.Now()
	for start := time.Now(); !done(); {
		if time.Since(start) > time.Minute {
			t.Fatal("still not done after a minute of redraws")
		}
		_, _ = io.WriteString(sc.in, "?")
		sc.waitDrawn(last) // the next key once this one is drawn (two in one frame draw nothing)
		if n := sc.wire.Load(); n != last {
			last, lastAt = n, time.Now()
		}
	}
	return lastAt
}

// windowFull is a condition for fill: the client holds, received and not
// read, all but 3 packets of its channel's window (golang.org/x/crypto/ssh
// gives back at most that much of what was read without a window
// adjustment, so a full window always gets there: the server has at most
// about 3 redraws' worth left), and nothing more came for a second while
// keys that redraw were sent. The byte count, not the silence, is what a
// slow machine cannot fake: silence alone may be a starved server.
func (sc *sshScreen) windowFull() func() bool {
	const window, packet = 64 * 32 << 10, 32 << 10 // x/crypto/ssh's channelWindowSize and channelMaxPacket
	quiet := sc.quietFor(time.Second)
	return func() bool { return quiet() && sc.wire.Load()-sc.read.Load() >= window-3*packet }
}

// quietFor is a condition: nothing received for d while keys that redraw
// were sent.
func (sc *sshScreen) quietFor(d time.Duration) func() bool {
	last, lastAt := sc.wire.Load(), time.Now()
	return func() bool {
		if n := sc.wire.Load(); n != last {
			last, lastAt = n, time.Now()
		}
		return time.Since(lastAt) >= d
	}
}

// longNamedTenant is a tenant of 1,000 organizations whose first 200 (a
// 500×200 screen of them) have display names of Auth0's longest, 255
// characters: each redraw of the list carries about 30 kB instead of 9 kB,
// so filling a 2 MB window takes a quarter of the redraws.
func longNamedTenant(t *testing.T) *simtest.Tenant {
	t.Helper()
	tn := simtest.Start(t, sim.Options{Orgs: 1000, Members: 1})
	admin := tn.Management(t)
	ctx := context.Background()
	for page := range 2 {
		l, err := admin.Organization.List(ctx, management.PerPage(100), management.Page(page))
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range l.Organizations {
			name := strings.Repeat(string(rune('a'+i%26)), 255)
			if err := admin.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: &name}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tn
}

// waitDrawn waits until the connection has received more than seen bytes (the
// last key was drawn), or 200ms. It only paces the keys fill sends: when
// 200ms is too short (a slow machine, or the window full) the next key
// merely comes sooner, and at worst two keys draw one frame. Whether the
// window is full is never decided from it (see windowFull), nor when the
// server's write began to wait (fill's last byte).
func (sc *sshScreen) waitDrawn(seen int64) {
	for deadline := time.Now().Add(200 * time.Millisecond); sc.wire.Load() == seen && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}
