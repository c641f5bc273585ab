//go:build unix

package audit

import (
	"os"
	"syscall"
)

// tryLock takes f's exclusive lock without waiting; false when another
// open file (this process's or another's) holds it.
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
