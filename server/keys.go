package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/orgdash/orgdash/ui/common"
	gossh "golang.org/x/crypto/ssh"
)

// Role is what a key may do.
type Role int

// The roles: viewers look, operators may change the tenant.
const (
	Viewer Role = iota + 1
	Operator
)

func (r Role) String() string {
	switch r {
	case Viewer:
		return "viewer"
	case Operator:
		return "operator"
	}
	return "none"
}

// member is what a listed key says of its holder: a role on each profile
// it may open, and the comment (alice@corp), which names the person.
type member struct {
	roles   map[string]Role // profile → role
	comment string
}

// start is the profile a session of m opens on: def if m may, else the
// first m may open.
func (m member) start(def string) (string, Role) {
	if r, ok := m.roles[def]; ok {
		return def, r
	}
	names := m.profiles()
	if len(names) == 0 {
		return "", 0
	}
	return names[0], m.roles[names[0]]
}

// profiles are the profiles m may open, sorted.
func (m member) profiles() []string {
	names := make([]string, 0, len(m.roles))
	for n := range m.roles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// keyring maps a key's SHA256 fingerprint to its holder.
type keyring map[string]member

// grant is a file of keys given a role on profiles.
type grant struct {
	path     string
	role     Role
	profiles []string
}

// loadKeys reads OpenSSH authorized_keys files: viewers and operators of
// the default profile, then each Access entry. A key given two roles on
// one profile is an error naming both lines, not a silent promotion; so is
// a file others may write (they could add their own key). An empty path is
// no file. A missing or empty file grants nothing (removing or emptying a
// file revokes its keys): each is named in the notes, for the log. No key
// at all is an error at start (nobody could log in), and valid on a reload
// (revoking everyone).
func loadKeys(viewers, operators, def string, access []Access, revoking bool) (keyring, []string, error) {
	grants := []grant{{viewers, Viewer, []string{def}}, {operators, Operator, []string{def}}}
	for _, a := range access {
		grants = append(grants, grant{a.Keys, a.Role, a.Profiles})
	}
	ring := keyring{}
	var notes []string
	where := map[string]string{} // fingerprint and profile → FILE:LINE
	for _, g := range grants {
		if g.path == "" {
			continue
		}
		keys, err := readAuthorized(g.path)
		if errors.Is(err, os.ErrNotExist) {
			notes = append(notes, g.path+" is missing: it grants nothing now")
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if len(keys) == 0 {
			notes = append(notes, g.path+" lists no key: it grants nothing now")
		}
		for _, k := range keys {
			fp := gossh.FingerprintSHA256(k.key)
			m, ok := ring[fp]
			if !ok {
				m = member{roles: map[string]Role{}, comment: k.comment}
			}
			for _, p := range g.profiles {
				if at, dup := where[fp+" "+p]; dup && m.roles[p] != g.role {
					return nil, nil, fmt.Errorf("%s: key %s is listed already at %s: a key has one role on a profile; remove one of the lines", k.at, fp, at)
				}
				where[fp+" "+p] = k.at
				m.roles[p] = g.role
			}
			ring[fp] = m
		}
	}
	if len(ring) == 0 && !revoking {
		return nil, nil, fmt.Errorf("no keys: give --authorized-keys (viewers) or --operator-keys with at least one key")
	}
	return ring, notes, nil
}

// listedKey is one line of an authorized_keys file.
type listedKey struct {
	key     gossh.PublicKey
	comment string
	at      string // FILE:LINE
}

func readAuthorized(path string) ([]listedKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o022 != 0 {
		return nil, fmt.Errorf("%s has mode %04o: others may write it and add their own key; chmod go-w %s", path, st.Mode().Perm(), path)
	}
	var keys []listedKey
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, comment, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not an OpenSSH public key: %v", path, n, err)
		}
		keys = append(keys, listedKey{key: k, comment: common.Clean(comment), at: fmt.Sprintf("%s:%d", path, n)})
	}
	return keys, nil
}

// checkHostKey refuses a host key file others may read: whoever reads it
// can pose as this server. An absent file is generated later, private.
func checkHostKey(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("host key %s has mode %04o: others may read it and pose as this server; chmod 600 %s", path, st.Mode().Perm(), path)
	}
	return nil
}

// hostKeyFingerprint is the SHA256 fingerprint of the host key at path,
// for the start log (people compare it with what ssh shows them).
func hostKeyFingerprint(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return "", fmt.Errorf("host key %s: %w", path, err)
	}
	return gossh.FingerprintSHA256(signer.PublicKey()), nil
}

// Check reads the key files and looks at the host key as New would, and
// says what it found: "2 viewers, 1 operator; host key SHA256:…", and any
// file that grants nothing.
func Check(viewers, operators, hostKey string, access []Access) (string, error) {
	ring, notes, err := loadKeys(viewers, operators, "", access, false)
	if err != nil {
		return "", err
	}
	if err := checkHostKey(hostKey); err != nil {
		return "", err
	}
	n := map[Role]int{}
	for _, m := range ring {
		top := Viewer
		for _, r := range m.roles {
			top = max(top, r)
		}
		n[top]++
	}
	found := fmt.Sprintf("%d viewer key(s), %d operator key(s)", n[Viewer], n[Operator])
	for _, note := range notes {
		found += "; " + note
	}
	fp, err := hostKeyFingerprint(hostKey)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return found + "; no host key yet at " + hostKey + " (one is generated, mode 0600, on the first start)", nil
	case err != nil:
		return "", err
	}
	return found + "; host key " + fp, nil
}
