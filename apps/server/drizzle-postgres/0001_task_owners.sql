ALTER TABLE "tasks" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "heartbeat_at" text;