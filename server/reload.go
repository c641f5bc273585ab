package server

import (
	"maps"

	"github.com/orgdash/orgdash/ui/common"
)

// revokedKey marks, on a session's context, why a reload ended it.
type revokedKey struct{}

// Reload rereads the key files, with access as the grants from now on
// (the config's, read again). Revoking works by taking a key out of a
// file, by emptying a file and by removing it. Every open session's grants
// are derived again from the new keys: a session whose key is no longer
// listed, or that lost or changed its role on the profile it shows, ends
// with a message saying so; one that lost or changed a role on another
// profile goes on, told so, and T can no longer reach it there with the
// old role (every switch derives the grant again). A file that cannot be
// parsed changes nothing: the error says why.
func (s *Server) Reload(access []Access) error {
	ring, notes, err := loadKeys(s.cfg.AuthorizedKeys, s.cfg.OperatorKeys, s.cfg.Profile, access, true)
	if err != nil {
		return err
	}
	for _, n := range notes {
		s.cfg.Logger.Warn("reload: " + n)
	}
	if len(ring) == 0 {
		s.cfg.Logger.Warn("reload: no key is listed any more: nobody can log in")
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
	ended, demoted := 0, 0
	for _, se := range open {
		m, ok := ring[se.key]
		se.mu.Lock()
		why, where := lost(se.roles, m, ok)
		if ok {
			se.roles = maps.Clone(m.roles) // T derives from these; a switch checks the keys again
		}
		end := why != "" && (!ok || where == se.profile)
		se.mu.Unlock()
		switch {
		case end:
			ended++
			se.ctx.SetValue(revokedKey{}, why)
			go se.program.Quit() // never waits: a stalled session cannot hold the reload
		case why != "": // lost on a profile it is not showing: it goes on without it
			demoted++
			go se.program.Send(common.StatusMsg{Level: common.Warning, Text: why})
		}
	}
	s.cfg.Logger.Info("reloaded keys", "keys", len(ring), "sessions_ended", ended, "sessions_demoted", demoted)
	return nil
}

// lost says what a session admitted with had lost in now (listed: whether
// its key is there at all), and on which profile; "" when it lost nothing
// on any profile.
func lost(had map[string]Role, now member, listed bool) (why, profile string) {
	if !listed {
		return "your key was removed from the server's keys", ""
	}
	for _, profile := range (member{roles: had}).profiles() {
		role, still := now.roles[profile]
		switch {
		case !still:
			return "your key no longer opens profile " + profile, profile
		case role != had[profile]:
			return "your key's role on " + profile + " changed to " + role.String(), profile
		}
	}
	return "", ""
}
