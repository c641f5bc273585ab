package sim_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// sseMessage is one server-sent message: an event, or a heartbeat (an id
// and a comment, no data).
type sseMessage struct {
	id, event, comment string
	data               map[string]any
}

// stream is an open GET /api/v2/events.
type stream struct {
	status   int
	messages chan sseMessage
	cancel   context.CancelFunc
}

func openStream(t *testing.T, tn *simtest.Tenant, token, query string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", tn.URL+"/api/v2/events"+query, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := (&http.Client{Transport: tn.Transport}).Do(req)
	must(t, err)
	s := &stream{status: res.StatusCode, messages: make(chan sseMessage, 100), cancel: cancel}
	t.Cleanup(cancel)
	go func() {
		defer func() { _ = res.Body.Close() }()
		defer close(s.messages)
		sc := bufio.NewScanner(res.Body)
		var m sseMessage
		for sc.Scan() {
			line := sc.Text()
			k, v, _ := strings.Cut(line, ": ")
			switch {
			case line == "":
				s.messages <- m
				m = sseMessage{}
			case k == "id":
				m.id = v
			case k == "event":
				m.event = v
			case k == "data":
				_ = json.Unmarshal([]byte(v), &m.data)
			case strings.HasPrefix(line, ":"):
				m.comment = strings.TrimPrefix(line, ": ")
			}
		}
	}()
	return s
}

// next is the next message, failing if none comes by the (fake) deadline.
func (s *stream) next(t *testing.T) sseMessage {
	t.Helper()
	select {
	case m := <-s.messages:
		return m
	case <-time.After(time.Minute):
		t.Fatal("no message within a minute")
		return sseMessage{}
	}
}

func TestEventsStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Empty: true, Plan: "free", Rate: 1000, Burst: 1000, EventsHeartbeat: 10 * time.Second})
		m := tn.Management(t)
		ctx := context.Background()
		tok := tn.Token(t, time.Hour, "read:events")
		if s := openStream(t, tn, tn.Token(t, time.Hour, "read:organizations"), ""); s.status != 403 {
			t.Fatalf("without read:events: %d", s.status)
		}
		s := openStream(t, tn, tok, "")
		if s.status != 200 {
			t.Fatalf("stream: %d", s.status)
		}
		// the free plan allows one connection at a time
		if again := openStream(t, tn, tok, ""); again.status != 429 {
			t.Fatalf("a second stream on the free plan: %d", again.status)
		}

		o := &management.Organization{Name: auth0.String("acme")}
		must(t, m.Organization.Create(ctx, o))
		created := s.next(t)
		if created.event != "organization.created" || created.data["type"] != "organization.created" || created.data["specversion"] != "1.0" ||
			created.data["data"].(map[string]any)["object"].(map[string]any)["id"] != o.GetID() {
			t.Fatalf("created: %+v", created)
		}
		u := &management.User{Connection: auth0.String("Username-Password-Authentication"), Email: auth0.String("ines@acme.example"), Password: auth0.String("x-Secret-1")}
		must(t, m.User.Create(ctx, u))
		if ev := s.next(t); ev.event != "user.created" {
			t.Fatalf("user created: %+v", ev)
		}
		must(t, m.Organization.AddMembers(ctx, o.GetID(), []string{u.GetID()}))
		added := s.next(t)
		obj := added.data["data"].(map[string]any)["object"].(map[string]any)
		if added.event != "organization.member.added" || obj["user"].(map[string]any)["user_id"] != u.GetID() || obj["organization"].(map[string]any)["name"] != "acme" {
			t.Fatalf("member added: %+v", added)
		}
		// nothing happens for a while: a heartbeat carries the offset alone
		time.Sleep(11 * time.Second)
		if hb := s.next(t); hb.comment != "heartbeat" || hb.id != added.id || hb.data != nil {
			t.Fatalf("heartbeat %+v", hb)
		}

		// the stream drops; changes go on; resuming from the offset misses nothing
		s.cancel()
		for range s.messages {
		}
		synctest.Wait()
		must(t, m.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: auth0.String("Acme Inc")}))
		db, err := m.Connection.ReadByName(ctx, "Username-Password-Authentication")
		must(t, err)
		must(t, m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{ConnectionID: db.ID}))
		must(t, m.Organization.DeleteConnection(ctx, o.GetID(), db.GetID()))
		resumed := openStream(t, tn, tok, "?from="+created.id)
		var kinds []string
		for range 5 {
			kinds = append(kinds, resumed.next(t).event)
		}
		if got := strings.Join(kinds, ","); got != "user.created,organization.member.added,organization.updated,organization.connection.added,organization.connection.removed" {
			t.Fatalf("resumed: %s", got)
		}
		resumed.cancel()
		for range resumed.messages {
		}
		synctest.Wait()

		// from_timestamp: what happened since a time
		time.Sleep(time.Second)
		at := time.Now()
		time.Sleep(time.Second)
		must(t, m.Organization.Delete(ctx, o.GetID()))
		since := openStream(t, tn, tok, "?from_timestamp="+at.UTC().Format(time.RFC3339Nano))
		if ev := since.next(t); ev.event != "organization.deleted" || ev.data["data"].(map[string]any)["object"].(map[string]any)["name"] != "acme" {
			t.Fatalf("since %s: %+v", at, ev)
		}
		since.cancel()
		for range since.messages {
		}
	})
}

func TestEventsAPICanBeMissing(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true, NoEventsAPI: true})
	wantError(t, call(t, tn, all(tn, t), "GET", "/api/v2/events", ""), 404, "Not Found")
}
