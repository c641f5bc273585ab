package table

// SetEmpty changes what the table says when it has no rows: a list that
// could not read its rows says so in place of "no members".
func (m *Model) SetEmpty(s string) { m.empty = s }
