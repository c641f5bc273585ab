package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// simProcess is `orgdash sim` running as a process of its own.
type simProcess struct {
	url   string
	pid   int
	ready float64 // seconds from start until it said it was ready
	token string  // an access token with every scope, once asked for
}

// The client the simulator process is started with: a test value, not a secret.
const mixClientID, mixClientSecret = "mix-client", "mix-client-secret-for-tests"

// startSimProcess runs the simulator with unmetered rate limits until it
// says it is ready; the process is killed when the test ends.
func startSimProcess(tb testing.TB, orgs, members int) *simProcess {
	tb.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ORGDASH_RUN_MAIN=1",
		fmt.Sprintf("ORGDASH_ARGS=sim --addr 127.0.0.1:0 --plan off --orgs %d --members %d --client-id %s --client-secret %s",
			orgs, members, mixClientID, mixClientSecret))
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	p := &simProcess{pid: cmd.Process.Pid}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, rest, ok := strings.Cut(sc.Text(), " on "); ok && strings.Contains(rest, ", ready in") {
			p.ready = time.Since(start).Seconds()
			p.url, _, _ = strings.Cut(rest, ",")
			break
		}
	}
	if p.url == "" {
		tb.Fatal("the simulator never said it was ready")
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // the rest of its output
	return p
}

// rssMB is the process's resident memory as the kernel counts it.
func (p *simProcess) rssMB(tb testing.TB) float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.pid))
	if err != nil {
		tb.Skip("no /proc to read RSS from")
	}
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// get reads path into v (nil: the body is read and dropped).
func (p *simProcess) get(tb testing.TB, path string, v any) {
	tb.Helper()
	req, _ := http.NewRequest("GET", p.url+"/api/v2/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+p.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			tb.Fatalf("GET %s: %v", path, err)
		}
	}
}

// serveMix asks the simulator for n GETs in the proportions a day of
// dashboards asks for them, four at a time: organization pages from the
// start and further on, single organizations, members pages with roles
// from the largest organization and from small ones, member counts,
// connections, invitations, a user's organizations, user searches.
func (p *simProcess) serveMix(tb testing.TB, n int) {
	tb.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {mixClientID}, "client_secret": {mixClientSecret},
		"audience": {p.url + "/api/v2/"}}
	res, err := http.PostForm(p.url+"/oauth/token", form)
	if err != nil {
		tb.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	if err != nil || tok.AccessToken == "" {
		tb.Fatalf("no token: %v", err)
	}
	p.token = tok.AccessToken
	var first struct {
		Organizations []struct{ ID string } `json:"organizations"`
		Next          string                `json:"next"`
	}
	p.get(tb, "organizations?take=100", &first)
	var acme struct{ ID string }
	p.get(tb, "organizations/name/acme", &acme)
	var members struct {
		Members []struct {
			UserID string `json:"user_id"`
		} `json:"members"`
		Next string `json:"next"`
	}
	p.get(tb, "organizations/"+acme.ID+"/members?take=100", &members)
	paths := func(i int) string {
		o := first.Organizations[i%len(first.Organizations)].ID
		switch i % 10 {
		case 0:
			return "organizations?take=100"
		case 1:
			return "organizations?take=100&from=" + url.QueryEscape(first.Next)
		case 2:
			return "organizations/" + o
		case 3:
			return "organizations/" + acme.ID + "/members?take=100&fields=user_id,email,picture,name,roles&include_fields=true&from=" + url.QueryEscape(members.Next)
		case 4:
			return "organizations/" + o + "/members?take=50&fields=user_id,email,picture,name,roles&include_fields=true"
		case 5:
			return "organizations/" + o + "/members?per_page=1&include_totals=true&fields=user_id&include_fields=true"
		case 6:
			return "organizations/" + o + "/enabled_connections"
		case 7:
			return "organizations/" + o + "/invitations?per_page=50&include_totals=true"
		case 8:
			return "users/" + url.PathEscape(members.Members[i%len(members.Members)].UserID) + "/organizations"
		}
		return "users?per_page=50&q=" + url.QueryEscape(`email:"*smith*"`)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				p.get(tb, paths(i), nil)
			}
		})
	}
	wg.Wait()
}

// At Auth0's entity limits the simulator fits in 300 MB of resident memory
// when it says it is ready, and stays within 350 MB after serving 3,000 GETs
// of a realistic mix. One process serves both measurements: starting a
// 100,000-organization tenant is most of a test run's CPU.
func TestSimAtEntityLimitsFitsAndServesAMix(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures a process of a 100,000-organization tenant")
	}
	t.Parallel() // a process of its own
	p := startSimProcess(t, 100000, 100000)
	ready := p.rssMB(t)
	t.Logf("100,000 organizations, one of 100,000 members: serving after %.2f s in %.0f MB RSS", p.ready, ready)
	if ready > 300 {
		t.Fatalf("%.0f MB resident when ready, want under 300 MB", ready)
	}
	start := time.Now()
	p.serveMix(t, 3000)
	rss := p.rssMB(t)
	t.Logf("3,000 mixed GETs in %.2f s, then %.0f MB RSS", time.Since(start).Seconds(), rss)
	if rss > 350 {
		t.Fatalf("%.0f MB resident after 3,000 GETs, want under 350 MB", rss)
	}
}
