-- Restore progress and orphaned database users, per center.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- The step a center's engine is applying or applied last: its files, its place in the night, and
-- how far it went. Written when a step starts, at a bounded rate while it runs (each 10 percent or
-- every few seconds) and when it ends. percent is null when the engine reports none (the verify
-- engine restores nothing, so it has no percentage to report).
CREATE TABLE restore_progress (
  center_id   VARCHAR(63)   NOT NULL PRIMARY KEY REFERENCES centers (id) ON DELETE CASCADE,
  engine      VARCHAR(16)   NOT NULL,
  step_type   VARCHAR(8)    NOT NULL,
  files       VARCHAR(4000) NOT NULL,
  step_number INTEGER       NOT NULL,
  step_count  INTEGER       NOT NULL,
  percent     INTEGER,
  state       VARCHAR(16)   NOT NULL,
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT restore_progress_state CHECK (state IN ('running', 'done', 'failed')),
  CONSTRAINT restore_progress_percent CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
  CONSTRAINT restore_progress_step CHECK (step_number BETWEEN 1 AND step_count)
);

-- The last check of a center's database for users without a login on its SQL Server. readable is
-- false when the database could not be read (RESTORING: NORECOVERY throughout); note says why.
-- Only the SQL Server engine checks: the verify engine knows no users.
CREATE TABLE user_checks (
  center_id     VARCHAR(63)   NOT NULL PRIMARY KEY REFERENCES centers (id) ON DELETE CASCADE,
  engine        VARCHAR(16)   NOT NULL,
  database_name VARCHAR(128)  NOT NULL,
  readable      BOOLEAN       NOT NULL,
  note          VARCHAR(1000),
  checked_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The users that check found without a login, with the SID their login must be created with.
-- user_type is SQL Server's principal type: S SQL user, U Windows user, G Windows group.
-- ordinal keeps the order the server listed them in (by name, in the database's collation).
CREATE TABLE orphaned_users (
  center_id  VARCHAR(63)  NOT NULL REFERENCES user_checks (center_id) ON DELETE CASCADE,
  ordinal    INTEGER      NOT NULL,
  user_name  VARCHAR(128) NOT NULL,
  user_type  VARCHAR(2)   NOT NULL,
  sid_hex    VARCHAR(200) NOT NULL,
  PRIMARY KEY (center_id, user_name)
);
