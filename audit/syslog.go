package audit

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"sync"
	"time"
)

// Sink is somewhere else the audit goes, after the file: a company's log
// pipeline. The file stays the source of truth: a sink's failure never
// loses an entry from it.
type Sink interface {
	Send(line []byte, at time.Time) error
}

// AddSink sends every entry written from now on to s too; onError hears
// of each failure (to show it), the entry being in the file already.
func (l *Log) AddSink(s Sink, onError func(error)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sinks = append(l.sinks, sink{s, onError})
}

type sink struct {
	Sink
	onError func(error)
}

// Syslog is a sink to the local syslog or journald, or a syslog server,
// in RFC 5424's format: facility authpriv, severity notice, app orgdash,
// msgid audit, and the entry's JSON as the message.
type Syslog struct {
	network, addr string
	host          string
	mu            sync.Mutex
	conn          net.Conn
}

// DialSyslog connects to where names: unixgram:///dev/log (journald and
// rsyslog listen there), udp://host:514 or tcp://host:601.
func DialSyslog(where string) (*Syslog, error) {
	u, err := url.Parse(where)
	if err != nil {
		return nil, fmt.Errorf("audit syslog %q: %w", where, err)
	}
	s := &Syslog{network: u.Scheme, addr: u.Host}
	switch u.Scheme {
	case "unixgram", "unix":
		s.addr = u.Path
	case "udp", "tcp":
	default:
		return nil, fmt.Errorf("audit syslog %q: want unixgram:///dev/log, udp://host:514 or tcp://host:601", where)
	}
	s.host, _ = os.Hostname()
	if s.host == "" {
		s.host = "-"
	}
	if err := s.dial(); err != nil {
		return nil, fmt.Errorf("audit syslog %s: %w", where, err)
	}
	return s, nil
}

func (s *Syslog) dial() error {
	c, err := net.DialTimeout(s.network, s.addr, 5*time.Second)
	if err == nil {
		s.conn = c
	}
	return err
}

// pri is authpriv (10) × 8 + notice (5).
const pri = 10*8 + 5

// Send writes one message, dialling again once if the connection went.
func (s *Syslog) Send(line []byte, at time.Time) error {
	msg := fmt.Appendf(nil, "<%d>1 %s %s orgdash %d audit - ", pri, at.UTC().Format(time.RFC3339Nano), s.host, os.Getpid())
	msg = append(msg, line...)
	if s.network == "tcp" { // octet counting (RFC 6587)
		msg = append(fmt.Appendf(nil, "%d ", len(msg)), msg...)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for range 2 {
		if s.conn == nil {
			if err = s.dial(); err != nil {
				continue
			}
		}
		_ = s.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
		if _, err = s.conn.Write(msg); err == nil {
			return nil
		}
		s.conn.Close()
		s.conn = nil
	}
	return err
}

// Close ends the connection.
func (s *Syslog) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil
	}
	return s.conn.Close()
}
