-- Every stored change of a task (a log line, its state or progress) is announced on the channel
-- superset_git_tasks with the task's id, once committed: a server following a task another one runs reads it
-- then, instead of polling.
CREATE OR REPLACE FUNCTION superset_git_task_line_added() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('superset_git_tasks', NEW.task_id::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION superset_git_task_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('superset_git_tasks', NEW.id::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER task_logs_notice AFTER INSERT ON task_logs
  FOR EACH ROW EXECUTE FUNCTION superset_git_task_line_added();
--> statement-breakpoint
CREATE TRIGGER tasks_notice AFTER UPDATE OF state, progress, error, result_json, started_at, finished_at ON tasks
  FOR EACH ROW EXECUTE FUNCTION superset_git_task_changed();
