package dialog

import "github.com/orgdash/orgdash/ui/common"

// Each dialog knows its session, so Open can mark the key that opens it
// (see common.Common.Opening). A new dialog type does not compile as a
// Dialog without it.

func (m *Menu) session() *common.Common     { return m.c }
func (d *Confirm) session() *common.Common  { return d.c }
func (d *TypeName) session() *common.Common { return d.c }
func (d *Form) session() *common.Common     { return d.c }
func (d *JSONView) session() *common.Common { return d.c }
