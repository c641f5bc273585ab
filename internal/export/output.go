// Package export writes what orgdash exports where the person asked, safely
// for devices, FIFOs, symlinks and files that already exist.
package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// To runs write into a temporary file and, only once it has
// succeeded, puts what it wrote where path says, so a failed export
// leaves nothing behind and writes nothing:
//   - "" or "-": standard output;
//   - a regular file, or a name not taken yet: the temporary file is made
//     beside it and renamed into place; an existing file keeps its mode
//     (and, where allowed, its owner), a new one is 0600;
//   - a symlink: the same at the file it points to, as a shell's > does,
//     the link left as it is; a link to nothing is refused (a dangling
//     link in a shared directory is how a file is made to appear where
//     the person running orgdash did not mean it to);
//   - anything else (a character device such as /dev/null or a terminal,
//     a FIFO): opened and written to, never replaced.
func To(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return buffered(write, func(r io.Reader) error { _, err := io.Copy(stdout, r); return err })
	}
	target, fi, err := destination(path)
	if err != nil {
		return err
	}
	if fi != nil && !fi.Mode().IsRegular() {
		// opened first, as a shell's > would: a FIFO waits here for its reader
		dev, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = buffered(write, func(r io.Reader) error { _, err := io.Copy(dev, r); return err })
		return errors.Join(err, dev.Close())
	}
	return replace(target, fi, write)
}

// destination is the file path names, following symlinks, and what it is
// (nil: nothing there yet).
func destination(path string) (string, fs.FileInfo, error) {
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			to, _ := os.Readlink(path)
			return "", nil, fmt.Errorf("-o %s: a symlink to %s, which does not exist: not followed (name the file itself)", path, to)
		}
		return path, nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return "", nil, err
	}
	if fi.IsDir() {
		return "", nil, fmt.Errorf("-o %s: a directory; name a file in it", path)
	}
	return target, fi, nil
}

// replace writes a temporary file beside target and renames it into
// place, with the mode and owner of fi, the file it replaces (nil: none).
func replace(target string, fi fs.FileInfo, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(target), ".orgdash-export-*") // 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	defer f.Close()
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if fi != nil {
		if err := f.Chmod(fi.Mode().Perm()); err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && (int(st.Uid) != os.Getuid() || int(st.Gid) != os.Getgid()) {
			_ = f.Chown(int(st.Uid), int(st.Gid)) // root keeps the owner; anyone else cannot, and owns the new file
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), target)
}

// buffered runs write into a temporary file and, once it has succeeded,
// hands what it wrote to deliver.
func buffered(write func(io.Writer) error, deliver func(io.Reader) error) error {
	f, err := os.CreateTemp("", ".orgdash-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return deliver(f)
}
