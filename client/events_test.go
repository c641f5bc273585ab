package client

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadEventsFollowsTheServerSentEventsFormat(t *testing.T) {
	stream := ": welcome\r\n" +
		"id: 7\nevent: organization.member.added\n" +
		`data: {"type":"organization.member.added","id":"evt_7","time":"2026-12-01T09:00:00Z",` + "\n" +
		`data: "data":{"object":{"organization":{"id":"org_1"},"user":{"user_id":"auth0|1"}}}}` + "\n\n" +
		": heartbeat\nid: 9\n\n" +
		"id: 10\r\ndata: {\"type\":\"organization.updated\",\"data\":{\"object\":{\"id\":\"org_2\"}}}\r\n\r\n"
	var got []Event
	last, err := readEvents(strings.NewReader(stream), "5", func(ev Event) bool {
		got = append(got, ev)
		return true
	})
	if !errors.Is(err, io.ErrUnexpectedEOF) || last != "10" {
		t.Fatalf("a stream that ends dropped: %v, last offset %q", err, last)
	}
	if len(got) != 3 {
		t.Fatalf("two events and a heartbeat, got %+v", got)
	}
	if e := got[0]; e.Offset != "7" || e.Type != "organization.member.added" || e.OrgID() != "org_1" || e.Time.IsZero() {
		t.Errorf("a two-line data: %+v", e)
	}
	if e := got[1]; e.Offset != "9" || e.Type != "" {
		t.Errorf("a heartbeat carries only its offset: %+v", e)
	}
	if e := got[2]; e.Offset != "10" || e.OrgID() != "org_2" {
		t.Errorf("CRLF lines, an organization's own event: %+v", e)
	}
	last, err = readEvents(strings.NewReader(stream), "5", func(Event) bool { return false })
	if err != nil || last != "7" {
		t.Errorf("stopped by its reader after the first: %v %q", err, last)
	}
}
