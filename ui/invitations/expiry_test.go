package invitations

import (
	"testing"
	"time"
)

// A new 7-day invitation lapses "in 7 days"; figures round to the nearest
// day or hour, and the day count starts at two.
func TestExpiryRoundsToTheNearest(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{now.Add(7*24*time.Hour - 3*time.Second), "in 7 days"}, // made a moment ago
		{now.Add(7 * 24 * time.Hour), "in 7 days"},
		{now.Add(6*24*time.Hour + 2*time.Hour), "in 6 days"},
		{now.Add(48 * time.Hour), "in 2 days"},
		{now.Add(47 * time.Hour), "in 47 h"},
		{now.Add(30 * time.Minute), "in 1 h"},
		{now.Add(-3*24*time.Hour + time.Minute), "expired 3 days ago"},
		{time.Time{}, "–"},
	} {
		if got := Expiry(c.at, now); got != c.want {
			t.Errorf("Expiry(now%+v) = %q, want %q", c.at.Sub(now), got, c.want)
		}
	}
}
