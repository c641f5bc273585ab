package client

import (
	"strings"
	"testing"
)

// A credential-like value is hidden wherever it is (an identity's tokens,
// a client's secret, an object whole, a key in metadata nested in objects
// and arrays of objects, a secret-shaped string under any key), while the
// rest of the body keeps its order, its numbers as written and its
// escapes' meaning.
func TestHideCredentials(t *testing.T) {
	body := `{"user_id":"auth0|1","n":1.50,"token_quota":{"client_credentials":{"per_day":5}},` +
		`"identities":[{"provider":"github","access_token":"gho_x","refresh_token":"r"}],` +
		`"client_secret":{"a":"b"},"name":"<b>\u001b[31m","z":null,` +
		`"last_password_reset":"2026-01-02T03:04:05.000Z","password_set_at":"2026-01-01",` +
		`"app_metadata":{"stripe":{"apiKey":"sk_live_1","webhook_signing_key":"whsec","n":2e3},` +
		`"keys":[{"key":"k1","id":7},{"privateKey":"pk","kid":"a"}],` +
		`"accessToken":"a","refreshToken":"r","api_key":"x","signingKey":"s","credentials":{"u":"p"},` +
		`"authorization":"Basic x","signing_keys":["a","b"],"cookie":"sid=1","recovery_code":"R",` +
		`"deep":[[{"client_secret":"cs"}]],"note":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",` +
		`"tags":["ok","AKIAABCDEFGHIJKLMNOP",1]}}`
	got, err := hideCredentials([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	h := `"(hidden by orgdash)"`
	want := `{"user_id":"auth0|1","n":1.50,"token_quota":{"client_credentials":{"per_day":5}},` +
		`"identities":[{"provider":"github","access_token":` + h + `,"refresh_token":` + h + `}],` +
		`"client_secret":` + h + `,"name":"<b>\u001b[31m","z":null,` +
		`"last_password_reset":"2026-01-02T03:04:05.000Z","password_set_at":"2026-01-01",` +
		`"app_metadata":{"stripe":{"apiKey":` + h + `,"webhook_signing_key":` + h + `,"n":2e3},` +
		`"keys":[{"key":` + h + `,"id":7},{"privateKey":` + h + `,"kid":"a"}],` +
		`"accessToken":` + h + `,"refreshToken":` + h + `,"api_key":` + h + `,"signingKey":` + h + `,"credentials":` + h + `,` +
		`"authorization":` + h + `,"signing_keys":` + h + `,"cookie":` + h + `,"recovery_code":` + h + `,` +
		`"deep":[[{"client_secret":` + h + `}]],"note":` + h + `,` +
		`"tags":["ok",` + h + `,1]}}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	for _, secret := range []string{"sk_live_1", "whsec", "gho_x", `"pk"`, "Basic x", "sid=1", "eyJ", "AKIA"} {
		if strings.Contains(string(got), secret) {
			t.Errorf("%q left the client", secret)
		}
	}
	if _, err := hideCredentials([]byte(`{"a":1}{"b":2}`)); err == nil {
		t.Fatal("two values were taken as one")
	}
}

// Credential matches a key however it is cased or separated, and leaves
// alone keys that only mention a password's moment or a token's quota.
func TestCredentialKeys(t *testing.T) {
	hidden := []string{
		"client_secret", "clientSecret", "SECRET", "webhook-secret",
		"password", "Password", "new_password", "password_hash",
		"token", "access_token", "accessToken", "refresh_token", "refreshToken", "id_token", "csrf-token", "refresh_tokens",
		"apiKey", "api_key", "API-KEY", "stripe_api_key_live",
		"privateKey", "private_key", "private_key_pem",
		"signingKey", "signing_key", "webhook_signing_key", "signing_keys", "signingKeys",
		"key", "KEY",
		"credential", "credentials", "Credentials", "aws_credentials",
		"authorization", "Authorization", "proxy-authorization",
		"cookie", "Cookie", "set-cookie", "session_cookies",
		"recovery_code", "recoveryCode", "recovery_codes", "mfa-recovery-codes",
	}
	for _, k := range hidden {
		if !Credential(k) {
			t.Errorf("%q is not hidden", k)
		}
	}
	shown := []string{
		"last_password_reset", "lastPasswordReset", "password_set_at", "passwordSetAt", "password_changed",
		"password_reset_date", "password_updated", "password_expires",
		"token_quota", "tokenQuota", "token_lifetime", "access_token_expires_at",
		"client_credentials", "keys", "kid", "key_id", "monkey", "keyboard",
		"user_id", "name", "email", "identities", "connection", "logins_count", "cookie_domain",
	}
	for _, k := range shown {
		if Credential(k) {
			t.Errorf("%q is hidden", k)
		}
	}
}

// SecretLike finds a JWT or a well-known secret prefix in a value under
// any key, and leaves alone text that only looks a little like one.
func TestSecretLikeValues(t *testing.T) {
	hidden := []string{
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
		"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", // unsigned
		"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_x",
		"see https://x.example/cb?t=eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.sig.",
		"sk_live_51HabcDEF", "sk_test_abc", "whsec_abc123", "xoxb-1234-5678-abc", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
		"key: sk_live_x", "AKIAIOSFODNN7EXAMPLE", "aws=AKIAIOSFODNN7EXAMPLE;",
	}
	for _, v := range hidden {
		if !SecretLike(v) {
			t.Errorf("%q is not hidden", v)
		}
	}
	shown := []string{
		"", "acme", "eyJ", "eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0", // not three parts
		"eyJa.eyJb.c.d", "a.b.c", "heyJa.eyJb.c", "eyJa..c",
		"task_live_1", "sk_live_", "mysk_live_x", "whsec", "xoxb", "ghp", "ghp_",
		"AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLE1", "AKIAiosfodnn7example", "XAKIAIOSFODNN7EXAMPLE",
		"2026-01-02T03:04:05.000Z", "auth0|65f0a1b2c3d4e5f6a7b8c9d0",
	}
	for _, v := range shown {
		if SecretLike(v) {
			t.Errorf("%q is hidden", v)
		}
	}
}
