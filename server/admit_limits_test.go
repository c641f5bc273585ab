package server

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
)

// loiterFrom is loiter from a source address of the loopback network.
func loiterFrom(t *testing.T, addr, from string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Write([]byte("SSH-2.0-loiterer\r\n")); err != nil {
		t.Fatal(err)
	}
	return c
}

// Ten connections that never log in, from four neighbouring addresses,
// leave a person room to log in with the default limits. Before, the
// tenth filled MaxStartups and every real login was refused.
func TestLoiterersCannotLockOutALogin(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1, Members: 1})
	for i := range 10 {
		c := loiterFrom(t, r.addr, []string{"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}[i%4])
		if v := firstLine(t, c); !strings.HasPrefix(v, "SSH-2.0-") {
			t.Fatalf("loiterer %d got %q", i, v)
		}
	}
	tm := r.connect(t, "ada", r.operator, 100, 30)
	tm.wait("1 organization")
}

// Connections not yet logged in are limited per address and per network
// (the /24 of an IPv4 address): neighbours count together.
func TestPendingLimitsPerAddressAndNetwork(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1, Members: 1}, func(c *Config) { c.PerAddressStartups, c.PerPrefixStartups = 2, 3 })
	for _, c := range []struct{ from, want string }{
		{"127.0.0.2", "SSH-2.0-"},
		{"127.0.0.2", "SSH-2.0-"},
		{"127.0.0.2", "orgdash: too many connections from your address are logging in; try again shortly"},
		{"127.0.0.3", "SSH-2.0-"},
		{"127.0.0.4", "orgdash: too many connections from your network are logging in; try again shortly"},
	} {
		if got := firstLine(t, loiterFrom(t, r.addr, c.from)); !strings.HasPrefix(got, c.want) {
			t.Fatalf("from %s: %q, want %q", c.from, got, c.want)
		}
	}
	if got := firstLine(t, loiterFrom(t, r.addr, "127.0.1.2")); !strings.HasPrefix(got, "SSH-2.0-") { // another network
		t.Fatalf("from another network: %q", got)
	}
}

// Past START connections not yet logged in, new ones are dropped at
// random, more often as they near FULL, and all of them at FULL: some get
// in, some do not, and never more than FULL wait at once.
func TestRandomEarlyDrop(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1, Members: 1}, func(c *Config) { c.MaxStartups = Startups{Start: 2, Rate: 30, Full: 10} })
	admitted, dropped := 0, 0
	for i := range 40 {
		switch got := firstLine(t, loiterFrom(t, r.addr, "127.0.2."+string(rune('1'+i%9)))); {
		case strings.HasPrefix(got, "SSH-2.0-"):
			admitted++
		case got == "orgdash: too many connections are logging in; try again shortly":
			dropped++
		default:
			t.Fatalf("connection %d: %q", i, got)
		}
	}
	if admitted < 3 || admitted > 10 || dropped == 0 {
		t.Fatalf("%d admitted and %d dropped of 40 with start:rate:full 2:30:10", admitted, dropped)
	}
	t.Logf("%d admitted, %d dropped of 40 (2:30:10)", admitted, dropped)
}

// With the default limits, 50 people behind one address log in at once
// while another network floods the server with connections that never log
// in: none of the 50 is refused. Before, 20 got in, then one per 3 s.
func TestFiftyBehindOneAddressLogInTogether(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1, Members: 1})
	held := 0
	for i := range 100 { // the flood: as many as its network may hold, the rest refused
		if strings.HasPrefix(firstLine(t, loiterFrom(t, r.addr, fmt.Sprintf("127.0.3.%d", 1+i))), "SSH-2.0-") {
			held++
		}
	}
	if held != DefaultPerPrefixStartups {
		t.Fatalf("one network holds %d connections not logged in, want %d", held, DefaultPerPrefixStartups)
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			cl, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "team", Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)},
				HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
			if err != nil {
				errs <- err
				return
			}
			cl.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a login of the 50 failed: %v", err)
	}
	t.Logf("50 logins from one address in %s", time.Since(start).Round(10*time.Millisecond))
}

func TestParseStartups(t *testing.T) {
	for in, want := range map[string]Startups{"10:30:100": {10, 30, 100}, "10": {10, 100, 10}, " 5:0:5 ": {5, 0, 5}} {
		if got, err := ParseStartups(in); err != nil || got != want {
			t.Errorf("%q: %+v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "a", "10:30", "30:10:20", "1:101:5", "0", "-1:1:1"} {
		if _, err := ParseStartups(in); err == nil {
			t.Errorf("%q was accepted", in)
		}
	}
	st := Startups{Start: 10, Rate: 30, Full: 100}
	for pending, want := range map[int]int{0: 0, 9: 0, 10: 30, 55: 65, 99: 99, 100: 100, 500: 100} {
		if got := st.dropPercent(pending); got != want {
			t.Errorf("%d pending: drop %d%%, want %d%%", pending, got, want)
		}
	}
}
