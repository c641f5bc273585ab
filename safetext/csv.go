package safetext

import "strings"

// CSV makes s safe as a spreadsheet cell: what Terminal removes or marks
// is removed or marked, then a cell that a spreadsheet would read as a
// formula (starting with = + - @, a tab or CR, their full-width forms, or
// any of those after spaces) gets a leading ', as OWASP advises against
// CSV injection (https://owasp.org/www-community/attacks/CSV_Injection).
// Quoting the cell for the CSV syntax is encoding/csv's part.
func CSV(s string) string {
	clean := Terminal(s)
	if formula(s) || formula(clean) { // a tab or CR first is marked by Terminal: still guarded
		return "'" + clean
	}
	return clean
}

func formula(s string) bool {
	s = strings.TrimLeft(s, " ")
	return s != "" && strings.ContainsRune("=+-@\t\r＝＋－＠", []rune(s)[0])
}
