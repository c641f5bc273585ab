package doctor

import (
	"context"
	"strings"
	"testing"
)

// Asked about a name, the explainer says it is not an email and passes
// nothing: no "no user has the email", no sign-up advice, no discovery
// domain found fine for a person it does not know.
func TestWhyOfANameChecksNothingAboutThePerson(t *testing.T) {
	ex, err := Why(context.Background(), tenant(), Question{Email: "ines", Org: "acme", ClientID: "app_1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ex.Links {
		if l.Name == LinkPerson && (l.Verdict != Unknown || !strings.Contains(l.Reason, "ines is not an email address")) {
			t.Errorf("the person link: %s %q %v", l.Verdict, l.Reason, l.Evidence)
		}
		if l.Verdict == Passed && (l.Name == LinkPerson || l.Name == LinkBlocked || l.Name == LinkDomain || l.Name == LinkMember || l.Name == LinkRecord) {
			t.Errorf("%s passed for a person not known: %v", l.Name, l.Evidence)
		}
	}
	if ex.Cause() != nil {
		t.Errorf("cause %+v: nothing failed, nothing was checked", ex.Cause())
	}
}

// An email nobody has: the person link fails (with sign-up advice), and
// the discovery domain is not checked, as no other link about them is.
func TestWhyOfAnUnknownEmailLeavesTheDomainUnchecked(t *testing.T) {
	ex, err := Why(context.Background(), tenant(), Question{Email: "nobody@acme.example", Org: "acme", ClientID: "app_1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ex.Links {
		if l.Name == LinkDomain && l.Verdict != Unknown {
			t.Errorf("discovery domain %s %v for a person not known", l.Verdict, l.Evidence)
		}
	}
	if c := ex.Cause(); c == nil || c.Name != LinkPerson {
		t.Errorf("cause %+v, want the person", c)
	}
}
