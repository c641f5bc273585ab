// Runs the official Auth0 Node SDK (auth0 5.x) against orgdash's simulator
// over every organization call it offers, and the tenant calls they need;
// each answer must have Auth0's status and conform to the type the SDK
// declares for it (shapes.mjs). run.sh starts the simulator over HTTPS (the
// SDK speaks nothing else) and passes SIM_DOMAIN, SIM_CLIENT_ID and
// SIM_CLIENT_SECRET.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ManagementClient } from "auth0";
import { conform, loadTypes } from "./shapes.mjs";

const types = loadTypes();

// The last Management API answer, read beneath the SDK (its fetcher calls
// the global fetch).
let last = null;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const url = typeof input === "string" ? input : input.url;
  if (url.includes("/api/v2/")) {
    const text = await res.clone().text();
    last = { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
  }
  return res;
};

const tally = { made: 0, as: 0, fails: [] };

// Keys a recorded Auth0 answer has that this SDK's types lack (go-auth0's
// cassettes): POST /roles answers "type" (TestRoleManager_OrganizationLevelRole,
// a 2026 tenant; the SDK's Role predates organization-level roles), an
// association answers the grant under "grant_id", and the organization's
// grants carry "subject_type" (TestOrganizationManager_ClientGrantsWithOrg).
const recordedExtra = ["type", "grant_id", "subject_type"];

// check makes one call: it passes when the call resolves, the answer's
// status is want, and the body conforms to typeName (where one is named).
async function check(name, want, typeName, call) {
  tally.made++;
  last = null;
  let why = "";
  try {
    const result = await call();
    if (!last) why = "no answer";
    else if (last.status !== want) why = `status ${last.status}, Auth0 answers ${want}`;
    else if (typeName) {
      why = conform(types, typeName, last.body)
        .filter((d) => !recordedExtra.some((k) => d.includes(`.${k}: not in `)))
        .join("; ");
    }
    return result;
  } catch (err) {
    why = `status ${last?.status}: ${err.message}`;
  } finally {
    if (why) tally.fails.push(`${name}: ${why}`);
    else tally.as++;
  }
}

// refused makes a call Auth0 refuses with status.
async function refused(name, status, call) {
  tally.made++;
  try {
    await call();
    tally.fails.push(`${name}: succeeded, Auth0 answers ${status}`);
  } catch (err) {
    if (err.statusCode === status) tally.as++;
    else tally.fails.push(`${name}: ${err.statusCode} ${err.message}, Auth0 answers ${status}`);
  }
}

