// Package gov3 runs the official go-auth0/v3 SDK (v3.4.0) against orgdash's
// simulator over every organization call the SDK offers, and checks each
// answer's status and shape against the SDK's own types. It is a module of
// its own so that orgdash itself keeps depending on go-auth0 v1 only.
package gov3
