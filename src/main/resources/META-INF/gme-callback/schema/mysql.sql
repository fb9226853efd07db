-- The receiver's tables on MySQL 8.0+ and MariaDB 10.6+, InnoDB.
--
-- The receiver applies this file itself, table by table, where a jdbc store's table is absent:
-- every statement is idempotent, so running the file again is harmless. To create the tables
-- yourself (a database user without DDL rights), run it with the mysql (or mariadb) client:
--     mysql yourdb < mysql.sql
-- Every table is utf8mb4 with a binary collation: a UserID or RoomID is matched exactly, as
-- GME sent it (no case or accent folding: "Bob" and "bob" are two users), whatever the server's
-- or the database's default character set. MEDIUMTEXT holds any UserID or RoomID a body within
-- gme.callback.max-body-bytes can carry; no index is on them, so InnoDB's index length limit
-- does not apply. The 64-character ids are SHA-256 digests in hex (ASCII), and times are epoch
-- milliseconds.

-- gme.callback.dedupe.store=jdbc: one row per processed callback, kept for dedupe.retention.
CREATE TABLE IF NOT EXISTS gme_callback_dedupe (
    id CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    biz_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    record_mode INTEGER NOT NULL,
    user_id MEDIUMTEXT NOT NULL,
    event_type INTEGER NOT NULL,
    seq_no BIGINT NOT NULL,
    processed_at BIGINT NOT NULL,
    -- The hourly purge finds the rows past retention by this index.
    INDEX gme_callback_dedupe_processed (processed_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- gme.callback.journal.store=jdbc: one row per verified callback (and per replay), kept for
-- journal.retention. body is the request body exactly as signed, signature the Signature header it
-- came with. The inbox delivery's columns: inbox_key (the callback's identity, unique, so a repeat
-- is counted on its entry), due_at (when the next attempt is due) and the lease of the dispatch
-- under way (owner, until when, since when, which server).
CREATE TABLE IF NOT EXISTS gme_callback_journal (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    received_at BIGINT NOT NULL,
    remote_address VARCHAR(100) NOT NULL,
    biz_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    record_mode INTEGER NOT NULL,
    user_id MEDIUMTEXT NOT NULL,
    event_type INTEGER NOT NULL,
    seq_no BIGINT NOT NULL,
    room_id MEDIUMTEXT NOT NULL,
    body LONGBLOB NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error VARCHAR(500),
    replay BOOLEAN NOT NULL,
    inbox_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    due_at BIGINT,
    lease_owner CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    lease_until BIGINT,
    signature VARCHAR(200),
    traceparent VARCHAR(55),
    leased_at BIGINT,
    lease_server VARCHAR(100),
    replay_of BIGINT,
    replayed_by BIGINT,
    repeats INTEGER NOT NULL DEFAULT 0,
    last_repeat_at BIGINT,
    INDEX gme_callback_journal_task (task_id),
    INDEX gme_callback_journal_received (received_at),
    UNIQUE INDEX gme_callback_journal_inbox (inbox_key),
    INDEX gme_callback_journal_due (due_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- gme.callback.delivery=inbox: one row, whether dispatch is paused, by whom and since when.
CREATE TABLE IF NOT EXISTS gme_callback_inbox_control (
    id INTEGER NOT NULL PRIMARY KEY,
    paused BOOLEAN NOT NULL,
    changed_at BIGINT,
    changed_by VARCHAR(200)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
-- IGNORE skips only the duplicate key of a row another server inserted first.
INSERT IGNORE INTO gme_callback_inbox_control (id, paused) VALUES (1, FALSE);

-- gme.callback.recordings.store=jdbc: one row per recording file. state is the latest stage
-- seen (1 recording, 2 completed, 3 uploaded), state_since its time, overdue_for the state the
-- overdue sweep last found the file overdue in (0: never).
CREATE TABLE IF NOT EXISTS gme_callback_recording_file (
    id CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    biz_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    record_mode INTEGER NOT NULL,
    user_id MEDIUMTEXT NOT NULL,
    seq_no BIGINT NOT NULL,
    room_id MEDIUMTEXT NOT NULL,
    file_name MEDIUMTEXT,
    started_at BIGINT,
    completed_at BIGINT,
    uploaded_at BIGINT,
    state INTEGER NOT NULL,
    state_since BIGINT NOT NULL,
    overdue_for INTEGER NOT NULL,
    overdue_at BIGINT,
    last_at BIGINT NOT NULL,
    INDEX gme_callback_recording_file_task (task_id),
    -- The overdue sweep reads only the files that may have become overdue, by this index.
    INDEX gme_callback_recording_file_due (state, overdue_for, state_since),
    INDEX gme_callback_recording_file_last (last_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
