import { relations } from "drizzle-orm";
import { actions, reviews } from "./actions";
import { auditEvents } from "./audit";
import { memberInvites, memberships, teamMembers, teams, tenants, users } from "./identity";
import { memoryItems } from "./memory";
import { capabilityGrants, incidents, personaApps, personas, stageChanges } from "./personas";
import { runtimeInstances, runtimeTokens } from "./runtime";
import { apps, connections, spaceGrants, spaces } from "./spaces";

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
}));

export const tenantsRelations = relations(tenants, ({ many }) => ({
  memberships: many(memberships),
  teams: many(teams),
  spaces: many(spaces),
  auditEvents: many(auditEvents),
}));

export const membershipsRelations = relations(memberships, ({ one, many }) => ({
  tenant: one(tenants, { fields: [memberships.tenantId], references: [tenants.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  teamMemberships: many(teamMembers),
  spaceGrants: many(spaceGrants),
  invites: many(memberInvites),
}));

export const memberInvitesRelations = relations(memberInvites, ({ one }) => ({
  membership: one(memberships, {
    fields: [memberInvites.membershipId],
    references: [memberships.id],
  }),
}));

export const teamsRelations = relations(teams, ({ one, many }) => ({
  tenant: one(tenants, { fields: [teams.tenantId], references: [tenants.id] }),
  members: many(teamMembers),
  spaceGrants: many(spaceGrants),
}));

export const teamMembersRelations = relations(teamMembers, ({ one }) => ({
  team: one(teams, { fields: [teamMembers.teamId], references: [teams.id] }),
  membership: one(memberships, {
    fields: [teamMembers.membershipId],
    references: [memberships.id],
  }),
}));

export const spacesRelations = relations(spaces, ({ one, many }) => ({
  tenant: one(tenants, { fields: [spaces.tenantId], references: [tenants.id] }),
  grants: many(spaceGrants),
  apps: many(apps),
  connections: many(connections),
  personas: many(personas),
  runtimeOwnerMember: one(memberships, {
    fields: [spaces.runtimeOwnerMembershipId],
    references: [memberships.id],
  }),
  runtimeOwnerTeam: one(teams, { fields: [spaces.runtimeOwnerTeamId], references: [teams.id] }),
}));

export const spaceGrantsRelations = relations(spaceGrants, ({ one }) => ({
  space: one(spaces, { fields: [spaceGrants.spaceId], references: [spaces.id] }),
  membership: one(memberships, {
    fields: [spaceGrants.membershipId],
    references: [memberships.id],
  }),
  team: one(teams, { fields: [spaceGrants.teamId], references: [teams.id] }),
}));

export const appsRelations = relations(apps, ({ one, many }) => ({
  space: one(spaces, { fields: [apps.spaceId], references: [spaces.id] }),
  personaApps: many(personaApps),
  tokens: many(runtimeTokens),
}));

export const connectionsRelations = relations(connections, ({ one }) => ({
  space: one(spaces, { fields: [connections.spaceId], references: [spaces.id] }),
}));

export const personasRelations = relations(personas, ({ one, many }) => ({
  space: one(spaces, { fields: [personas.spaceId], references: [spaces.id] }),
  owner: one(memberships, { fields: [personas.ownerMembershipId], references: [memberships.id] }),
  personaApps: many(personaApps),
  grants: many(capabilityGrants),
  actions: many(actions),
  memory: many(memoryItems),
  stageChanges: many(stageChanges),
  incidents: many(incidents),
}));

export const personaAppsRelations = relations(personaApps, ({ one }) => ({
  persona: one(personas, { fields: [personaApps.personaId], references: [personas.id] }),
  app: one(apps, { fields: [personaApps.appId], references: [apps.id] }),
}));

export const capabilityGrantsRelations = relations(capabilityGrants, ({ one }) => ({
  persona: one(personas, { fields: [capabilityGrants.personaId], references: [personas.id] }),
}));

export const incidentsRelations = relations(incidents, ({ one }) => ({
  persona: one(personas, { fields: [incidents.personaId], references: [personas.id] }),
}));

export const stageChangesRelations = relations(stageChanges, ({ one }) => ({
  persona: one(personas, { fields: [stageChanges.personaId], references: [personas.id] }),
}));

export const runtimeTokensRelations = relations(runtimeTokens, ({ one }) => ({
  app: one(apps, { fields: [runtimeTokens.appId], references: [apps.id] }),
  space: one(spaces, { fields: [runtimeTokens.spaceId], references: [spaces.id] }),
}));

export const runtimeInstancesRelations = relations(runtimeInstances, ({ one }) => ({
  app: one(apps, { fields: [runtimeInstances.appId], references: [apps.id] }),
}));

export const actionsRelations = relations(actions, ({ one, many }) => ({
  persona: one(personas, { fields: [actions.personaId], references: [personas.id] }),
  app: one(apps, { fields: [actions.appId], references: [apps.id] }),
  space: one(spaces, { fields: [actions.spaceId], references: [spaces.id] }),
  reviews: many(reviews),
}));

export const reviewsRelations = relations(reviews, ({ one }) => ({
  action: one(actions, { fields: [reviews.actionId], references: [actions.id] }),
  reviewer: one(memberships, {
    fields: [reviews.reviewerMembershipId],
    references: [memberships.id],
  }),
}));

export const memoryItemsRelations = relations(memoryItems, ({ one }) => ({
  persona: one(personas, { fields: [memoryItems.personaId], references: [personas.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  tenant: one(tenants, { fields: [auditEvents.tenantId], references: [tenants.id] }),
}));
