package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"golang.org/x/oauth2"
)

// syncBuffer is written by the command's goroutine and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns a
// pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "orgdash sim test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	kb, _ := x509.MarshalECPrivateKey(key)
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// startSim runs `orgdash sim` with args, as a process of its own (it
// sets its process's memory limit), until the test ends, and returns the
// variables it printed once it is ready. It must end cleanly on SIGTERM.
func startSim(t *testing.T, args ...string) map[string]string {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ORGDASH_RUN_MAIN=1", "ORGDASH_ARGV="+strings.Join(append([]string{"sim", "--addr", "127.0.0.1:0"}, args...), "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	vars := regexp.MustCompile(`export (AUTH0_\w+)=(\S+)`)
	ready := make(chan map[string]string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		env := map[string]string{}
		for sc.Scan() {
			_, _ = out.Write(append(sc.Bytes(), '\n'))
			if m := vars.FindStringSubmatch(sc.Text()); m != nil {
				if env[m[1]] = m[2]; len(env) == 3 {
					ready <- env
				}
			}
		}
		close(ready)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("orgdash sim ended with %v after SIGTERM:\n%s", err, out.String())
		}
	})
	select {
	case env, ok := <-ready:
		if ok {
			return env
		}
	case <-time.After(patience * 10 * time.Second):
	}
	t.Fatalf("orgdash sim printed no variables: %q", out.String())
	return nil
}

// TestSimCommandOverHTTPS runs a full organization lifecycle with the
// official SDK's client credentials client against `orgdash sim --tls-cert … --empty`.
func TestSimCommandOverHTTPS(t *testing.T) {
	t.Parallel() // its own simulator, no environment
	certFile, keyFile, pool := selfSigned(t)
	env := startSim(t, "--tls-cert", certFile, "--tls-key", keyFile, "--empty", "--removal-delay", "0")
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	tokenCtx := context.WithValue(context.Background(), oauth2.HTTPClient, hc)
	m, err := management.New(env["AUTH0_DOMAIN"], management.WithClient(hc),
		management.WithClientCredentials(tokenCtx, env["AUTH0_CLIENT_ID"], env["AUTH0_CLIENT_SECRET"]))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// an empty tenant: no organizations, only the database connection
	l, err := m.Organization.List(ctx)
	check("list", err)
	if l.Total != 0 {
		t.Fatalf("--empty tenant lists %d organizations", l.Total)
	}
	var ids []string
	for _, n := range []string{"alpha", "beta", "gamma"} {
		o := &management.Organization{Name: auth0.String(n), DisplayName: auth0.String("Org " + n)}
		check("create "+n, m.Organization.Create(ctx, o))
		ids = append(ids, o.GetID())
	}
	o, err := m.Organization.ReadByName(ctx, "beta")
	check("read by name", err)
	check("update", m.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: auth0.String("Beta Ltd")}))
	o, err = m.Organization.Read(ctx, o.GetID())
	check("read", err)
	if o.GetDisplayName() != "Beta Ltd" {
		t.Fatalf("display name %q after update", o.GetDisplayName())
	}
	l, err = m.Organization.List(ctx, management.PerPage(2), management.Page(1))
	check("offset page", err)
	if l.Total != 3 || len(l.Organizations) != 1 || l.Organizations[0].GetName() != "gamma" {
		t.Fatalf("offset page 1 of 2: %+v", l)
	}
	l, err = m.Organization.List(ctx, management.Take(2))
	check("checkpoint page", err)
	l2, err := m.Organization.List(ctx, management.Take(2), management.From(l.Next))
	check("checkpoint page 2", err)
	if len(l.Organizations) != 2 || len(l2.Organizations) != 1 || l2.HasNext() {
		t.Fatalf("checkpoint pages: %d then %d (next %q)", len(l.Organizations), len(l2.Organizations), l2.Next)
	}

	db, err := m.Connection.ReadByName(ctx, "Username-Password-Authentication")
	check("database connection", err)
	err = m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{ConnectionID: db.ID, IsSignupEnabled: auth0.Bool(true)})
	if st := status(err); st != http.StatusBadRequest {
		t.Fatalf("signup without auto-membership: %v", err)
	}
	check("enable connection", m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{ConnectionID: db.ID,
		AssignMembershipOnLogin: auth0.Bool(true), IsSignupEnabled: auth0.Bool(true)}))
	check("update connection", m.Organization.UpdateConnection(ctx, o.GetID(), db.GetID(), &management.OrganizationConnection{IsSignupEnabled: auth0.Bool(false)}))
	c, err := m.Organization.Connection(ctx, o.GetID(), db.GetID())
	check("get connection", err)
	if c.GetIsSignupEnabled() || !c.GetAssignMembershipOnLogin() {
		t.Fatalf("connection settings %+v", c)
	}
	check("remove connection", m.Organization.DeleteConnection(ctx, o.GetID(), db.GetID()))

	u := &management.User{Connection: auth0.String("Username-Password-Authentication"), Email: auth0.String("ops@beta.example"), Password: auth0.String("a long passphrase")}
	check("create user", m.User.Create(ctx, u))
	r := &management.Role{Name: auth0.String("admin")}
	check("create role", m.Role.Create(ctx, r))
	check("add member", m.Organization.AddMembers(ctx, o.GetID(), []string{u.GetID()}))
	check("assign role", m.Organization.AssignMemberRoles(ctx, o.GetID(), u.GetID(), []string{r.GetID()}))
	ml, err := m.Organization.Members(ctx, o.GetID(), management.IncludeFields("user_id", "email", "roles"))
	check("members", err)
	if len(ml.Members) != 1 || len(ml.Members[0].Roles) != 1 || ml.Members[0].Roles[0].GetName() != "admin" {
		t.Fatalf("members %+v", ml.Members)
	}
	check("remove member", m.Organization.DeleteMembers(ctx, o.GetID(), []string{u.GetID()}))
	ml, _ = m.Organization.Members(ctx, o.GetID())
	if len(ml.Members) != 0 {
		t.Fatalf("member still listed with --removal-delay 0")
	}

	app := &management.Client{Name: auth0.String("Beta Portal")}
	check("create client", m.Client.Create(ctx, app))
	inv := &management.OrganizationInvitation{Inviter: &management.OrganizationInvitationInviter{Name: auth0.String("Ops")},
		Invitee: &management.OrganizationInvitationInvitee{Email: auth0.String("new@beta.example")}, ClientID: app.ClientID}
	check("invite", m.Organization.CreateInvitation(ctx, o.GetID(), inv))
	il, err := m.Organization.Invitations(ctx, o.GetID())
	check("invitations", err)
	_, err = m.Organization.Invitation(ctx, o.GetID(), inv.GetID())
	check("invitation", err)
	check("delete invitation", m.Organization.DeleteInvitation(ctx, o.GetID(), inv.GetID()))
	if len(il.OrganizationInvitations) != 1 {
		t.Fatalf("%d invitations", len(il.OrganizationInvitations))
	}
	for _, id := range ids {
		check("delete "+id, m.Organization.Delete(ctx, id))
	}
	l, _ = m.Organization.List(ctx)
	if l.Total != 0 {
		t.Fatalf("%d organizations left", l.Total)
	}
}

