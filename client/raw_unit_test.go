package client

import "testing"

// A credential-like value is hidden wherever it is (an identity's tokens,
// a client's secret, an object whole), while the rest of the body keeps
// its order, its numbers as written and its escapes' meaning.
func TestHideCredentials(t *testing.T) {
	body := `{"user_id":"auth0|1","n":1.50,"token_quota":{"client_credentials":{"per_day":5}},` +
		`"identities":[{"provider":"github","access_token":"gho_x","refresh_token":"r"}],` +
		`"client_secret":{"a":"b"},"name":"<b>\u001b[31m","z":null}`
	got, err := hideCredentials([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"user_id":"auth0|1","n":1.50,"token_quota":{"client_credentials":{"per_day":5}},` +
		`"identities":[{"provider":"github","access_token":"(hidden by orgdash)","refresh_token":"(hidden by orgdash)"}],` +
		`"client_secret":"(hidden by orgdash)","name":"<b>\u001b[31m","z":null}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if _, err := hideCredentials([]byte(`{"a":1}{"b":2}`)); err == nil {
		t.Fatal("two values were taken as one")
	}
}
