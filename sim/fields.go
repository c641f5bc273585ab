package sim

import (
	"encoding/json"
	"net/url"
	"strings"
)

// withFields applies fields and include_fields to an answer, as Auth0 does
// on the lists that take them (connections, invitations): fields names the
// keys to keep, or with include_fields=false the keys to drop. An answer
// is a bare list, an envelope of one, or a single object.
func withFields(q url.Values, answer any) (any, error) {
	if q.Get("fields") == "" {
		return answer, nil
	}
	named := map[string]bool{}
	for _, f := range strings.Split(q.Get("fields"), ",") {
		named[strings.TrimSpace(f)] = true
	}
	keep := q.Get("include_fields") != "false"
	pick := func(v any) (any, error) {
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		if len(raw) > 0 && raw[0] == '{' {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(raw, &m); err != nil {
				return nil, err
			}
			return project(m, named, keep), nil
		}
		var list []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		for i := range list {
			list[i] = project(list[i], named, keep)
		}
		return list, nil
	}
	if env, ok := answer.(envelope); ok {
		items, err := pick(env.items)
		env.items = items
		return env, err
	}
	return pick(answer)
}

func project(m map[string]json.RawMessage, named map[string]bool, keep bool) map[string]json.RawMessage {
	for k := range m {
		if named[k] != keep {
			delete(m, k)
		}
	}
	return m
}
