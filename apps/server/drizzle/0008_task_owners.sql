ALTER TABLE `tasks` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `heartbeat_at` text;