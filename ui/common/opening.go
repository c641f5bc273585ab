package common

// A key that opens a dialog does it through a command, which Bubble Tea
// runs on a goroutine: keys typed right after it (a fast typist, a paste,
// an SSH burst) would reach the screen behind before the dialog is there.
// So whatever opens a dialog marks the session while the key is being
// handled, and the root, which reads the mark as soon as the screen has
// handled the key, holds the keys that follow for the dialog.

// Opening marks the key being handled as one that opens a dialog: the
// keys typed after it wait for that dialog (or, if its command ends
// without one, reach the screen in order). dialog.Open calls it; Handle
// calls it for an action that says it Opens (one that reads before its
// dialog opens, such as the connection picker). Safe from any goroutine;
// only a mark made while the root hands on a key counts.
func (c *Common) Opening() { c.opening.Store(true) }

// TakeOpening reports whether Opening was called since the last time, and
// clears the mark. The root calls it around each key it hands on.
func (c *Common) TakeOpening() bool { return c.opening.Swap(false) }