test("every organization call of the Node SDK", async () => {
  const m = new ManagementClient({
    domain: process.env.SIM_DOMAIN,
    clientId: process.env.SIM_CLIENT_ID,
    clientSecret: process.env.SIM_CLIENT_SECRET,
    maxRetries: 0,
  });
  const ids = {};

  // tenant set-up
  ids.app = (await check("POST /clients", 201, "CreateClientResponseContent", () =>
    m.clients.create({ name: "Billing worker", app_type: "non_interactive", organization_usage: "allow" })))?.client_id;
  ids.api = (await check("POST /resource-servers", 201, "CreateResourceServerResponseContent", () =>
    m.resourceServers.create({ name: "Billing", identifier: "https://billing.node.example/", scopes: [{ value: "read:invoices" }] })))?.id;
  ids.grant = (await check("POST /client-grants", 201, "CreateClientGrantResponseContent", () =>
    m.clientGrants.create({ client_id: ids.app, audience: "https://billing.node.example/", scope: ["read:invoices"], organization_usage: "allow" })))?.id;
  ids.user = (await check("POST /users", 201, "CreateUserResponseContent", () =>
    m.users.create({ connection: "Username-Password-Authentication", email: "ana@node.example", password: "Str0ng!pass", username: "ana" })))?.user_id;
  ids.user2 = (await check("POST /users (2)", 201, "CreateUserResponseContent", () =>
    m.users.create({ connection: "Username-Password-Authentication", email: "bo@node.example", password: "Str0ng!pass" })))?.user_id;
  ids.role = (await check("POST /roles", 200, "CreateRoleResponseContent", () => m.roles.create({ name: "Node support" })))?.id;
  ids.conn = (await check("POST /connections", 201, "CreateConnectionResponseContent", () =>
    m.connections.create({ name: "node-db", strategy: "auth0" })))?.id;

  // organizations
  const org = (await check("POST /organizations", 201, "CreateOrganizationResponseContent", () =>
    m.organizations.create({ name: "node-conformance", display_name: "Node Inc", metadata: { tier: "gold", region: "eu" },
      branding: { colors: { primary: "#0059d6", page_background: "#000000" } } })))?.id;
  await check("GET /organizations/{id}", 200, "GetOrganizationResponseContent", () => m.organizations.get(org));
  await check("GET /organizations/name/{name}", 200, "GetOrganizationByNameResponseContent", () => m.organizations.getByName("node-conformance"));
  const patched = await check("PATCH /organizations/{id}", 200, "UpdateOrganizationResponseContent", () =>
    m.organizations.update(org, { metadata: { tier: "platinum", region: null } }));
  assert.equal(patched?.metadata?.region, undefined, "a null metadata value clears its key");
  await check("GET /organizations", 200, "ListOrganizationsPaginatedResponseContent", () => m.organizations.list({ take: 2, sort: "name:1" }));
  await refused("GET /organizations/{id} (missing)", 404, () => m.organizations.get("org_missing000000000"));

  // both connection families
  await check("POST /organizations/{id}/enabled_connections", 201, "AddOrganizationConnectionResponseContent", () =>
    m.organizations.enabledConnections.add(org, { connection_id: ids.conn, assign_membership_on_login: true }));
  await check("GET /organizations/{id}/enabled_connections", 200, "ListOrganizationConnectionsOffsetPaginatedResponseContent", () =>
    m.organizations.enabledConnections.list(org, { include_totals: true }));
  await check("GET /organizations/{id}/enabled_connections/{cid}", 200, "GetOrganizationConnectionResponseContent", () =>
    m.organizations.enabledConnections.get(org, ids.conn));
  await check("PATCH /organizations/{id}/enabled_connections/{cid}", 200, "UpdateOrganizationConnectionResponseContent", () =>
    m.organizations.enabledConnections.update(org, ids.conn, { show_as_button: false }));
  await check("DELETE /organizations/{id}/enabled_connections/{cid}", 204, null, () => m.organizations.enabledConnections.delete(org, ids.conn));
  await check("POST /organizations/{id}/connections", 201, "CreateOrganizationAllConnectionResponseContent", () =>
    m.organizations.connections.create(org, { connection_id: ids.conn, organization_connection_name: "staff", organization_access_level: "full" }));
  await check("GET /organizations/{id}/connections", 200, "ListOrganizationAllConnectionsOffsetPaginatedResponseContent", () =>
    m.organizations.connections.list(org, { include_totals: true }));
  await check("GET /organizations/{id}/connections/{cid}", 200, "GetOrganizationAllConnectionResponseContent", () =>
    m.organizations.connections.get(org, ids.conn));
  await check("PATCH /organizations/{id}/connections/{cid}", 200, "UpdateOrganizationAllConnectionResponseContent", () =>
    m.organizations.connections.update(org, ids.conn, { is_enabled: false, organization_access_level: null }));
  await check("DELETE /organizations/{id}/connections/{cid}", 204, null, () => m.organizations.connections.delete(org, ids.conn));

  // members, their roles, effective roles
  await check("POST /organizations/{id}/members", 204, null, () => m.organizations.members.create(org, { members: [ids.user, ids.user2] }));
  await check("GET /organizations/{id}/members", 200, "ListOrganizationMembersPaginatedResponseContent", () =>
    m.organizations.members.list(org, { take: 50, fields: "user_id,email,name,roles", include_fields: true }));
  await check("POST /organizations/{id}/members/{uid}/roles", 204, null, () =>
    m.organizations.members.roles.assign(org, ids.user, { roles: [ids.role] }));
  await check("GET /organizations/{id}/members/{uid}/roles", 200, "ListOrganizationMemberRolesOffsetPaginatedResponseContent", () =>
    m.organizations.members.roles.list(org, ids.user, { include_totals: true }));
  await check("GET /organizations/{id}/members/{uid}/effective-roles", 200, "ListOrganizationMemberEffectiveRolesResponseContent", () =>
    m.organizations.members.effectiveRoles.list(org, ids.user));
  await check("GET /users/{id}/organizations", 200, "ListUserOrganizationsOffsetPaginatedResponseContent", () =>
    m.users.organizations.list(ids.user, { include_totals: true }));
  await check("DELETE /organizations/{id}/members/{uid}/roles", 204, null, () =>
    m.organizations.members.roles.delete(org, ids.user, { roles: [ids.role] }));
  await check("DELETE /organizations/{id}/members", 204, null, () => m.organizations.members.delete(org, { members: [ids.user2] }));

  // invitations and discovery domains
  let inv;
  for (const email of ["first@node.example", "second@node.example"]) {
    inv = (await check("POST /organizations/{id}/invitations", 201, "CreateOrganizationInvitationResponseContent", () =>
      m.organizations.invitations.create(org, { inviter: { name: "Ops" }, invitee: { email }, client_id: ids.app })))?.id;
  }
  const invs = await check("GET /organizations/{id}/invitations", 200, "ListOrganizationInvitationsOffsetPaginatedResponseContent", () =>
    m.organizations.invitations.list(org, { include_totals: true, fields: "id,invitee", include_fields: true }));
  assert.equal(invs?.data?.[0]?.id, inv, "invitations are listed newest first");
  await check("GET /organizations/{id}/invitations/{iid}", 200, "GetOrganizationInvitationResponseContent", () =>
    m.organizations.invitations.get(org, inv));
  await check("DELETE /organizations/{id}/invitations/{iid}", 204, null, () => m.organizations.invitations.delete(org, inv));
  const dom = (await check("POST /organizations/{id}/discovery-domains", 201, "CreateOrganizationDiscoveryDomainResponseContent", () =>
    m.organizations.discoveryDomains.create(org, { domain: "node.example" })))?.id;
  await check("GET /organizations/{id}/discovery-domains", 200, "ListOrganizationDiscoveryDomainsResponseContent", () =>
    m.organizations.discoveryDomains.list(org));
  await check("GET /organizations/{id}/discovery-domains/{did}", 200, "GetOrganizationDiscoveryDomainResponseContent", () =>
    m.organizations.discoveryDomains.get(org, dom));
  await check("GET /organizations/{id}/discovery-domains/name/{domain}", 200, "GetOrganizationDiscoveryDomainByNameResponseContent", () =>
    m.organizations.discoveryDomains.getByName(org, "node.example"));
  await check("PATCH /organizations/{id}/discovery-domains/{did}", 200, "UpdateOrganizationDiscoveryDomainResponseContent", () =>
    m.organizations.discoveryDomains.update(org, dom, { status: "verified" }));
  await check("DELETE /organizations/{id}/discovery-domains/{did}", 204, null, () => m.organizations.discoveryDomains.delete(org, dom));

  // client grants
  await check("POST /organizations/{id}/client-grants", 201, "AssociateOrganizationClientGrantResponseContent", () =>
    m.organizations.clientGrants.create(org, { grant_id: ids.grant }));
  await check("GET /organizations/{id}/client-grants", 200, "ListOrganizationClientGrantsOffsetPaginatedResponseContent", () =>
    m.organizations.clientGrants.list(org, { include_totals: true }));
  await check("GET /client-grants/{id}/organizations", 200, "ListClientGrantOrganizationsPaginatedResponseContent", () =>
    m.clientGrants.organizations.list(ids.grant));
  await check("DELETE /organizations/{id}/client-grants/{gid}", 204, null, () => m.organizations.clientGrants.delete(org, ids.grant));

  // acme's groups (the demo tenant maps them to roles)
  const acme = (await m.organizations.getByName("acme")).id;
  const group = (await check("GET /organizations/{id}/groups", 200, "ListOrganizationGroupsResponseContent", () =>
    m.organizations.groups.list(acme)))?.data?.[0]?.id;
  await check("POST /organizations/{id}/groups/{gid}/roles", 204, null, () =>
    m.organizations.groups.roles.create(acme, group, { roles: [ids.role] }));
  await check("GET /organizations/{id}/groups/{gid}/roles", 200, "ListOrganizationGroupRolesResponseContent", () =>
    m.organizations.groups.roles.list(acme, group));
  const member = (await m.organizations.members.list(acme, { take: 1 })).data[0].user_id; // in acme's first group
  await check("GET /organizations/{id}/members/{uid}/effective-roles/sources/groups", 200, "ListOrganizationMemberRoleSourceGroupsResponseContent", () =>
    m.organizations.members.effectiveRoles.sources.groups.list(acme, member, { role_id: ids.role }));
  await check("DELETE /organizations/{id}/groups/{gid}/roles", 204, null, () =>
    m.organizations.groups.roles.delete(acme, group, { roles: [ids.role] }));

  await check("DELETE /organizations/{id}", 204, null, () => m.organizations.delete(org));
  await refused("GET /organizations/{id} (deleted)", 404, () => m.organizations.get(org));

  console.log(`auth0 (Node) ${process.env.SDK_VERSION ?? "5.x"}: ${tally.made} calls made, ${tally.as} answered as Auth0 would`);
  assert.deepEqual(tally.fails, [], `${tally.made - tally.as} of ${tally.made} calls not as Auth0 would answer`);
});
