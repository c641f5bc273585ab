package safetext

import "strings"

// Shell is s as one word for a POSIX shell (sh, bash, zsh): in single
// quotes, where nothing is special, each ' written as
// close-quote, backslash-quote, open-quote. A NUL cannot be passed in an
// argument and is dropped; everything else arrives as it is, so $(…),
// backticks, $VAR, ! and newlines are text, never run.
func Shell(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Command is a command line of words, each made safe by Shell.
func Command(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = Shell(w)
	}
	return strings.Join(quoted, " ")
}
