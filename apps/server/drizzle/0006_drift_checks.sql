CREATE TABLE `drift_checks` (
	`environment_id` integer NOT NULL,
	`dashboard_uuid` text NOT NULL,
	`deployment_id` integer NOT NULL,
	`checked_at` text NOT NULL,
	`objects_json` text NOT NULL,
	`error` text,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drift_checks_pair_idx` ON `drift_checks` (`environment_id`,`dashboard_uuid`);