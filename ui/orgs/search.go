package orgs

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
)

// search finds organizations past those loaded, for a filter of a list
// not wholly loaded: an exact id or name asked of Auth0 (a call each), any
// part of a name, display name, id or metadata in the listing the
// cross-organization views keep (no call). The note says which answered,
// and how old the listing is.
func search(now func() time.Time) func(ctx context.Context, cl client.Client, text string) ([]client.Organization, string, error) {
	return func(ctx context.Context, cl client.Client, text string) ([]client.Organization, string, error) {
		s, err := crossorg.FindOrganizations(ctx, cl, text)
		if err != nil {
			return nil, "", err
		}
		out := make([]client.Organization, 0, len(s.Matches))
		live := 0
		for _, m := range s.Matches {
			out = append(out, m.Organization)
			if m.Live {
				live++
			}
		}
		return out, searchNote(live, len(out)-live, s.ListedAt, now()), nil
	}
}

// searchNote says where a search's organizations came from.
func searchNote(live, listed int, listedAt, now time.Time) string {
	var parts []string
	if live > 0 {
		parts = append(parts, fmt.Sprintf("%d exact, from Auth0", live))
	}
	if listedAt.IsZero() { // C (the tenant's connections) or an export lists them
		parts = append(parts, "not listed yet: exact id or name only")
	} else {
		parts = append(parts, fmt.Sprintf("%d from a listing %s old", listed, age(now.Sub(listedAt))))
	}
	return strings.Join(parts, "; ")
}

// age is how old a listing is, for people: "40s", "12m", "3h5m".
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh%dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// metadataCell is an organization's metadata as one hidden cell, so the
// filter finds "tier=gold" among the rows loaded too.
func metadataCell(o client.Organization) string {
	keys := slices.Sorted(maps.Keys(o.Metadata))
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = k + "=" + o.Metadata[k]
	}
	return strings.Join(pairs, " ")
}
