package audit

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A writer's lease tells `orgdash audit reconcile` that the process that
// wrote an intent is still running, so its missing outcome is not a
// killed change but one still under way: reconcile leaves it alone. Each
// Log opened on a file takes a lease, a file in the folder next to the log
// named after the writer and locked (flock) while the process lives; the
// kernel drops the lock when the process ends, however it ends (SIGKILL
// included). Every line the Log writes names its writer.

// leaseDir is the folder of the writers' leases of the log at path.
func leaseDir(path string) string { return path + ".writers" }

// leasePath is the lease file of writer for the log at path.
func leasePath(path, writer string) string {
	return filepath.Join(leaseDir(path), filepath.Base(writer)+".lease")
}

// newWriterID names a writer: its process id, and random bytes so that a
// reused pid is a different writer.
func newWriterID() string { return strconv.Itoa(os.Getpid()) + "-" + newID() }

// Live reports whether writer, which wrote lines to the log at path, is
// a process still running (it holds its lease). A writer with no lease
// (an older orgdash, a log written elsewhere) or whose lease is free is
// not; a free lease is removed.
func Live(path, writer string) bool {
	if writer == "" {
		return false
	}
	f, err := os.OpenFile(leasePath(path, writer), os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if !tryLock(f) {
		return true
	}
	_ = os.Remove(f.Name())
	unlock(f)
	return false
}

// takeLease creates and locks writer's lease for the log at path.
func takeLease(path, writer string) (*os.File, error) {
	if err := os.MkdirAll(leaseDir(path), 0o700); err != nil {
		return nil, err
	}
	// locked under a name reconcile never opens, then put in place: a lease
	// is never seen unlocked while its writer lives
	final := leasePath(path, writer)
	f, err := os.OpenFile(final+".new", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if !tryLock(f) {
		f.Close()
		return nil, os.ErrExist
	}
	if err := os.Rename(final+".new", final); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// dropLease unlocks and removes a lease.
func dropLease(f *os.File) {
	if f == nil {
		return
	}
	_ = os.Remove(strings.TrimSuffix(f.Name(), ".new"))
	unlock(f)
	f.Close()
}