func status(err error) int {
	var me management.Error
	if errors.As(err, &me) {
		return me.Status()
	}
	return 0
}

func TestSimFlagsRefused(t *testing.T) {
	for _, args := range [][]string{
		{"--rate", "fast"}, {"--rate", "2"}, {"--orgs", "0"}, {"--members", "100001"},
		{"--removal-delay", "soon"}, {"--faults", "error=2"}, {"--tls-cert", "x.pem"}, {"--bogus"},
	} {
		cmd := rootCmd()
		cmd.SetArgs(append([]string{"sim"}, args...))
		cmd.SetOut(&bytes.Buffer{})
		err := cmd.Execute()
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error (exit 2)", args, err)
		}
	}
}

func TestSimPrintsPlainHTTPDomain(t *testing.T) {
	t.Parallel() // its own simulator, no environment
	env := startSim(t, "--empty", "--client-id", "my-id", "--client-secret", "s3cr3t-value")
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+$`).MatchString(env["AUTH0_DOMAIN"]) || env["AUTH0_CLIENT_ID"] != "my-id" {
		t.Fatalf("printed %v", env)
	}
	// a secret the user typed is not echoed back
	if env["AUTH0_CLIENT_SECRET"] == "s3cr3t-value" {
		t.Fatal("the given --client-secret was printed")
	}
}

// The "done when": orgdash sim --plan enterprise answers listing
// organizations and listing members from different buckets, 11 ids are
// refused, and --scopes with read scopes only leaves removal disabled,
// naming its scope.
func TestSimPlanCapsAndScopes(t *testing.T) {
	t.Parallel() // its own simulator, no environment
	env := startSim(t, "--plan", "enterprise", "--orgs", "3", "--members", "12",
		"--scopes", "read:organizations read:organization_members read:organization_connections")
	cl, err := client.New(client.Config{Domain: env["AUTH0_DOMAIN"], ClientID: env["AUTH0_CLIENT_ID"], ClientSecret: env["AUTH0_CLIENT_SECRET"]})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := cl.Organizations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	orgsLimit := cl.Tracker().Snapshot().Limit
	members, err := cl.Members(ctx, p.Items[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if membersLimit := cl.Tracker().Snapshot().Limit; orgsLimit != 10 || membersLimit != 40 {
		t.Fatalf("x-ratelimit-limit: organizations %d, members %d; want 10 and 40 (the enterprise table)", orgsLimit, membersLimit)
	}
	if cp := cl.Capabilities().Can(client.RemoveMembers); cp.Allowed || cp.Reason != "needs delete:organization_members" {
		t.Fatalf("removal with read scopes only: %+v", cp)
	}
	ids := make([]string, 11)
	for i := range ids {
		ids[i] = members.Items[i].UserID
	}
	tok := tokenFor(t, env)
	req, _ := http.NewRequest("POST", env["AUTH0_DOMAIN"]+"/api/v2/organizations/"+p.Items[0].ID+"/members",
		strings.NewReader(`{"members":["`+strings.Join(ids, `","`)+`"]}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 403 { // the read-only client may not add at all: the 403 comes first
		t.Fatalf("11 ids from a read-only client: %d", res.StatusCode)
	}
}

// tokenFor gets the printed client's token by the client credentials grant.
func tokenFor(t *testing.T, env map[string]string) string {
	t.Helper()
	body := fmt.Sprintf(`{"grant_type":"client_credentials","client_id":%q,"client_secret":%q,"audience":%q}`,
		env["AUTH0_CLIENT_ID"], env["AUTH0_CLIENT_SECRET"], env["AUTH0_DOMAIN"]+"/api/v2/")
	res, err := http.Post(env["AUTH0_DOMAIN"]+"/oauth/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil {
		t.Fatal(err)
	}
	return tok.AccessToken
}
