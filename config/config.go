// Package config reads orgdash's YAML configuration: profiles (tenants)
// with their protection levels, key overrides, theme, audit log and the SSH
// server's settings. Mistakes are reported with the file, line and problem.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgdash/orgdash/limits"
	"gopkg.in/yaml.v3"
)

// Level is how a profile guards its tenant.
type Level string

// The protection levels.
const (
	ReadOnly  Level = "read-only" // no change possible, enforced below the UI
	Protected Level = "protected" // every removal or toggle needs the typed name
	Open      Level = "open"      // y/N confirmations
)

// UnmarshalYAML accepts the three levels and nothing else.
func (l *Level) UnmarshalYAML(n *yaml.Node) error {
	switch Level(n.Value) {
	case ReadOnly, Protected, Open:
		*l = Level(n.Value)
		return nil
	}
	return fmt.Errorf("line %d: protection %q: want read-only, protected or open", n.Line, n.Value) // read as FILE:LINE by Load
}

// Secret is a credential given by reference: the name of an environment
// variable, or a command that prints it; or, in a file only its owner can
// read, the value itself.
type Secret struct {
	Env     string `yaml:"env"`
	Command string `yaml:"command"`
	Value   string `yaml:"value"`
}

// Profile is one tenant.
type Profile struct {
	Domain       string `yaml:"domain"`
	ClientID     string `yaml:"client_id"`
	ClientSecret Secret `yaml:"client_secret"`
	APIToken     Secret `yaml:"api_token"`
	Protection   Level  `yaml:"protection"`
	// Plan is the tenant's rate-limit plan (free, essentials, enterprise,
	// enterprise-nonprod, private-20, private-500), when known.
	Plan string `yaml:"plan"`
}

// Serve is `orgdash serve`'s settings.
type Serve struct {
	Listen         string        `yaml:"listen"`
	HostKey        string        `yaml:"host_key"`
	AuthorizedKeys string        `yaml:"authorized_keys"`
	OperatorKeys   string        `yaml:"operator_keys"`
	AuditLog       string        `yaml:"audit_log"`
	LogFile        string        `yaml:"log_file"`
	IdleTimeout    time.Duration `yaml:"idle_timeout"`
	MaxSession     time.Duration `yaml:"max_session"`
	MaxSessions    int           `yaml:"max_sessions"`
	LoginGrace     time.Duration `yaml:"login_grace"`
	MaxStartups    string        `yaml:"max_startups"` // start:rate:full, as OpenSSH's MaxStartups
	WriteTimeout   time.Duration `yaml:"write_timeout"`
	// Admission limits per source: connections not yet logged in from one
	// address and from one network (/24, /64), and new connections: a
	// burst, then one per interval.
	PerAddressStartups int           `yaml:"per_address_startups"`
	PerPrefixStartups  int           `yaml:"per_prefix_startups"`
	PerAddressBurst    int           `yaml:"per_address_burst"`
	PerAddressRate     time.Duration `yaml:"per_address_rate"`
	PerPrefixBurst     int           `yaml:"per_prefix_burst"`
	PerPrefixRate      time.Duration `yaml:"per_prefix_rate"`
	// Access gives the keys of a file a role on profiles: staging for some
	// people, production for others, from one server.
	Access []ServeAccess `yaml:"access"`
}

// ServeAccess is one grant: the keys of a file, a role, on profiles.
type ServeAccess struct {
	Keys     string   `yaml:"keys"`
	Profiles []string `yaml:"profiles"`
	Role     string   `yaml:"role"` // viewer or operator
}

// Config is the whole file.
type Config struct {
	DefaultProfile string              `yaml:"default_profile"`
	Profiles       map[string]Profile  `yaml:"profiles"`
	Keys           map[string][]string `yaml:"keys"`
	Theme          string              `yaml:"theme"` // auto, dark or light
	AuditLog       string              `yaml:"audit_log"`
	// AuditSyslog copies the audit to syslog or journald (RFC 5424):
	// unixgram:///dev/log, udp://host:514 or tcp://host:601.
	AuditSyslog string `yaml:"audit_syslog"`
	// Refresh reloads the shown list this often (--refresh wins; 0: never).
	Refresh time.Duration `yaml:"refresh"`
	Serve   Serve         `yaml:"serve"`

	path     string
	private  bool        // only its owner can read the file
	writable os.FileMode // its mode when others may change it (group or other may write), else 0
	keyLine  map[string]int
}

// Path is where the file was read from ("" when there was none).
func (c *Config) Path() string { return c.path }

// KeyLine is the line an action's key override is on, for messages.
func (c *Config) KeyLine(action string) int { return c.keyLine[action] }

// DefaultPath is $ORGDASH_CONFIG, else $XDG_CONFIG_HOME/orgdash/config.yaml,
// else ~/.config/orgdash/config.yaml.
func DefaultPath(getenv func(string) string) string {
	if p := getenv("ORGDASH_CONFIG"); p != "" {
		return p
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "orgdash", "config.yaml")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "orgdash", "config.yaml")
}

