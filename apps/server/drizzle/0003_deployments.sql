CREATE TABLE `deploy_settings` (
	`environment_id` integer PRIMARY KEY NOT NULL,
	`settings_json` text NOT NULL,
	`passwords_sealed` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dashboard_uuid` text NOT NULL,
	`environment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`sha` text NOT NULL,
	`state` text NOT NULL,
	`plan_json` text,
	`message` text,
	`snapshot` blob,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`duration_ms` integer,
	`task_id` integer
);
--> statement-breakpoint
CREATE INDEX `deployments_dashboard_idx` ON `deployments` (`dashboard_uuid`,`environment_id`);