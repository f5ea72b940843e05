ALTER TABLE "tasks" ADD COLUMN "job_queue" text;--> statement-breakpoint
UPDATE "tasks" SET "job_queue" = 'superset-git-tasks' WHERE "job_id" IS NOT NULL;