// Load reads path. A missing file is an empty configuration unless the
// user named it (required).
func Load(path string, required bool) (*Config, error) {
	c := &Config{Profiles: map[string]Profile{}, keyLine: map[string]int{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	c.path = path
	if st, err := os.Stat(path); err == nil {
		c.private = st.Mode().Perm()&0o077 == 0
		if st.Mode().Perm()&0o022 != 0 {
			c.writable = st.Mode().Perm()
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, errEmpty) && err.Error() != "EOF" {
		return nil, errors.New(path + ":" + trimYAML(err))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err == nil {
		c.keyLine = keyLines(&root)
	}
	if err := c.check(&root); err != nil {
		return nil, errors.New(path + ":" + err.Error())
	}
	return c, nil
}

// at is a problem on a line of the file: "12: profile …", read as FILE:12: ….
func at(line int, format string, args ...any) error {
	return fmt.Errorf("%d: "+format, append([]any{line}, args...)...)
}

// lineOf is the line of the setting at keys ("profiles", "prod", "domain"),
// or of the nearest setting above it that is there; 1 when none is.
func lineOf(root *yaml.Node, keys ...string) int {
	line := 1
	if len(root.Content) == 0 {
		return line
	}
	n := root.Content[0]
	for _, k := range keys {
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

var errEmpty = errors.New("empty")

// trimYAML reads the library's "yaml: line 3: ..." as "3: ...", with no
// value of the file in it: the value may be a secret, and errors are
// printed and logged.
func trimYAML(err error) string {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = explainUnknown(hideQuoted(msg))
	if strings.Contains(msg, "cannot unmarshal") { // "cannot unmarshal !!str a value into config.Secret"
		msg += " (the value is not shown: it may be a secret)"
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, problem, ok := strings.Cut(rest, ": "); ok {
			return n + ": " + problem
		}
	}
	return " " + msg
}

// hideQuoted replaces what the YAML library quotes in its errors
// ("cannot unmarshal !!str `s3cr3t` into …"), a value that may be a
// secret, with "a value".
func hideQuoted(msg string) string {
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(msg, "`")
		if !ok {
			return b.String() + msg
		}
		_, after, closed := strings.Cut(rest, "`")
		b.WriteString(before + "a value")
		if !closed {
			return b.String()
		}
		msg = after
	}
}

// keyLines finds the line of each action under "keys".
func keyLines(root *yaml.Node) map[string]int {
	lines := map[string]int{}
	if len(root.Content) == 0 {
		return lines
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "keys" {
			m := doc.Content[i+1]
			for j := 0; j+1 < len(m.Content); j += 2 {
				lines[m.Content[j].Value] = m.Content[j].Line
			}
		}
	}
	return lines
}

// check looks at what the decoder cannot: references between settings and
// plaintext secrets in files others can read.
func (c *Config) check(root *yaml.Node) error {
	if c.DefaultProfile != "" {
		if _, ok := c.Profiles[c.DefaultProfile]; !ok {
			return at(lineOf(root, "default_profile"), "default_profile %q is not among the profiles (%s)", c.DefaultProfile, strings.Join(c.Names(), ", "))
		}
	}
	switch c.Theme {
	case "", "auto", "dark", "light":
	default:
		return at(lineOf(root, "theme"), "theme %q: want auto, dark or light", c.Theme)
	}
	if c.writable != 0 && (c.Serve.AuthorizedKeys != "" || c.Serve.OperatorKeys != "" || len(c.Serve.Access) > 0) {
		return at(lineOf(root, "serve"), "serve: this file has mode %04o: others may change it and give their own keys access; chmod go-w %s", c.writable, c.path)
	}
	for i, a := range c.Serve.Access {
		line := lineOf(root, "serve", "access")
		switch {
		case a.Role != "viewer" && a.Role != "operator":
			return at(line, "serve.access[%d]: role %q: want viewer or operator", i, a.Role)
		case a.Keys == "":
			return at(line, "serve.access[%d]: no keys file", i)
		case len(a.Profiles) == 0:
			return at(line, "serve.access[%d]: no profiles", i)
		}
		for _, p := range a.Profiles {
			if _, ok := c.Profiles[p]; !ok {
				return at(line, "serve.access[%d]: profile %q is not among the profiles (%s)", i, p, strings.Join(c.Names(), ", "))
			}
		}
	}
	for _, name := range c.Names() {
		p := c.Profiles[name]
		if p.Plan != "" {
			if _, ok := limits.Plans[p.Plan]; !ok {
				return at(lineOf(root, "profiles", name, "plan"), "profile %q: plan %q: want one of %s", name, p.Plan, strings.Join(limits.PlanNames(), ", "))
			}
		}
		if p.Domain == "" {
			return at(lineOf(root, "profiles", name), "profile %q has no domain", name)
		}
		for _, what := range []string{"client_secret", "api_token"} {
			s := map[string]Secret{"client_secret": p.ClientSecret, "api_token": p.APIToken}[what]
			line := lineOf(root, "profiles", name, what)
			if s != (Secret{}) && c.writable != 0 {
				return at(line, "profile %q: %s: this file has mode %04o: others may change it (to run their own command:, or send the secret to their own domain); a file that gives a secret must be writable by you alone (chmod go-w %s)",
					name, what, c.writable, c.path)
			}
			if s.Value != "" && !c.private {
				return at(line, "profile %q: a plaintext %s is allowed only in a file only you can read (chmod 600 %s), or use env: or command:", name, what, c.path)
			}
			if n := count(s.Env != "", s.Command != "", s.Value != ""); n > 1 {
				return at(line, "profile %q: %s takes one of env, command or value", name, what)
			}
		}
	}
	return nil
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
