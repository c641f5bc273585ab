package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A real orgdash process removes 200 members, 10 a call; the fourth call
// is held on the wire. Reconcile run while it is still at it leaves its
// change alone (the process holds its lease); run just after a SIGKILL, it
// records nothing for members Auth0 may still be removing (its 5-10 s
// window; 30 s here, so that the check is not a race with the clock)
// instead of calling them failed.
func TestReconcileAfterSIGKILLMidRemoval(t *testing.T) {
	t.Parallel() // its own tenant, directory and processes
	gate := &simtest.Gate{Match: isMemberRemoval, Pass: 3}
	tn := simtest.StartWith(t, sim.Options{Orgs: 2, Members: 200, RemovalDelayMin: 30 * time.Second, RemovalDelayMax: 30 * time.Second}, gate.Wrap)
	dir := t.TempDir()
	logPath := filepath.Join(dir, "audit.jsonl")
	cmd, tm, _ := dashboardOn(t, tn, dir, nil)
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	removeAllOfAcme(t, tm)
	waitHolding(t, gate) // three calls answered, the fourth on the wire

	reconcile := []string{"audit", "reconcile", "--file", logPath, "--wait", "0"}
	out, err := runProcess(t, tenantEnv(tn), dir, reconcile...)
	if err != nil || !strings.Contains(out, "0 interrupted changes reconciled; 1 still under way in a running orgdash (left alone)") {
		t.Fatalf("reconcile while the writer runs: %v\n%s", err, out)
	}

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	out, err = runProcess(t, tenantEnv(tn), dir, reconcile...)
	if err != nil || !strings.Contains(out, "0 interrupted changes reconciled; 1 not yet known") {
		t.Fatalf("reconcile just after SIGKILL: %v\n%s", err, out)
	}
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := audit.Read(strings.NewReader(string(b)))
	if err != nil || len(changes) != 1 || changes[0].State() != audit.Interrupted {
		t.Fatalf("reconcile appended what it could not verify: %d changes (%v):\n%s", len(changes), err, b)
	}
}

// runProcess runs orgdash as a process of its own with env and HOME and
// XDG_CONFIG_HOME in dir, and returns its standard output and error
// together. Unlike run it sets nothing in this process's environment, so a
// test using it may run in parallel with others.
func runProcess(t *testing.T, env map[string]string, dir string, args ...string) (string, error) {
	t.Helper()
	for _, a := range args {
		if strings.ContainsAny(a, " \t\n") {
			t.Fatalf("ORGDASH_ARGS splits on spaces: %q", a)
		}
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ORGDASH_RUN_MAIN=1", "ORGDASH_ARGS="+strings.Join(args, " "),
		"XDG_CONFIG_HOME="+dir, "XDG_CACHE_HOME="+dir, "HOME="+dir, "ORGDASH_CONFIG=", "AUTH0_API_TOKEN=")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}
