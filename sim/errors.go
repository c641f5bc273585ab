package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error answer in the Management API's shape.
type apiError struct {
	Status  int
	Message string
	Code    string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.Status, e.Message) }

func errBody(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_body",
		Message: "Payload validation error: " + fmt.Sprintf(format, args...)}
}

func errQuery(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_query_string",
		Message: "Query validation error: " + fmt.Sprintf(format, args...)}
}

func errNotFound(msg string) *apiError {
	return &apiError{Status: http.StatusNotFound, Message: msg}
}

var (
	errOrgNotFound  = errNotFound("No organization found by that id or name")
	errConnNotFound = errNotFound("No connection found by that id")
	errUserNotFound = &apiError{Status: http.StatusNotFound, Message: "The user does not exist.", Code: "inexistent_user"}
	errRoleNotFound = errNotFound("The role does not exist.") // recorded without an errorCode
	errInvNotFound  = &apiError{Status: http.StatusNotFound, Message: "The invitation does not exist.", Code: "inexistent_invitation"}
	errRoute        = errNotFound("Not Found")
	errPaging       = &apiError{Status: http.StatusBadRequest, Code: "invalid_paging",
		Message: "Requesting page exceeds the allowed maximum of 1000 records."}
	errSignupRule = &apiError{Status: http.StatusBadRequest, Code: "invalid_body",
		Message: "Only database connections with assign_membership_on_login = true support is_signup_enabled = true."}
)

// errorJSON is the wire form of every Management API error.
type errorJSON struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode,omitempty"`
	// Attributes repeat a 401's message, as Auth0's 401 bodies do:
	// {"statusCode":401,…,"message":"Invalid token","attributes":{"error":"Invalid token"}}.
	Attributes *errorAttributes `json:"attributes,omitempty"`
}

// errorAttributes are a 401 body's attributes.
type errorAttributes struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := errorJSON{StatusCode: e.Status, Error: http.StatusText(e.Status), Message: e.Message, ErrorCode: e.Code}
	if e.Status == http.StatusUnauthorized {
		body.Attributes = &errorAttributes{Error: e.Message}
	}
	writeJSON(w, e.Status, body)
}

// writeJSON answers with v as JSON, or with an empty body for 204.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if status == http.StatusNoContent || v == nil {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
