package sim

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// stringMap is an object of string values (an organization's metadata, a
// branding's colours). It encodes itself byte for byte as encoding/json
// encodes a map[string]string (keys sorted, HTML characters escaped),
// without the reflection that cost several allocations per entry on every
// page of organizations.
type stringMap map[string]string

// MarshalJSON writes the object with its keys in order.
func (m stringMap) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("null"), nil
	}
	var room [16]string // on the stack for the usual few keys
	keys := room[:0]
	size := 2
	for k, v := range m {
		keys = append(keys, k)
		size += len(k) + len(v) + 6
	}
	slices.Sort(keys)
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, k), ':')
		b = appendJSONString(b, m[k])
	}
	return append(b, '}'), nil
}

// stringPairs is an object of string values held as pairs sorted by key:
// an organization's metadata, set whole and only ever encoded. A slice of
// three pairs is one allocation; a map of three was two and three times
// the memory, in each of 100,000 organizations at Auth0's limits. It
// encodes as the map would.
type stringPairs []stringPair

type stringPair struct{ key, value string }

// pairsOf holds m's entries as pairs (nil for nil).
func pairsOf(m map[string]string) stringPairs {
	if m == nil {
		return nil
	}
	p := make(stringPairs, 0, len(m))
	for k, v := range m {
		p = append(p, stringPair{k, v})
	}
	slices.SortFunc(p, func(a, b stringPair) int { return strings.Compare(a.key, b.key) })
	return p
}

// MarshalJSON writes the pairs as an object, in their order.
func (p stringPairs) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("null"), nil
	}
	size := 2
	for _, kv := range p {
		size += len(kv.key) + len(kv.value) + 6
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, kv := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, kv.key), ':')
		b = appendJSONString(b, kv.value)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping on: quotes, backslashes and control characters escaped, <, >
// and & as \u003c, \u003e and \u0026, U+2028 and U+2029 escaped, and each
// byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}
