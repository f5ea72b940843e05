CREATE TABLE `git_servers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`provider` text NOT NULL,
	`url` text NOT NULL,
	`username` text,
	`default_owner` text,
	`verify_tls` integer NOT NULL,
	`token_sealed` text NOT NULL,
	`last_test_json` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `git_servers_name_nocase_idx` ON `git_servers` (lower("name"));