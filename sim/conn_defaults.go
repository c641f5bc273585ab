package sim

import "maps"

// connDefaults are the options Auth0 gives a connection created with
// POST /connections, beneath what the request sets: for a database
// connection, the ones go-auth0's recording
// TestConnectionManager_Create/It_can_successfully_create_a_Auth0_Connection
// shows (MFA on, the "good" password policy, passwords on and passkeys
// off, brute-force protection). Other strategies keep what they had.
func connDefaults(strategy string, base map[string]any) map[string]any {
	out := maps.Clone(base)
	if out == nil {
		out = map[string]any{}
	}
	if strategy != "auth0" {
		return out
	}
	maps.Copy(out, map[string]any{
		"mfa":                    map[string]any{"active": true, "return_enroll_settings": true},
		"passwordPolicy":         "good",
		"strategy_version":       2,
		"brute_force_protection": true,
		"authentication_methods": map[string]any{"password": map[string]any{"enabled": true}, "passkey": map[string]any{"enabled": false}},
		"passkey_options":        map[string]any{"challenge_ui": "both", "progressive_enrollment_enabled": true, "local_enrollment_enabled": true},
	})
	return out
}
