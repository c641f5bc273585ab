#!/usr/bin/env bash
# Runs the official Auth0 Node SDK (the version package-lock.json pins)
# against a fresh `orgdash sim` over every organization call it offers. The
# SDK speaks only HTTPS, so the simulator serves a throwaway self-signed
# certificate that Node is told to trust (NODE_EXTRA_CA_CERTS).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

npm ci --no-audit --no-fund --loglevel=error
go build -o "$work/orgdash" "$root"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
secret=$(openssl rand -hex 24)
"$work/orgdash" sim --addr 127.0.0.1:0 --plan off --orgs 3 --members 100 --removal-delay 0 \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" --client-id node-conformance --client-secret "$secret" \
  >"$work/sim.out" 2>&1 &
pid=$!
# wait until it says where it listens (or has exited)
for _ in $(seq 600); do
  grep -q 'ready in' "$work/sim.out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/sim.out"; exit 1; }
  sleep 0.1
done
domain=$(grep -o 'on https://[0-9.:]*' "$work/sim.out" | head -1 | sed 's#on https://##')
[ -n "$domain" ] || { cat "$work/sim.out"; exit 1; }

SIM_DOMAIN="$domain" SIM_CLIENT_ID=node-conformance SIM_CLIENT_SECRET="$secret" \
  NODE_EXTRA_CA_CERTS="$work/cert.pem" SDK_VERSION=$(node -p 'require("auth0/package.json").version') \
  node --test --test-reporter=spec
