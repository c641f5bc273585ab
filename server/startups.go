package server

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Startups is OpenSSH's MaxStartups start:rate:full for connections not
// yet logged in: below Start every one is let in; from Start, a new one is
// dropped at random with probability Rate percent, rising linearly to 100%
// at Full. A flood then raises everyone's odds of a retry, but cannot lock
// everyone out the way a hard limit does.
type Startups struct{ Start, Rate, Full int }

// DefaultStartups lets 50 people behind one address log in together while
// one network floods (at most DefaultPerPrefixStartups pending): 64 + 50
// stay below the 128 where the random drop begins.
func DefaultStartups() Startups { return Startups{Start: 128, Rate: 30, Full: 384} }

// The default limits per source, as OpenSSH's PerSourceMaxStartups and
// PerSourceNetBlockSize (which it leaves unlimited): connections not yet
// logged in from one address, and from one network (/24 IPv4, /64 IPv6).
const (
	DefaultPerAddressStartups = 64
	DefaultPerPrefixStartups  = 64
)

// The default rates of new connections: a burst, then one per interval,
// per address and per network. 50 people behind one address all get in at
// once; a flood from one address gets 10 a second, from one network 20.
const (
	DefaultPerAddressBurst = 64
	DefaultPerAddressRate  = 100 * time.Millisecond
	DefaultPerPrefixBurst  = 128
	DefaultPerPrefixRate   = 50 * time.Millisecond
)

// ParseStartups reads "start:rate:full", or "full" alone (no random drop,
// as OpenSSH reads a single number).
func ParseStartups(s string) (Startups, error) {
	parts := strings.Split(s, ":")
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return Startups{}, fmt.Errorf("max-startups %q: want START:RATE:FULL (10:30:100) or a number", s)
		}
		n[i] = v
	}
	var st Startups
	switch len(n) {
	case 1:
		st = Startups{Start: n[0], Rate: 100, Full: n[0]}
	case 3:
		st = Startups{Start: n[0], Rate: n[1], Full: n[2]}
	default:
		return Startups{}, fmt.Errorf("max-startups %q: want START:RATE:FULL (10:30:100) or a number", s)
	}
	if st.Full <= 0 || st.Start > st.Full || st.Rate > 100 {
		return Startups{}, fmt.Errorf("max-startups %q: want 0 < START <= FULL and RATE a percentage", s)
	}
	return st, nil
}

func (st Startups) String() string { return fmt.Sprintf("%d:%d:%d", st.Start, st.Rate, st.Full) }

// dropPercent is the chance, in percent, that a new connection is dropped
// with pending connections not yet logged in.
func (st Startups) dropPercent(pending int) int {
	switch {
	case pending >= st.Full:
		return 100
	case pending < st.Start:
		return 0
	}
	return st.Rate + (100-st.Rate)*(pending-st.Start)/(st.Full-st.Start)
}

// prefixOf is the network host is in: its /24 (IPv4) or /64 (IPv6), so
// that the neighbours of one address count together.
func prefixOf(host string) string {
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
		return host
	case ip.To4() != nil:
		return ip.Mask(net.CIDRMask(24, 32)).String() + "/24"
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
