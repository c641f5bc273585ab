package audit_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

// writeCalls calls every method of client.Writer on c, one at a time, with
// plausible arguments, and gives each call's results to check.
func writeCalls(t *testing.T, c client.Client, check func(method string, out []reflect.Value)) {
	t.Helper()
	writer := reflect.TypeFor[client.Writer]()
	if writer.NumMethod() < 16 {
		t.Fatalf("client.Writer has %d methods: the split lost some", writer.NumMethod())
	}
	v := reflect.ValueOf(c)
	for i := range writer.NumMethod() {
		m := writer.Method(i)
		fn := v.MethodByName(m.Name)
		args := make([]reflect.Value, m.Type.NumIn())
		for j := range args {
			args[j] = argFor(m.Type.In(j))
		}
		check(m.Name, fn.Call(args))
	}
}

// argFor is a plausible argument of type t: a context, an id, ids, or zero.
func argFor(t reflect.Type) reflect.Value {
	switch {
	case t == reflect.TypeFor[context.Context]():
		return reflect.ValueOf(context.Background())
	case t == reflect.TypeFor[client.OrgSpec]():
		return reflect.ValueOf(client.OrgSpec{Name: "acme-two", DisplayName: "Acme Two"})
	case t == reflect.TypeFor[client.InviteSpec]():
		return reflect.ValueOf(client.InviteSpec{Email: "new@example.com", Inviter: "Ops", ClientID: "app_1"})
	case t.Kind() == reflect.String:
		return reflect.ValueOf("org_0000000000000000").Convert(t)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return reflect.ValueOf([]string{"auth0|000000000000000000000001"}).Convert(t)
	}
	return reflect.Zero(t)
}

// errsOf are the errors a call's results carry: its error, or its members'.
func errsOf(out []reflect.Value) []error {
	var errs []error
	for _, o := range out {
		switch x := o.Interface().(type) {
		case error:
			errs = append(errs, x)
		case []client.MemberResult:
			for _, r := range x {
				errs = append(errs, r.Err)
			}
		}
	}
	return errs
}

// recorder is a tenant that notes each call that reaches it.
type recorder struct {
	*clienttest.Fake
	mu    sync.Mutex
	calls []string
	// seen, when set, is asked at each call (the audit's test reads the log).
	seen func(op string)
}

func newRecorder() *recorder {
	r := &recorder{Fake: clienttest.New(3, 5)}
	r.Fail = func(op string) error {
		r.mu.Lock()
		r.calls = append(r.calls, op)
		r.mu.Unlock()
		if r.seen != nil {
			r.seen(op)
		}
		return nil
	}
	return r
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.calls
	r.calls = nil
	return out
}

// TestReadOnlyRefusesEveryWrite fails if any write passes the read-only
// wrapper: each must be refused with Locked and never reach the tenant.
func TestReadOnlyRefusesEveryWrite(t *testing.T) {
	inner := newRecorder()
	ro := client.ReadOnly(inner, "viewer: read-only")
	writeCalls(t, ro, func(method string, out []reflect.Value) {
		if got := inner.take(); len(got) > 0 {
			t.Errorf("%s reached the tenant through the read-only wrapper: %v", method, got)
		}
		errs := errsOf(out)
		if len(errs) == 0 {
			t.Errorf("%s returned no error through the read-only wrapper", method)
		}
		for _, err := range errs {
			if client.KindOf(err) != client.Locked {
				t.Errorf("%s: %v, want a Locked refusal", method, err)
			}
		}
	})
}

// TestAuditWritesIntentBeforeEveryWrite fails if any write reaches the
// tenant through the audit wrapper before its intent is in the log, or
// ends without an outcome.
func TestAuditWritesIntentBeforeEveryWrite(t *testing.T) {
	inner := newRecorder()
	var log bytes.Buffer
	var mu sync.Mutex
	intents := func() int {
		mu.Lock()
		defer mu.Unlock()
		return strings.Count(log.String(), `"phase":"intent"`)
	}
	l := audit.To(lockedWriter{&log, &mu})
	cl := audit.Client(inner, l, audit.Who{User: "op1", Key: "SHA256:test"})
	before := 0
	inner.seen = func(op string) {
		if intents() <= before {
			t.Errorf("%s reached the tenant before its intent was logged", op)
		}
	}
	writeCalls(t, cl, func(method string, _ []reflect.Value) {
		if got := inner.take(); len(got) == 0 {
			t.Errorf("%s never reached the tenant through the audit wrapper", method)
		}
		mu.Lock()
		ended := strings.Count(log.String(), `"phase":"outcome"`)
		mu.Unlock()
		if now := intents(); now != before+1 || ended != now {
			t.Errorf("%s: %d intents and %d outcomes logged, want %d of each", method, now, ended, before+1)
		}
		before = intents()
	})
}

// TestSharedPassesEveryWriteOnce fails if the shared wrapper swallows a
// write or sends it twice.
func TestSharedPassesEveryWriteOnce(t *testing.T) {
	inner := newRecorder()
	sh := client.SharePages(inner, 1<<40)
	writeCalls(t, sh, func(method string, _ []reflect.Value) {
		if got := inner.take(); len(got) != 1 {
			t.Errorf("%s reached the tenant %d times through the shared wrapper (%v), want once", method, len(got), got)
		}
	})
}

type lockedWriter struct {
	b  *bytes.Buffer
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
