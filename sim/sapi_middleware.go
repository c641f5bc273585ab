package sim

// One middleware around the Management API handler: each write (POST,
// PATCH, PUT, DELETE) that reached a route is logged as sapi (or fapi when
// it failed) with the request and the answer, and, where it changed an
// organization, published on the Events API. No handler does this itself.

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"strings"
)

// maxLoggedBody bounds the request and response bodies a log event keeps
// (a guess: Auth0 documents no bound, and truncates nothing we have seen).
const maxLoggedBody = 64 << 10

// answerTap passes an answer through and keeps its status and body.
type answerTap struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *answerTap) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *answerTap) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if room := maxLoggedBody - r.body.Len(); room > 0 {
		r.body.Write(b[:min(len(b), room)])
	}
	return r.ResponseWriter.Write(b)
}

// isWrite reports whether Auth0 logs method as a sapi operation.
func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// audited serves r through the API (with its fault) and logs it, for a
// write to a route that exists: 404s of unknown paths are not operations.
// The log is written as the handler answers, inside the fault, so a write
// whose answer a fault then loses is logged (it happened), and one a
// fault refused before the tenant saw it is not.
func (s *Server) audited(kind faultKind, w http.ResponseWriter, r *http.Request, c *tokenClaims) {
	if _, pattern := s.api.Handler(r); !isWrite(r.Method) || pattern == "" || pattern == "/api/v2/" {
		serveWithFault(kind, w, r, s.api)
		return
	}
	serveWithFault(kind, w, r, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
		r.Body = io.NopCloser(bytes.NewReader(body))
		before := s.snapshot(r)
		tap := &answerTap{ResponseWriter: w}
		s.api.ServeHTTP(tap, r)
		s.logWrite(r, c, body, tap, before)
	}))
}

// logWrite records the sapi or fapi event of one write and publishes the
// organization events it caused.
func (s *Server) logWrite(r *http.Request, c *tokenClaims, body []byte, tap *answerTap, before []byte) {
	who := parseActor(r.Header.Get(actorHeader))
	if who == (Actor{}) {
		who.ClientID = c.AuthorizedParty
		if who.ClientID == "" {
			who.ClientID = strings.TrimSuffix(c.Subject, "@clients")
		}
	}
	name := ""
	s.t.mu.Lock()
	if cl := s.t.clients[who.ClientID]; cl != nil {
		name = cl.Name
	}
	s.t.mu.Unlock()
	logged := body
	if len(logged) > maxLoggedBody {
		logged = nil
	}
	ip, _, _ := strings.Cut(r.RemoteAddr, ":")
	status := cmp.Or(tap.status, http.StatusOK)
	var granted []string
	if who.Email == "" {
		granted = strings.Fields(c.Scope)
	}
	s.log.record(sapiEvent(r.Method, r.URL.EscapedPath(), r.URL.Query(), logged, status, tap.body.Bytes(), who, name, ip, r.UserAgent(), granted))
	if status < http.StatusBadRequest && s.events != nil {
		s.publishWrite(r.Method, r.URL.Path, body, tap.body.Bytes(), before, s.now())
	}
}
