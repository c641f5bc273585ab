package ui

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// person creates a person on acme-saml (their user id is the connection
// and their email: a string the customer's identity provider chose) and
// adds them to the first n organizations.
func (f *flow) person(email, name string, n int) string {
	f.t.Helper()
	ctx := context.Background()
	u := &management.User{Connection: auth0.String("acme-saml"), Email: &email}
	if name != "" {
		u.Name = &name
	}
	if err := f.admin.User.Create(ctx, u); err != nil {
		f.t.Fatal(err)
	}
	l, err := f.admin.Organization.List(ctx, management.PerPage(n))
	if err != nil {
		f.t.Fatal(err)
	}
	for _, o := range l.Organizations[:n] {
		if err := f.admin.Organization.AddMembers(ctx, o.GetID(), []string{u.GetID()}); err != nil {
			f.t.Fatal(err)
		}
	}
	return u.GetID()
}

// sourced runs text as sh would if it were pasted or sourced, with curl a
// shell function printing its arguments, in an empty directory: what each
// call received, and the files anything it ran left.
func sourced(t *testing.T, text string) (calls [][]string, left []os.DirEntry) {
	t.Helper()
	dir := t.TempDir()
	script := `curl() { for a; do printf '%s\0' "$a"; done; printf '\n'; }` + "\nTOKEN=tok\n" + text
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("sh: %v: %s\n%s", err, stderr.String(), text)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		calls = append(calls, strings.Split(strings.TrimSuffix(line, "\x00"), "\x00"))
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return calls, left
}

// A user id is the customer's (a SAML NameID): Copy as curl of removing
// such a person from 3 organizations copies 3 calls that, pasted into a
// shell, run curl alone, with the user id in the body as it is.
func TestFlowCopyAsCurlRunsNothingOfAUserID(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	for _, email := range []string{"x'$(touch PWNED)'y@example.com", "ines.o'brien@example.com", "`touch PWNED`$(id)${HOME}@example.com"} {
		t.Run(email, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 5, Members: 3})
				f := startFlow(t, tn, "", "")
				f.wait("5 organizations", "1 of 5")
				uid := f.person(email, "", 3)
				f.press("u")
				f.want("Find people")
				f.typed(email).press("enter")
				f.wait("1 person found")
				f.press("enter")
				f.wait("3 organizations")
				f.press("A", "d")
				f.want("Copy as curl (3 commands)")
				f.press("down", "enter")
				f.want("copied 3 curl commands")
				calls, left := sourced(t, f.Clipboard())
				if len(left) > 0 {
					t.Fatalf("pasting the calls ran something: it left %s\n%s", left[0].Name(), f.Clipboard())
				}
				if len(calls) != 3 {
					t.Fatalf("%d curl calls ran, want 3:\n%s", len(calls), f.Clipboard())
				}
				for _, args := range calls {
					if n := len(args); n < 2 || args[n-2] != "-d" || args[n-1] != `{"members":["`+strings.ReplaceAll(uid, `"`, `\"`)+`"]}` {
						t.Fatalf("curl got %q, want the body with %s", args, uid)
					}
					if !strings.Contains(strings.Join(args, " "), "Authorization: Bearer tok") {
						t.Fatalf("the token was not left to the shell: %q", args)
					}
				}
			})
		})
	}
}

// y copies what the menu shows: a name carrying a bracketed-paste end, a
// CR and an OSC 52 write is copied without them (pasted into bash it
// would have run touch with no Enter), and the menu and the status say
// the copy is not the stored value; a clean email is copied as it is.
func TestFlowCopyCopiesWhatItShows(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 3})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations")
		email := "bob.o'paste@example.com"
		f.person(email, "Bob Paste\x1b[201~; touch PASTEPWN\r\x1b]52;c;dG91Y2ggUFdORUQK\a", 1)
		f.press("u")
		f.want("Find people")
		f.typed(email).press("enter")
		f.wait("1 person found")
		f.press("y")
		f.want("Copy", "Bob Paste; touch PASTEPWN (cleaned)", email)
		f.press("down", "down", "enter")
		f.want("copied name: Bob Paste; touch PASTEPWN (hidden characters left out")
		if got := f.Clipboard(); got != "Bob Paste; touch PASTEPWN" {
			t.Fatalf("copied %q", got)
		}
		f.press("y", "down", "enter")
		f.want("copied email: " + email)
		f.wantNot("hidden characters left out")
		if got := f.Clipboard(); got != email {
			t.Fatalf("copied %q, want %q", got, email)
		}
	})
}
