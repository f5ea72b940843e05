CREATE TABLE `dashboard_repos` (
	`dashboard_uuid` text PRIMARY KEY NOT NULL,
	`environment_id` integer NOT NULL,
	`git_server_id` integer,
	`remote_url` text,
	`last_sync_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`git_server_id`) REFERENCES `git_servers`(`id`) ON UPDATE no action ON DELETE set null
);
