CREATE TABLE `operation_locks` (
	`subject` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`task_id` integer,
	`what` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
