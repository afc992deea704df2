-- db-scheduler's execution table (durable deliveries and the daily review), created at start when missing.
CREATE TABLE IF NOT EXISTS scheduled_tasks (
  task_name varchar(512) NOT NULL,
  task_instance varchar(512) NOT NULL,
  task_data blob,
  execution_time timestamp with time zone NOT NULL,
  picked boolean NOT NULL,
  picked_by varchar(512),
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint NOT NULL,
  priority smallint,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
