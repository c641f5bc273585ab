package export

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func writing(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func failing(w io.Writer) error {
	_, _ = io.WriteString(w, "half") // half an export, then the failure
	return errors.New("the tenant went away")
}

// kind is what is at path itself, without following a link.
func kind(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

// A FIFO's reader gets the export, and the FIFO stays a FIFO; a failed
// export gives the reader an end with nothing before it.
func TestExportToAFIFOWritesThrough(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, c := range []struct {
		write func(io.Writer) error
		want  string
	}{{writing("[1,2,3]\n"), "[1,2,3]\n"}, {failing, ""}} {
		got := make(chan []byte)
		go func() { b, _ := os.ReadFile(p); got <- b }()
		err := To(p, io.Discard, c.write)
		if m := kind(t, p); m&fs.ModeNamedPipe == 0 { // replaced: its reader would wait for ever
			t.Fatalf("the FIFO became %v", m)
		}
		if b := <-got; string(b) != c.want || (err == nil) != (c.want != "") {
			t.Fatalf("the reader got %q (export: %v), want %q", b, err, c.want)
		}
	}
}

// A character device is written to, never replaced (as root, -o
// /dev/null used to replace the machine's /dev/null with a file).
func TestExportToACharacterDeviceWritesThrough(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("making a device takes root")
	}
	p := filepath.Join(t.TempDir(), "fakenull")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil { // 1:3, /dev/null's numbers
		t.Skipf("mknod: %v", err)
	}
	before := kind(t, p)
	if err := To(p, io.Discard, writing("data")); err != nil {
		t.Fatal(err)
	}
	if m := kind(t, p); m != before {
		t.Fatalf("the device %v became %v", before, m)
	}
}

// A symlink's target is written, keeping its mode; the link stays a link.
// A link to /dev/null leaves /dev/null a device. A link to nothing is
// refused, and nothing is made where it points.
func TestExportThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "latest.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := To(link, io.Discard, writing("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Fatalf("the target holds %q", b)
	}
	if m := kind(t, link); m&fs.ModeSymlink == 0 {
		t.Fatalf("the link became %v", m)
	}
	if m := kind(t, target); m.Perm() != 0o644 {
		t.Fatalf("the target's mode became %v", m)
	}

	null := filepath.Join(dir, "null")
	if err := os.Symlink("/dev/null", null); err != nil {
		t.Fatal(err)
	}
	if err := To(null, io.Discard, writing("gone")); err != nil {
		t.Fatal(err)
	}
	if m := kind(t, "/dev/null"); m&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null became %v", m)
	}
	if m := kind(t, null); m&fs.ModeSymlink == 0 {
		t.Fatalf("the link to /dev/null became %v", m)
	}

	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), dangling); err != nil {
		t.Fatal(err)
	}
	err := To(dangling, io.Discard, writing("x"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("a link to nothing: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a file appeared where the link points (%v)", err)
	}
}

// An existing file keeps its mode; a new one is 0600; a failed export
// leaves the old content; a directory is refused.
func TestExportToARegularFile(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared.csv")
	if err := os.WriteFile(shared, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := To(shared, io.Discard, failing); err == nil {
		t.Fatal("a failed export succeeded")
	}
	if b, _ := os.ReadFile(shared); string(b) != "old" {
		t.Fatalf("a failed export changed the file: %q", b)
	}
	if err := To(shared, io.Discard, writing("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(shared); string(b) != "new" || kind(t, shared).Perm() != 0o644 {
		t.Fatalf("after the export: %q, mode %v", b, kind(t, shared))
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := To(fresh, io.Discard, writing("x")); err != nil {
		t.Fatal(err)
	}
	if m := kind(t, fresh); !m.IsRegular() || m.Perm() != 0o600 {
		t.Fatalf("a new file is %v", m)
	}
	if err := To(dir, io.Discard, writing("x")); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("a directory: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".orgdash-export-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// -o - is standard output, not a file named "-".
func TestExportToDashIsStdout(t *testing.T) {
	t.Chdir(t.TempDir())
	var out bytes.Buffer
	if err := To("-", &out, writing("[]\n")); err != nil || out.String() != "[]\n" {
		t.Fatalf("stdout got %q (%v)", out.String(), err)
	}
	if _, err := os.Lstat("-"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a file named - was made (%v)", err)
	}
}
