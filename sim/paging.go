package sim

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
)

// maxOffsetRecords is how far offset paging may reach (Auth0's limit).
const maxOffsetRecords = 1000

// paging is a list request's paging: offset (page, per_page) or checkpoint (from, take).
type paging struct {
	page, perPage int
	totals        bool
	checkpoint    bool
	after         int64 // checkpoint: list items created after this seq
	take          int
}

// parsePaging reads page, per_page, include_totals and, where the endpoint
// supports checkpoint paging, from and take.
func parsePaging(q url.Values, checkpointOK bool) (paging, *apiError) {
	p := paging{perPage: 50, take: 50}
	var e *apiError
	if p.page, e = intParam(q, "page", 0, 0, 1<<30, "Page index of the results to return. First page is 0."); e != nil {
		return p, e
	}
	if p.perPage, e = intParam(q, "per_page", 50, 1, 100, "Number of results per page. Defaults to 50."); e != nil {
		return p, e
	}
	p.totals = q.Get("include_totals") == "true"
	if !checkpointOK || (!q.Has("from") && !q.Has("take")) {
		if (p.page+1)*p.perPage > maxOffsetRecords {
			return p, errPaging
		}
		return p, nil
	}
	p.checkpoint = true
	if p.take, e = intParam(q, "take", 50, 1, 100, "Number of results per page. Defaults to 50."); e != nil {
		return p, e
	}
	if from := q.Get("from"); from != "" {
		seq, ok := decodeCursor(from)
		if !ok {
			return p, errQuery("'Invalid value' on property from (Optional Id from which to start selection.).")
		}
		p.after = seq
	}
	return p, nil
}

func intParam(q url.Values, name string, def, least, most int, desc string) (int, *apiError) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, errQuery("'Expected type integer but found type string' on property %s (%s).", name, desc)
	case n < least:
		return 0, errQuery("'Value %d is less than minimum %d' on property %s (%s).", n, least, name, desc)
	case n > most:
		return 0, errQuery("'Value %d is greater than maximum %d' on property %s (%s).", n, most, name, desc)
	}
	return n, nil
}

// window is the offset range [lo, hi) of the requested page among n items.
func (p paging) window(n int) (lo, hi int) {
	lo = min(p.page*p.perPage, n)
	return lo, min(lo+p.perPage, n)
}

// cursor encodes a checkpoint: opaque to clients, as Auth0's are.
func cursor(seq int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(seq, 10) + "," + id))
}

func decodeCursor(s string) (int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	n, _, ok := strings.Cut(string(b), ",")
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseInt(n, 10, 64)
	return seq, err == nil && seq >= 0
}

// envelope is a list answer: the resource key first, then paging fields.
type envelope struct {
	key   string
	items any
	// offset paging with include_totals
	start, limit, total int
	noTotal             bool // invitations report no total
	offset              bool
	// checkpoint paging
	next string
}

// offsetList answers an offset-paged list of all items: a bare array, or the
// include_totals envelope under key.
func offsetList[T any](p paging, key string, all []T) any {
	lo, hi := p.window(len(all))
	page := all[lo:hi]
	if page == nil {
		page = []T{}
	}
	return p.answer(key, page, lo, len(all))
}

// answer is an offset page's answer: the bare items, or with include_totals
// the envelope that says where the page starts and how many there are.
func (p paging) answer(key string, items any, start, total int) any {
	if !p.totals {
		return items
	}
	return envelope{key: key, items: items, offset: true, start: start, limit: p.perPage, total: total}
}
