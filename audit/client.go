package audit

import (
	"context"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Who is the person behind a session.
type Who struct {
	User, Key, Remote string
}

// audited logs every mutation of the client it wraps.
type audited struct {
	client.Client
	log      *Log
	who      Who
	activity *Activity
}

// Client wraps c so that every mutation attempt writes one outcome line.
func Client(c client.Client, log *Log, who Who) client.Client {
	return audited{Client: c, log: log, who: who}
}

// ClientWithActivity is Client that also keeps the entries in activity,
// for the session's activity panel.
func ClientWithActivity(c client.Client, log *Log, who Who, activity *Activity) client.Client {
	return audited{Client: c, log: log, who: who, activity: activity}
}

// record writes e to the log and the activity panel.
func (a audited) record(e Entry) {
	a.activity.add(e)
	_ = a.log.Write(e) // an unwritable log must not hide the change's own result
}

func (a audited) write(action, org string, targets []string, err error) {
	e := Entry{Time: time.Now().UTC(), User: a.who.User, Key: a.who.Key, Remote: a.who.Remote,
		Tenant: a.Tenant().Domain, Action: action, Org: org, Targets: targets, Outcome: "ok"}
	if err != nil {
		e.Outcome, e.Error = "failed", err.Error()
	}
	a.record(e)
}

func (a audited) writeResults(action, org string, res []client.MemberResult) {
	targets := make([]string, len(res))
	failed := map[string]string{}
	for i, r := range res {
		targets[i] = r.UserID
		if r.Outcome == client.Failed {
			failed[r.UserID] = r.Err.Error()
		}
	}
	e := Entry{Time: time.Now().UTC(), User: a.who.User, Key: a.who.Key, Remote: a.who.Remote,
		Tenant: a.Tenant().Domain, Action: action, Org: org, Targets: targets, Outcome: "ok"}
	switch {
	case len(failed) == len(res) && len(res) > 0:
		e.Outcome, e.Failed = "failed", failed
	case len(failed) > 0:
		e.Outcome, e.Failed = "partial", failed
	}
	a.record(e)
}

func (a audited) DeleteOrganization(ctx context.Context, id string) error {
	err := a.Client.DeleteOrganization(ctx, id)
	a.write("delete organization", id, []string{id}, err)
	return err
}

func (a audited) EnableConnection(ctx context.Context, orgID, connID string, s client.ConnectionSettings) (client.Connection, error) {
	c, err := a.Client.EnableConnection(ctx, orgID, connID, s)
	a.write("enable connection", orgID, []string{connID}, err)
	return c, err
}

func (a audited) SetConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (client.Connection, error) {
	c, err := a.Client.SetConnectionEnabled(ctx, orgID, connID, enabled)
	action := "disable connection"
	if enabled {
		action = "re-enable connection"
	}
	a.write(action, orgID, []string{connID}, err)
	return c, err
}

func (a audited) UpdateConnection(ctx context.Context, orgID, connID string, s client.ConnectionSettings) (client.Connection, error) {
	c, err := a.Client.UpdateConnection(ctx, orgID, connID, s)
	a.write("edit connection", orgID, []string{connID}, err)
	return c, err
}

func (a audited) RemoveConnection(ctx context.Context, orgID, connID string) error {
	err := a.Client.RemoveConnection(ctx, orgID, connID)
	a.write("remove connection", orgID, []string{connID}, err)
	return err
}

func (a audited) AddMembers(ctx context.Context, orgID string, ids []string) []client.MemberResult {
	res := a.Client.AddMembers(ctx, orgID, ids)
	a.writeResults("add members", orgID, res)
	return res
}

func (a audited) RemoveMembers(ctx context.Context, orgID string, ids []string) []client.MemberResult {
	res := a.Client.RemoveMembers(ctx, orgID, ids)
	a.writeResults("remove members", orgID, res)
	return res
}

func (a audited) AssignRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	err := a.Client.AssignRoles(ctx, orgID, userID, roleIDs)
	a.write("assign roles", orgID, append([]string{userID}, roleIDs...), err)
	return err
}
