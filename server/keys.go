package server

import (
	"bufio"
	"bytes"
	"fmt"
	"os"

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

// keyring maps a key's SHA256 fingerprint to its role.
type keyring map[string]Role

// loadKeys reads OpenSSH authorized_keys files: viewers, then operators
// (a key in both is an operator). A missing file is an error; an empty
// path is no file.
func loadKeys(viewers, operators string) (keyring, error) {
	ring := keyring{}
	for _, f := range []struct {
		path string
		role Role
	}{{viewers, Viewer}, {operators, Operator}} {
		if f.path == "" {
			continue
		}
		keys, err := readAuthorized(f.path)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			ring[gossh.FingerprintSHA256(k)] = f.role
		}
	}
	if len(ring) == 0 {
		return nil, fmt.Errorf("no keys: give --authorized-keys (viewers) or --operator-keys with at least one key")
	}
	return ring, nil
}

func readAuthorized(path string) ([]gossh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys []gossh.PublicKey
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not an OpenSSH public key: %v", path, n, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}
