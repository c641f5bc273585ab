package common

import "github.com/orgdash/orgdash/safetext"

// Clean makes a string from the API safe to draw: it is safetext.Terminal
// (escape sequences removed, control and invisible format characters
// shown as �), under the name the screens use.
func Clean(s string) string { return safetext.Terminal(s) }
