package sim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"
)

// maxBody bounds what the simulator reads of a request body.
const maxBody = 1 << 20

// decodeBody reads a JSON object into dst, refusing keys outside allowed with
// Auth0's "Additional properties not allowed" message. props describes each
// allowed key for messages, as Auth0's validator does.
func decodeBody(r *http.Request, dst any, props map[string]string) *apiError {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return errBody("'Could not read the request body'.")
	}
	if !json.Valid(raw) {
		// the Management API is served by hapi, whose answer to a body that
		// is not JSON this is (Auth0 documents none: a guess from its stack)
		return &apiError{Status: http.StatusBadRequest, Message: "Invalid request payload JSON format"}
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil || keys == nil {
		return errBody("'Expected type object but found type %s'.", jsonType(raw))
	}
	var extra []string
	for k := range keys {
		if _, ok := props[k]; !ok {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return errBody("'Additional properties not allowed: %s'.", strings.Join(extra, ","))
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if i := strings.IndexByte(field, '.'); i >= 0 {
				field = field[:i]
			}
			return errBody("'Expected type %s but found type %s' on property %s (%s).",
				jsonKind(te.Type.Kind().String()), te.Value, field, props[field])
		}
		return errBody("'%s'.", err.Error())
	}
	return nil
}

// jsonType names the JSON type of a raw value the way Auth0's validator does.
func jsonType(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "" || s == "null":
		return "null"
	case s[0] == '[':
		return "array"
	case s[0] == '"':
		return "string"
	case s == "true" || s == "false":
		return "boolean"
	case s[0] == '{':
		return "object"
	default:
		return "number"
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "bool":
		return "boolean"
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "map", "struct", "ptr":
		return "object"
	default:
		return "number"
	}
}

// requireString checks a required, length-bounded string property.
func requireString(v *string, prop, desc string, least, most int) *apiError {
	if v == nil {
		return errBody("'Missing required property: %s'.", prop)
	}
	return checkLen(*v, prop, desc, least, most)
}

func checkLen(v, prop, desc string, least, most int) *apiError {
	n := len([]rune(v))
	if n < least {
		return errBody("'String is too short (%d chars), minimum %d' on property %s (%s).", n, least, prop, desc)
	}
	if most > 0 && n > most {
		return errBody("'String is too long (%d chars), maximum %d' on property %s (%s).", n, most, prop, desc)
	}
	return nil
}

// idList reads {"<key>": ["id", ...]} with at least one id.
func idList(r *http.Request, key, desc string) ([]string, *apiError) {
	var body map[string][]string
	if e := decodeBody(r, &body, map[string]string{key: desc}); e != nil {
		return nil, e
	}
	ids, ok := body[key]
	if !ok {
		return nil, errBody("'Missing required property: %s'.", key)
	}
	if len(ids) == 0 {
		return nil, errBody("'Array is too short (0), minimum 1' on property %s (%s).", key, desc)
	}
	return unique(ids), nil
}

// unique drops repeated ids, keeping the first of each.
func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
