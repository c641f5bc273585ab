package sim

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults makes the simulator misbehave the way a real network and a real
// service sometimes do. The zero value injects nothing.
type Faults struct {
	LatencyMin, LatencyMax time.Duration // added to every API call
	ErrorRate              float64       // share answered 500 or 503
	DropRate               float64       // share whose connection is dropped
	TruncateRate           float64       // share whose JSON body is cut short
	LateErrorRate          float64       // share applied, then answered 500 (as a gateway that fails after the backend acted)
}

// ParseFaults reads a spec such as "latency=20ms-200ms,error=0.05,drop=1%,truncate=0.01".
// An empty spec or "off" is no faults.
func ParseFaults(spec string) (Faults, error) {
	var f Faults
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "off" || spec == "none" {
		return f, nil
	}
	for _, part := range strings.Split(spec, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return f, fmt.Errorf("fault %q: want key=value (latency, error, drop, truncate, late-error)", part)
		}
		var err error
		switch key {
		case "latency":
			f.LatencyMin, f.LatencyMax, err = parseRange(val)
		case "error":
			f.ErrorRate, err = parseShare(val)
		case "drop":
			f.DropRate, err = parseShare(val)
		case "truncate":
			f.TruncateRate, err = parseShare(val)
		case "late-error":
			f.LateErrorRate, err = parseShare(val)
		default:
			return f, fmt.Errorf("unknown fault %q: want latency, error, drop, truncate or late-error", key)
		}
		if err != nil {
			return f, fmt.Errorf("fault %s: %w", key, err)
		}
	}
	if f.ErrorRate+f.DropRate+f.TruncateRate+f.LateErrorRate > 1 {
		return f, fmt.Errorf("error, drop, truncate and late-error add up to more than 100%%")
	}
	return f, nil
}

func parseRange(s string) (lo, hi time.Duration, err error) {
	a, b, isRange := strings.Cut(s, "-")
	if lo, err = time.ParseDuration(a); err != nil {
		return 0, 0, err
	}
	hi = lo
	if isRange {
		if hi, err = time.ParseDuration(b); err != nil {
			return 0, 0, err
		}
	}
	if lo < 0 || hi < lo {
		return 0, 0, fmt.Errorf("%q is not a range from low to high", s)
	}
	return lo, hi, nil
}

func parseShare(s string) (float64, error) {
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if pct {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, fmt.Errorf("%q is not between 0 and 1 (or 0%% and 100%%)", s)
	}
	return v, nil
}

// String is the spec that ParseFaults reads back.
func (f Faults) String() string {
	var parts []string
	if f.LatencyMax > 0 {
		parts = append(parts, fmt.Sprintf("latency=%s-%s", f.LatencyMin, f.LatencyMax))
	}
	for _, p := range []struct {
		k string
		v float64
	}{{"error", f.ErrorRate}, {"drop", f.DropRate}, {"truncate", f.TruncateRate}, {"late-error", f.LateErrorRate}} {
		if p.v > 0 {
			parts = append(parts, fmt.Sprintf("%s=%g", p.k, p.v))
		}
	}
	if len(parts) == 0 {
		return "off"
	}
	return strings.Join(parts, ",")
}

func (f Faults) active() bool {
	return f.LatencyMax > 0 || f.ErrorRate+f.DropRate+f.TruncateRate+f.LateErrorRate > 0
}

// faultKind is what happens to one request.
type faultKind int

const (
	faultNone        faultKind = iota
	faultError                 // 500
	faultUnavailable           // 503
	faultDrop                  // before the call is applied
	faultDropAfter             // after it is applied, before the answer
	faultTruncate              // applied, the answer cut short
	faultErrorAfter            // applied, then answered 500
)

// injector draws each request's fate from a seeded source, so a run is
// repeatable for the same sequence of requests.
type injector struct {
	f   Faults
	mu  sync.Mutex
	rnd *rand.Rand
}

func newInjector(f Faults, seed int64) *injector {
	if !f.active() {
		return nil
	}
	return &injector{f: f, rnd: rand.New(rand.NewPCG(uint64(seed), 0xfa17))}
}

func (in *injector) draw() (time.Duration, faultKind) {
	in.mu.Lock()
	defer in.mu.Unlock()
	lat := in.f.LatencyMin
	if span := in.f.LatencyMax - in.f.LatencyMin; span > 0 {
		lat += time.Duration(in.rnd.Int64N(int64(span)))
	}
	x := in.rnd.Float64()
	switch {
	case x < in.f.ErrorRate/2:
		return lat, faultError
	case x < in.f.ErrorRate:
		return lat, faultUnavailable
	case x < in.f.ErrorRate+in.f.DropRate/2:
		return lat, faultDrop
	case x < in.f.ErrorRate+in.f.DropRate:
		return lat, faultDropAfter // a guess: Auth0 documents nothing of where a connection drops
	case x < in.f.ErrorRate+in.f.DropRate+in.f.TruncateRate:
		return lat, faultTruncate
	case x < in.f.ErrorRate+in.f.DropRate+in.f.TruncateRate+in.f.LateErrorRate:
		return lat, faultErrorAfter // a guess: Auth0 documents no 5xx after a change, but a gateway can answer one
	}
	return lat, faultNone
}

// serveWithFault serves r through next, or in its place the fault drawn for it.
func serveWithFault(kind faultKind, w http.ResponseWriter, r *http.Request, next http.Handler) {
	switch kind {
	case faultError:
		writeError(w, &apiError{Status: http.StatusInternalServerError, Message: "An internal server error occurred."})
	case faultUnavailable:
		writeError(w, &apiError{Status: http.StatusServiceUnavailable, Message: "The service is temporarily unavailable. Please try again later."})
	case faultDrop:
		panic(http.ErrAbortHandler) // the server closes the connection unanswered
	case faultErrorAfter:
		next.ServeHTTP(&recorder{header: http.Header{}, status: http.StatusOK}, r)
		writeError(w, &apiError{Status: http.StatusInternalServerError, Message: "An internal server error occurred."})
	case faultDropAfter:
		next.ServeHTTP(&recorder{header: http.Header{}, status: http.StatusOK}, r)
		panic(http.ErrAbortHandler) // done, but the answer never leaves
	case faultTruncate:
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.status)
		_, _ = w.Write(body[:len(body)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler) // the connection ends mid-body
	default:
		next.ServeHTTP(w, r)
	}
}

// recorder keeps a response to forward it cut short.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
