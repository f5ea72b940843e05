CREATE TABLE "operation_locks" (
	"subject" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"task_id" integer,
	"what" text NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
