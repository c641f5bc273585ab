package sim

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// A stringMap, and a map held as stringPairs, encode exactly as encoding/json encodes the same
// map[string]string: every byte value, invalid UTF-8, the HTML characters,
// the line and paragraph separators, many keys, none, and nil.
func TestStringMapEncodesAsEncodingJSON(t *testing.T) {
	tricky := []string{"", "plain", `quote " back \ slash`, "<script>&amp;</script>", "tab\tnew\nline\r\b\f\x00\x1f\x7f",
		"Zürich 東京 ✓", "bad \xff\xfe utf8 \xe2\x82", "sep\u2028para\u2029", "\u202Emoc.live\u202C\u200B", "\x1b[2J"}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	tricky = append(tricky, string(all))
	maps := []map[string]string{nil, {}}
	for i, s := range tricky {
		maps = append(maps, map[string]string{s: tricky[len(tricky)-1-i], "k" + s: s})
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		m := map[string]string{}
		for range rnd.IntN(30) {
			k, v := make([]byte, rnd.IntN(12)), make([]byte, rnd.IntN(40))
			for i := range k {
				k[i] = byte(rnd.IntN(256))
			}
			for i := range v {
				v[i] = byte(rnd.IntN(256))
			}
			m[string(k)] = string(v)
		}
		maps = append(maps, m)
	}
	for _, m := range maps {
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(stringMap(m))
		if err != nil {
			t.Fatal(err)
		}
		direct, _ := stringMap(m).MarshalJSON()
		pairs, _ := json.Marshal(pairsOf(m))
		if !bytes.Equal(got, want) || !bytes.Equal(direct, want) || !bytes.Equal(pairs, want) {
			t.Fatalf("%q:\n got %s\n     %s\n     %s\nwant %s", m, got, direct, pairs, want)
		}
		type holder struct {
			M stringMap   `json:"m,omitempty"`
			P stringPairs `json:"p,omitempty"`
		}
		type plain struct {
			M map[string]string `json:"m,omitempty"`
			P map[string]string `json:"p,omitempty"`
		}
		h, _ := json.Marshal(holder{m, pairsOf(m)})
		p, _ := json.Marshal(plain{m, m})
		if !bytes.Equal(h, p) {
			t.Fatalf("in a struct: %s, want %s", h, p)
		}
	}
}
