package server

import "sync"

// revokedKey marks, on a session's context, why a reload ended it.
type revokedKey struct{}

// Reload rereads the key files, with access as the grants from now on
// (the config's, read again). Sessions go on; one whose key is no longer
// listed, or has another role on its profile, ends with a message saying
// so. A file that cannot be read changes nothing: the error says why.
func (s *Server) Reload(access []Access) error {
	ring, err := loadKeys(s.cfg.AuthorizedKeys, s.cfg.OperatorKeys, s.cfg.Profile, access)
	if err != nil {
		return err
	}
	s.keyMu.Lock()
	s.keys, s.cfg.Access = ring, access
	s.keyMu.Unlock()
	s.mu.Lock()
	open := make([]*session, 0, len(s.sessions))
	for se := range s.sessions {
		open = append(open, se)
	}
	s.mu.Unlock()
	ended := 0
	var wg sync.WaitGroup
	for _, se := range open {
		m, ok := ring[se.key]
		se.mu.Lock()
		profile, had := se.profile, se.role
		se.mu.Unlock()
		role, still := m.roles[profile]
		why := ""
		switch {
		case !ok:
			why = "your key was removed from the server's keys"
		case !still:
			why = "your key no longer opens profile " + profile
		case role != had:
			why = "your key's role on " + profile + " changed to " + role.String() + ": connect again"
		}
		if why == "" {
			continue
		}
		ended++
		se.ctx.SetValue(revokedKey{}, why)
		wg.Go(func() { se.program.Quit() })
	}
	wg.Wait()
	s.cfg.Logger.Info("reloaded keys", "keys", len(ring), "sessions_ended", ended)
	return nil
}
