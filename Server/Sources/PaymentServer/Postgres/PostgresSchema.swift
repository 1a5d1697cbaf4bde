/// The ledger store's tables, created and migrated at start.
///
/// Each migration runs in one transaction and records its version in `drv_schema_migrations`;
/// an advisory lock keeps two instances that start at once from migrating together. Versions:
///
/// 1. `drv_ledger_records (seq, record)`: the journal of one writer, as the library's
///    `LedgerJournal` documentation describes it.
/// 2. Several writers: each record names its booking and the booking's version, unique per
///    (booking, version, part); `drv_ledger_append` appends a change only at the version the
///    writer expects, under a transaction-level advisory lock, so that rows commit in sequence
///    order and a follower reading by sequence never passes over a row that commits later; and
///    it notifies `drv_ledger` at commit.
/// 3. Failover: each record names the server instance that appended it (`instance_id`, taken
///    from the session setting `drv.instance_id` that ``PostgresJournal`` sets on its
///    connection; `NULL` for rows appended before, or by a program that sets none) and when
///    (`appended_at`, the database's clock; rows from before the migration get the migration's
///    time), so that recovery can tell which instance left a payment in flight and how long ago
///    (``PostgresInFlightRecovery``).
enum PostgresSchema {
    /// The advisory lock key of migrations ("DRV" "MIGR" in ASCII).
    static let migrationLock: Int64 = 0x4452_564D_4947_52
    /// The advisory lock key of appends, held until each append's commit.
    static let appendLock: Int64 = 0x4452_5641_5050_4E44
    /// The channel the append function notifies.
    static let channel = "drv_ledger"

    /// The migrations, oldest first; a migration's statements run in one transaction.
    static let migrations: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE drv_ledger_records (
                    seq bigserial PRIMARY KEY,
                    record bytea NOT NULL
                )
                """
            ]
        ),
        (
            2,
            [
                "ALTER TABLE drv_ledger_records ADD COLUMN booking_id text",
                "ALTER TABLE drv_ledger_records ADD COLUMN booking_version bigint",
                "ALTER TABLE drv_ledger_records ADD COLUMN part integer NOT NULL DEFAULT 1",
                """
                ALTER TABLE drv_ledger_records ADD CONSTRAINT drv_ledger_records_booking_version
                    UNIQUE (booking_id, booking_version, part)
                """,
                """
                CREATE FUNCTION drv_ledger_append(p_booking text, p_expected bigint, p_records bytea[])
                RETURNS bigint[] LANGUAGE plpgsql AS $$
                DECLARE
                    v_current bigint;
                    v_seq bigint;
                    v_seqs bigint[] := '{}';
                    v_version bigint := CASE WHEN p_booking IS NULL THEN NULL ELSE p_expected + 1 END;
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(appendLock));
                    IF p_booking IS NOT NULL THEN
                        SELECT max(booking_version) INTO v_current
                            FROM drv_ledger_records WHERE booking_id = p_booking;
                        IF coalesce(v_current, 0) <> p_expected THEN
                            RETURN NULL;
                        END IF;
                    END IF;
                    FOR i IN 1 .. coalesce(array_length(p_records, 1), 0) LOOP
                        INSERT INTO drv_ledger_records (booking_id, booking_version, part, record)
                            VALUES (p_booking, v_version, i, p_records[i])
                            RETURNING seq INTO v_seq;
                        v_seqs := v_seqs || v_seq;
                    END LOOP;
                    PERFORM pg_notify('\(channel)', coalesce(v_seq, 0)::text);
                    RETURN v_seqs;
                END
                $$
                """,
            ]
        ),
        (
            3,
            [
                // Without a default first, so that the rows already there stay without an instance.
                "ALTER TABLE drv_ledger_records ADD COLUMN instance_id text",
                """
                ALTER TABLE drv_ledger_records ALTER COLUMN instance_id
                    SET DEFAULT nullif(current_setting('\(instanceSetting)', true), '')
                """,
                "ALTER TABLE drv_ledger_records ADD COLUMN appended_at timestamptz NOT NULL DEFAULT now()",
            ]
        ),
    ]

    /// The session setting that names the instance appending rows.
    static let instanceSetting = "drv.instance_id"

    /// The newest schema version.
    static var latestVersion: Int { migrations.last?.version ?? 0 }
}
