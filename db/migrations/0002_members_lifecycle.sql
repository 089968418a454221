ALTER TYPE "public"."audit_verb" ADD VALUE 'member.joined' BEFORE 'team.created';--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "removed_at" timestamp with time zone;