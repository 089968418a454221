CREATE TYPE "public"."action_status" AS ENUM('pending', 'approved', 'rejected', 'denied', 'expired', 'cancelled', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."actor_kind" AS ENUM('user', 'token', 'system');--> statement-breakpoint
CREATE TYPE "public"."app_kind" AS ENUM('web_widget', 'api', 'chat', 'internal_tool', 'mobile', 'other');--> statement-breakpoint
CREATE TYPE "public"."audit_verb" AS ENUM('tenant.created', 'member.added', 'member.invited', 'member.role_changed', 'member.removed', 'member.external_ids_changed', 'member.signed_in', 'team.created', 'team.renamed', 'team.deleted', 'team.member_added', 'team.member_removed', 'grant.created', 'grant.changed', 'grant.removed', 'authz.denied', 'space.created', 'space.updated', 'space.archived', 'space.paused', 'space.resumed', 'space.bounds_changed', 'space.settings_changed', 'app.created', 'app.updated', 'app.archived', 'persona.created', 'persona.updated', 'persona.archived', 'persona.paused', 'persona.resumed', 'persona.exposure_changed', 'capability.enabled', 'capability.disabled', 'capability.policy_changed', 'connection.created', 'connection.updated', 'connection.credentials_replaced', 'connection.removed', 'incident.opened', 'incident.resolved', 'token.created', 'token.revoked', 'token.rotated', 'token.expired', 'action.proposed', 'action.approved', 'action.rejected', 'action.reviewed', 'action.expired', 'action.cancelled', 'action.outcome_reported', 'memory.written', 'memory.deleted', 'stage.requested', 'stage.signed_off', 'stage.advanced', 'stage.rolled_back', 'stage.request_rejected', 'stage.overridden', 'gate.thresholds_changed', 'audit.verified', 'webhook.configured');--> statement-breakpoint
CREATE TYPE "public"."decided_by" AS ENUM('policy', 'reviewers', 'system');--> statement-breakpoint
CREATE TYPE "public"."effect" AS ENUM('read', 'write');--> statement-breakpoint
CREATE TYPE "public"."environment" AS ENUM('sandbox', 'staging', 'production');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."outcome_status" AS ENUM('succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."persona_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TYPE "public"."policy" AS ENUM('deny', 'review', 'allow');--> statement-breakpoint
CREATE TYPE "public"."reason_code" AS ENUM('policy_allow', 'policy_review', 'stage_requires_review', 'persona_paused', 'environment_not_allowed', 'unknown_action', 'capability_disabled', 'stage_bound', 'action_denied');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."risk" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."runtime_hosting" AS ENUM('vendor', 'customer');--> statement-breakpoint
CREATE TYPE "public"."space_role" AS ENUM('operator', 'reviewer', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."space_status" AS ENUM('active', 'paused', 'archived');--> statement-breakpoint
CREATE TYPE "public"."stage_change_kind" AS ENUM('advance', 'rollback');--> statement-breakpoint
CREATE TYPE "public"."stage_change_status" AS ENUM('requested', 'applied', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('pilot', 'bounded_production', 'broad_exposure', 'deep_embedding');--> statement-breakpoint
CREATE TYPE "public"."tenant_role" AS ENUM('owner', 'operator', 'reviewer', 'viewer');--> statement-breakpoint
CREATE TABLE "member_invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by_membership_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_invites_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "tenant_role" NOT NULL,
	"external_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_tenant_user_uq" UNIQUE("tenant_id","user_id"),
	CONSTRAINT "memberships_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"tenant_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_team_id_membership_id_pk" PRIMARY KEY("team_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone,
	CONSTRAINT "users_email_shape" CHECK (position('@' in "users"."email") > 1)
);
--> statement-breakpoint
CREATE TABLE "apps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "app_kind" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "apps_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "apps_tenant_space_id_uq" UNIQUE("tenant_id","space_id","id")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"environment" "environment" NOT NULL,
	"credentials_ciphertext" text,
	"credentials_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "space_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"membership_id" uuid,
	"team_id" uuid,
	"role" "space_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grants_one_grantee" CHECK (("space_grants"."membership_id" is null) <> ("space_grants"."team_id" is null))
);
--> statement-breakpoint
CREATE TABLE "spaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "space_status" DEFAULT 'active' NOT NULL,
	"environments" "environment"[] DEFAULT '{sandbox}'::environment[] NOT NULL,
	"runtime_owner_membership_id" uuid,
	"runtime_owner_team_id" uuid,
	"runtime_hosting" "runtime_hosting" DEFAULT 'vendor' NOT NULL,
	"review_ttl_seconds" integer DEFAULT 86400 NOT NULL,
	"bounds_override" jsonb,
	"gate_thresholds" jsonb,
	"autonomy_settings" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "spaces_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "spaces_review_ttl_positive" CHECK ("spaces"."review_ttl_seconds" > 0),
	CONSTRAINT "spaces_single_runtime_owner" CHECK ("spaces"."runtime_owner_membership_id" is null or "spaces"."runtime_owner_team_id" is null)
);
--> statement-breakpoint
CREATE TABLE "capability_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"capability_key" text NOT NULL,
	"environment" "environment" NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"policies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capability_grants_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"reason" text NOT NULL,
	"opened_by_membership_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" text,
	"resolved_by_membership_id" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "incidents_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "persona_apps" (
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persona_apps_persona_id_app_id_pk" PRIMARY KEY("persona_id","app_id")
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"owner_membership_id" uuid,
	"status" "persona_status" DEFAULT 'active' NOT NULL,
	"stage" "stage" DEFAULT 'pilot' NOT NULL,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "personas_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "personas_tenant_space_id_uq" UNIQUE("tenant_id","space_id","id")
);
--> statement-breakpoint
CREATE TABLE "stage_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"kind" "stage_change_kind" NOT NULL,
	"from_stage" "stage" NOT NULL,
	"to_stage" "stage" NOT NULL,
	"status" "stage_change_status" NOT NULL,
	"reason" text NOT NULL,
	"requested_by_membership_id" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_off_by_membership_id" uuid,
	"signed_off_at" timestamp with time zone,
	"sign_off_note" text,
	"override" boolean DEFAULT false NOT NULL,
	"override_justification" text,
	"gate_evidence" jsonb,
	"grant_snapshot" jsonb,
	"applied_at" timestamp with time zone,
	CONSTRAINT "stage_changes_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "runtime_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"environment" "environment" NOT NULL,
	"instance_id" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"persona_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"token_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runtime_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"environment" "environment" NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"grace_ends_at" timestamp with time zone,
	"replaced_by_token_id" uuid,
	"created_by_membership_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "runtime_tokens_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"token_id" uuid,
	"environment" "environment" NOT NULL,
	"action_key" text NOT NULL,
	"capability_key" text,
	"risk" "risk",
	"effect" "effect",
	"stage" "stage" NOT NULL,
	"input" jsonb,
	"on_behalf_of" text,
	"reason" text,
	"status" "action_status" NOT NULL,
	"reason_code" "reason_code" NOT NULL,
	"decided_by" "decided_by",
	"required_approvals" integer NOT NULL,
	"decision_path" jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"response_body" jsonb,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"outcome_status" "outcome_status",
	"outcome_output" jsonb,
	"outcome_error" text,
	"outcome_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "actions_required_approvals_range" CHECK ("actions"."required_approvals" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"reviewer_membership_id" uuid NOT NULL,
	"decision" "review_decision" NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_action_reviewer_uq" UNIQUE("action_id","reviewer_membership_id"),
	CONSTRAINT "reviews_reject_needs_comment" CHECK ("reviews"."decision" <> 'reject' or length(coalesce("reviews"."comment", '')) > 0)
);
--> statement-breakpoint
CREATE TABLE "memory_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"environment" "environment" NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_app_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_user_id" uuid,
	"actor_token_id" uuid,
	"actor_label" text NOT NULL,
	"actor_role" "tenant_role",
	"verb" "audit_verb" NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"target_label" text,
	"space_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"payload" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_tenant_seq_uq" UNIQUE("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "member_invites" ADD CONSTRAINT "member_invites_membership_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_membership_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_space_fk" FOREIGN KEY ("tenant_id","space_id") REFERENCES "public"."spaces"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_space_fk" FOREIGN KEY ("tenant_id","space_id") REFERENCES "public"."spaces"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_space_fk" FOREIGN KEY ("tenant_id","space_id") REFERENCES "public"."spaces"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_membership_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_team_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_runtime_owner_member_fk" FOREIGN KEY ("tenant_id","runtime_owner_membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_runtime_owner_team_fk" FOREIGN KEY ("tenant_id","runtime_owner_team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_grants" ADD CONSTRAINT "capability_grants_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_apps" ADD CONSTRAINT "persona_apps_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_apps" ADD CONSTRAINT "persona_apps_app_fk" FOREIGN KEY ("tenant_id","space_id","app_id") REFERENCES "public"."apps"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_space_fk" FOREIGN KEY ("tenant_id","space_id") REFERENCES "public"."spaces"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_owner_fk" FOREIGN KEY ("tenant_id","owner_membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime_instances" ADD CONSTRAINT "runtime_instances_app_fk" FOREIGN KEY ("tenant_id","space_id","app_id") REFERENCES "public"."apps"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime_tokens" ADD CONSTRAINT "runtime_tokens_app_fk" FOREIGN KEY ("tenant_id","space_id","app_id") REFERENCES "public"."apps"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_app_fk" FOREIGN KEY ("tenant_id","space_id","app_id") REFERENCES "public"."apps"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_action_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "public"."actions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_fk" FOREIGN KEY ("tenant_id","reviewer_membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_items" ADD CONSTRAINT "memory_items_persona_fk" FOREIGN KEY ("tenant_id","space_id","persona_id") REFERENCES "public"."personas"("tenant_id","space_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_members_membership_idx" ON "team_members" USING btree ("membership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_tenant_name_uq" ON "teams" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "apps_space_idx" ON "apps" USING btree ("tenant_id","space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_space_type_env_uq" ON "connections" USING btree ("space_id","type","environment");--> statement-breakpoint
CREATE UNIQUE INDEX "space_grants_space_member_uq" ON "space_grants" USING btree ("space_id","membership_id") WHERE "space_grants"."membership_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "space_grants_space_team_uq" ON "space_grants" USING btree ("space_id","team_id") WHERE "space_grants"."team_id" is not null;--> statement-breakpoint
CREATE INDEX "space_grants_membership_idx" ON "space_grants" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "space_grants_team_idx" ON "space_grants" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "spaces_tenant_name_idx" ON "spaces" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "capability_grants_persona_cap_env_uq" ON "capability_grants" USING btree ("persona_id","capability_key","environment");--> statement-breakpoint
CREATE INDEX "incidents_persona_idx" ON "incidents" USING btree ("persona_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_one_open_per_persona_uq" ON "incidents" USING btree ("persona_id") WHERE "incidents"."status" = 'open';--> statement-breakpoint
CREATE INDEX "persona_apps_app_idx" ON "persona_apps" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "personas_space_idx" ON "personas" USING btree ("tenant_id","space_id");--> statement-breakpoint
CREATE INDEX "personas_tenant_stage_idx" ON "personas" USING btree ("tenant_id","stage");--> statement-breakpoint
CREATE INDEX "stage_changes_persona_idx" ON "stage_changes" USING btree ("persona_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_changes_one_open_request_uq" ON "stage_changes" USING btree ("persona_id") WHERE "stage_changes"."status" = 'requested';--> statement-breakpoint
CREATE UNIQUE INDEX "runtime_instances_app_env_instance_uq" ON "runtime_instances" USING btree ("app_id","environment","instance_id");--> statement-breakpoint
CREATE INDEX "runtime_instances_tenant_seen_idx" ON "runtime_instances" USING btree ("tenant_id","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "runtime_tokens_hash_uq" ON "runtime_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "runtime_tokens_space_idx" ON "runtime_tokens" USING btree ("tenant_id","space_id","created_at");--> statement-breakpoint
CREATE INDEX "runtime_tokens_app_idx" ON "runtime_tokens" USING btree ("app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actions_idempotency_uq" ON "actions" USING btree ("app_id","environment","idempotency_key") WHERE "actions"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "actions_tenant_status_created_idx" ON "actions" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "actions_space_status_created_idx" ON "actions" USING btree ("space_id","status","created_at");--> statement-breakpoint
CREATE INDEX "actions_persona_app_env_created_idx" ON "actions" USING btree ("persona_id","app_id","environment","created_at");--> statement-breakpoint
CREATE INDEX "actions_persona_stage_created_idx" ON "actions" USING btree ("persona_id","stage","created_at");--> statement-breakpoint
CREATE INDEX "actions_pending_expiry_idx" ON "actions" USING btree ("expires_at") WHERE "actions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "reviews_reviewer_idx" ON "reviews" USING btree ("reviewer_membership_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memory_items_persona_env_key_uq" ON "memory_items" USING btree ("persona_id","environment","key");--> statement-breakpoint
CREATE INDEX "memory_items_tenant_idx" ON "memory_items" USING btree ("tenant_id","persona_id");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_at_idx" ON "audit_events" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_space_idx" ON "audit_events" USING btree ("tenant_id","space_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_verb_idx" ON "audit_events" USING btree ("tenant_id","verb","seq");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_actor_idx" ON "audit_events" USING btree ("tenant_id","actor_user_id","seq");