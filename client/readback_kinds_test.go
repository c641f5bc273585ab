package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/sim"
)

// loseAnswer is a network that, for the first request matching, loses the
// answer: after the tenant applied it (apply true) or before it reached
// it, running then (a stop, a shutdown) at that moment.
type loseAnswer struct {
	base  http.RoundTripper
	match func(*http.Request) bool
	apply bool
	then  func()
	fired atomic.Bool
}

func (l *loseAnswer) RoundTrip(r *http.Request) (*http.Response, error) {
	if !l.match(r) || l.fired.Swap(true) {
		return l.base.RoundTrip(r)
	}
	if l.apply {
		res, err := l.base.RoundTrip(r)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	if l.then != nil {
		l.then()
	}
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	return nil, errors.New("read: connection reset by peer")
}

func calls(method, path string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == method && strings.Contains(r.URL.Path, path) }
}

// kindsRig is a tenant with an organization, three members, two roles and
// an application, and an audited client whose network loses one answer.
type kindsRig struct {
	*matrix
	lose *loseAnswer
	c    client.Client // audited, over lose
}

func newKindsRig(t *testing.T, opts sim.Options) *kindsRig {
	m := newMatrix(t, opts)
	r := &kindsRig{matrix: m, lose: &loseAnswer{base: m.tn.Transport, match: func(*http.Request) bool { return false }}}
	r.c = audit.Client(connect(t, m.tn, func(c *client.Config) { c.Transport, c.VerifyInterval = r.lose, 200*time.Millisecond }),
		audit.To(m.log), audit.Who{User: "rig"})
	return r
}

// A lost answer of every kind of change the old code did not read back
// (roles, invitations, an edit of metadata alone) is read back: the audit
// agrees with the tenant, and an invitation is never made twice.
func TestLostAnswersOfRolesInvitesAndMetadataAreReadBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newKindsRig(t, sim.Options{Empty: true, Seed: 3})
		uid := r.users[0]

		r.lose.match, r.lose.apply = calls("POST", "/roles"), true
		err := r.c.AssignRoles(ctx, r.org, uid, r.roles)
		if held := r.rolesOf(uid); err != nil || !held[r.roles[0]] || r.log.last(t).State() != audit.OK {
			t.Fatalf("assign roles, answer lost after it applied: err %v, held %v, audit %s", err, held, r.log.last(t).State())
		}
		r.lose.fired.Store(false)
		r.lose.match, r.lose.apply = calls("DELETE", "/roles"), false
		err = r.c.RemoveRoles(ctx, r.org, uid, r.roles)
		if held := r.rolesOf(uid); err == nil || !held[r.roles[0]] || r.log.last(t).State() != audit.Failed {
			t.Fatalf("remove roles, lost before it applied: err %v, held %v, audit %s", err, held, r.log.last(t).State())
		}

		r.lose.fired.Store(false)
		r.lose.match, r.lose.apply = calls("POST", "/invitations"), true
		inv, err := r.c.Invite(ctx, r.org, client.InviteSpec{Email: "ines@example.com", Inviter: "Rig", ClientID: r.app})
		if n := len(r.invitationsOf("ines@example.com")); err != nil || n != 1 || inv.ID == "" || r.log.last(t).State() != audit.OK {
			t.Fatalf("invite, answer lost after it applied: err %v, %d invitations, id %q, audit %s", err, n, inv.ID, r.log.last(t).State())
		}

		o, err := r.truth.CreateOrganization(ctx, client.OrgSpec{Name: "meta", Metadata: map[string]string{"tier": "gold"}})
		if err != nil {
			t.Fatal(err)
		}
		r.lose.fired.Store(false)
		r.lose.match, r.lose.apply = calls("PATCH", "/organizations/"+o.ID), false
		s := client.SpecOf(o)
		s.Metadata = map[string]string{"tier": "silver"}
		_, err = r.c.UpdateOrganization(ctx, o.ID, s)
		now, _ := r.truth.Organization(ctx, o.ID)
		if ch := r.log.last(t); err == nil || now.Metadata["tier"] != "gold" || ch.State() != audit.Failed {
			t.Fatalf("metadata-only edit lost before it applied: err %v, tier %q, audit %s %s", err, now.Metadata["tier"], ch.State(), ch.Last().Note)
		}
	})
}

// A stop (X, SIGTERM) or a shutdown (the context cancelled) that comes
// while a member batch's answer is on its way never records the batch as
// cancelled before it was sent: it is read back in a fresh context.
func TestAStopDuringALostMemberBatchIsReadBackNotCancelled(t *testing.T) {
	for _, how := range []string{"stop", "stop and cancel"} {
		t.Run(how, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := newKindsRig(t, sim.Options{Empty: true, Seed: 5})
				stop := make(chan struct{})
				cctx, cancel := context.WithCancel(pace.WithStop(ctx, stop))
				defer cancel()
				r.lose.match, r.lose.apply = calls("DELETE", "/members"), true
				r.lose.then = func() {
					close(stop)
					if how != "stop" {
						cancel()
					}
				}
				ids := r.users[:3]
				res := r.c.RemoveMembers(cctx, r.org, ids)
				members := r.members()
				ch := r.log.last(t)
				for _, id := range ids {
					if members[id] {
						t.Fatalf("setup: %s was not removed", id)
					}
				}
				if ch.State() != audit.OK {
					t.Fatalf("removed, but the audit says %s %v %v (results %+v)", ch.State(), ch.Last().Results, ch.Last().Failed, res)
				}
			})
		})
	}
}

// The same for a single change: deleted while the session stopped and its
// context ended, it is read back, not called cancelled.
func TestAStopDuringALostDeleteIsReadBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newKindsRig(t, sim.Options{Empty: true, Seed: 5})
		stop := make(chan struct{})
		cctx, cancel := context.WithCancel(pace.WithStop(ctx, stop))
		defer cancel()
		o, err := r.truth.CreateOrganization(ctx, client.OrgSpec{Name: "doomed"})
		if err != nil {
			t.Fatal(err)
		}
		r.lose.match, r.lose.apply = calls("DELETE", "/organizations/"+o.ID), true
		r.lose.then = func() { close(stop); cancel() }
		err = r.c.DeleteOrganization(cctx, o.ID)
		_, gone := r.truth.Organization(ctx, o.ID)
		if ch := r.log.last(t); err != nil || client.KindOf(gone) != client.NotFound || ch.State() != audit.OK {
			t.Fatalf("deleted under a stop: err %v, read %v, audit %s %s", err, gone, ch.State(), ch.Last().Error)
		}
	})
}

// Inside Auth0's removal window a stopped removal cannot be confirmed by
// one read: it is unverified, never cancelled, never failed.
func TestAStopInsideTheRemovalWindowIsUnverified(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newKindsRig(t, sim.Options{Empty: true, Seed: 5, RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 10 * time.Second})
		stop := make(chan struct{})
		r.lose.match, r.lose.apply, r.lose.then = calls("DELETE", "/members"), true, func() { close(stop) }
		r.c.RemoveMembers(pace.WithStop(ctx, stop), r.org, r.users[:2])
		if ch := r.log.last(t); ch.State() != audit.Unverified || bytes.Contains([]byte(ch.Last().Failed[r.users[0]]), []byte("cancelled")) {
			t.Fatalf("the audit says %s %v", ch.State(), ch.Last().Failed)
		}
	})
}
