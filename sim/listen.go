package sim

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"time"
)

// Running is a simulator serving on a real socket.
type Running struct {
	// URL is the base URL, such as http://127.0.0.1:4000: what AUTH0_DOMAIN
	// names for plain HTTP.
	URL  string
	Addr string
	srv  *http.Server
	done chan error
}

// Start serves s on addr ("127.0.0.1:0" picks a free port) in the
// background; with certFile and keyFile it serves HTTPS.
func (s *Server) Start(addr, certFile, keyFile string) (*Running, error) {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	scheme := "http"
	if certFile != "" || keyFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, err
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		scheme = "https"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	run := &Running{Addr: ln.Addr().String(), URL: scheme + "://" + ln.Addr().String(), srv: srv, done: make(chan error, 1)}
	go func() {
		var err error
		if srv.TLSConfig != nil {
			err = srv.ServeTLS(ln, "", "")
		} else {
			err = srv.Serve(ln)
		}
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		run.done <- err
	}()
	return run, nil
}

// Done reports the serving error, if any, once serving stops.
func (r *Running) Done() <-chan error { return r.done }

// Close stops accepting calls and waits, until ctx ends, for those under way.
func (r *Running) Close(ctx context.Context) error {
	return r.srv.Shutdown(ctx)
}
