package sim

import "slices"

// checkpointList is a checkpoint page of all (in creation order): the
// items after the from cursor, at most take of them, and next while more
// follow (the last page has none, as the organizations list has it).
func checkpointList[T any](p paging, key string, all []T, at func(T) (int64, string)) envelope {
	i := indexBySeq(all, func(x T) int64 { s, _ := at(x); return s }, p.after)
	page := slices.Clip(all[i:min(i+p.take, len(all))])
	if page == nil {
		page = []T{}
	}
	env := envelope{key: key, items: page}
	if len(page) > 0 && i+len(page) < len(all) {
		seq, id := at(page[len(page)-1])
		env.next = cursor(seq, id)
	}
	return env
}
