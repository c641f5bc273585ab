package audit

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A torn line, alone or glued to the next writer's whole line, is skipped
// and reported; every whole entry is read.
func TestReadSkipsTornLinesAndKeepsTheRest(t *testing.T) {
	line := func(id, phase string) string {
		b, _ := json.Marshal(Entry{Time: time.Unix(1, 0).UTC(), ID: id, Phase: phase, Action: "delete organization", Outcome: map[string]string{Ended: OK}[phase]})
		return string(b)
	}
	log := line("a", Intent) + "\n" +
		`{"time":"2026-12-01T10:00:00Z","id":"x","pha` + "\n" + // cut short in the middle
		line("a", Ended) + "\n" +
		line("b", Intent)[:25] + line("c", Intent) + "\n" + // a torn tail, then another writer's line
		"\x00\x00garbage\n" +
		line("d", Intent)[:30] // the last line, cut short
	changes, torn, err := ReadAll(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range changes {
		ids = append(ids, c.Intent.ID+"="+c.State())
	}
	if strings.Join(ids, " ") != "a=ok c=interrupted" {
		t.Fatalf("changes %v", ids)
	}
	if len(torn) != 4 || torn[0].Line != 2 || torn[1].Line != 4 || torn[2].Line != 5 || torn[3].Line != 6 {
		t.Fatalf("torn %+v", torn)
	}
}
