package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// Answers are encoded once, into a buffer kept between calls, and written
// from it: no json.Marshal whose bytes are then copied (and checked again)
// by a json.RawMessage, and no envelope marshalled apart from its items.

// maxPooledBody is the largest buffer kept for the next answer; a larger
// one (a rare page of big objects) goes to the collector.
const maxPooledBody = 1 << 20

// bodies are a server's buffers for its answers (Server.bodies).
type bodies struct{ pool sync.Pool }

// get is an empty buffer for an answer.
func (b *bodies) get() *bytes.Buffer {
	if buf, ok := b.pool.Get().(*bytes.Buffer); ok {
		return buf
	}
	return new(bytes.Buffer)
}

// put keeps buf for the next answer, unless it grew past maxPooledBody.
func (b *bodies) put(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBody {
		buf.Reset()
		b.pool.Put(buf)
	}
}

// encodeBody appends v to buf as JSON, byte for byte what json.Marshal
// gives (HTML characters escaped, no trailing newline).
func encodeBody(buf *bytes.Buffer, v any) error {
	if e, ok := v.(envelope); ok {
		return e.encode(buf)
	}
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline; Marshal does not
	return nil
}

// encode appends the envelope to buf in Auth0's field order: the resource
// key first, then the paging fields.
func (e envelope) encode(buf *bytes.Buffer) error {
	buf.WriteString(`{"` + e.key + `":`)
	if err := json.NewEncoder(buf).Encode(e.items); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1)
	if e.offset {
		buf.WriteString(`,"start":` + strconv.Itoa(e.start) + `,"limit":` + strconv.Itoa(e.limit))
		if !e.noTotal {
			buf.WriteString(`,"total":` + strconv.Itoa(e.total))
		}
	}
	if e.next != "" { // a cursor: base64url (paging.go), nothing in it to escape
		buf.WriteString(`,"next":"` + e.next + `"`)
	}
	buf.WriteByte('}')
	return nil
}

// MarshalJSON writes the envelope as encode does, for an envelope inside
// another answer.
func (e envelope) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := e.encode(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeEncoded answers with the JSON in buf (none for 204, as writeJSON).
func writeEncoded(w http.ResponseWriter, status int, buf *bytes.Buffer) {
	if status == http.StatusNoContent {
		writeJSON(w, status, nil)
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(buf.Bytes())
	}
}
