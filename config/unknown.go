package config

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// fieldNotFound is the YAML library's "field bogus not found in type
// config.Profile".
var fieldNotFound = regexp.MustCompile(`field (\S+) not found in type config\.(\w+)`)

// sections name the file's parts for people, with the type that holds them.
var sections = map[string]struct {
	where string
	t     reflect.Type
}{
	"Config":      {"at the top of the file", reflect.TypeFor[Config]()},
	"Profile":     {"in a profile", reflect.TypeFor[Profile]()},
	"Serve":       {"under serve", reflect.TypeFor[Serve]()},
	"ServeAccess": {"in serve.access", reflect.TypeFor[ServeAccess]()},
	"Secret":      {"in a secret", reflect.TypeFor[Secret]()},
}

// explainUnknown says an unknown setting in the file's words, with the
// settings that are known there: "unknown setting bogus in a profile
// (known: client_id, client_secret, domain, …)".
func explainUnknown(msg string) string {
	m := fieldNotFound.FindStringSubmatchIndex(msg)
	if m == nil {
		return msg
	}
	name, typ := msg[m[2]:m[3]], msg[m[4]:m[5]]
	sec, ok := sections[typ]
	if !ok {
		return msg
	}
	var known []string
	for f := range sec.t.Fields() {
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			known = append(known, tag)
		}
	}
	slices.Sort(known)
	return msg[:m[0]] + "unknown setting " + name + " " + sec.where + " (known: " + strings.Join(known, ", ") + ")" + msg[m[1]:]
}
