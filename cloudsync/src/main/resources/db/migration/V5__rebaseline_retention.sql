-- Re-baseline: the free-space pre-flight, the old copy a side-by-side re-baseline keeps and how
-- long, and the verify engine's model of those copies.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- How long the old copy a side-by-side re-baseline keeps is kept before it is dropped, in days
-- (0: dropped at the next sync). In place, nothing is kept: WITH REPLACE overwrites it.
ALTER TABLE centers ADD COLUMN old_copy_retention_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE centers ADD CONSTRAINT centers_old_copy_retention
  CHECK (old_copy_retention_days >= 0 AND old_copy_retention_days <= 3650);

-- The engine that ran the re-baseline (verify or sqlserver): an old copy is dropped only by the
-- engine that kept it.
ALTER TABLE rebaselines ADD COLUMN engine VARCHAR(16);
-- The name the new copy was restored under (side by side).
ALTER TABLE rebaselines ADD COLUMN temporary_name VARCHAR(128);
-- The free-space pre-flight: every figure in words, and those of the tightest volume.
ALTER TABLE rebaselines ADD COLUMN space_check VARCHAR(4000);
ALTER TABLE rebaselines ADD COLUMN space_needed_bytes BIGINT;
ALTER TABLE rebaselines ADD COLUMN space_available_bytes BIGINT;
-- When the new copy took the live name; the old copy is then retired_name until drop_after.
ALTER TABLE rebaselines ADD COLUMN swapped_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebaselines ADD COLUMN drop_after TIMESTAMP WITH TIME ZONE;
-- When the old copy was dropped (or found gone), and what happened at the last attempt.
ALTER TABLE rebaselines ADD COLUMN dropped_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebaselines ADD COLUMN drop_note VARCHAR(4000);

-- The verify engine's model of the old copies it keeps beside a center's database.
CREATE TABLE verify_old_copies (
  center_id      VARCHAR(63)  NOT NULL REFERENCES centers (id) ON DELETE CASCADE,
  database_name  VARCHAR(128) NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  restore_lsn    NUMERIC(25, 0),
  recovery_fork  VARCHAR(36),
  base_guid      VARCHAR(36),
  backup_db_name VARCHAR(128),
  backup_version VARCHAR(32),
  db_identity    VARCHAR(200),
  kept_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT verify_old_copies_pk PRIMARY KEY (center_id, database_name),
  CONSTRAINT verify_old_copies_status CHECK (status IN ('RESTORING', 'STANDBY', 'ONLINE'))
);
