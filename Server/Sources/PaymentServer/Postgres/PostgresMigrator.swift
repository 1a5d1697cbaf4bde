import PaymentLedger
import PostgresNIO

/// Creates the schema of an empty database and applies the migrations a database lacks, each
/// in one transaction, under an advisory lock (see ``PostgresSchema``).
enum PostgresMigrator {
    /// Runs one statement on the journal's connection.
    typealias Run = (PostgresQuery) throws(LedgerJournalError) -> [PostgresRow]

    /// The newest applied version; 0 for an empty database.
    ///
    /// - Parameter run: Runs a statement.
    static func currentVersion(_ run: Run) throws(LedgerJournalError) -> Int {
        _ = try run(
            "CREATE TABLE IF NOT EXISTS drv_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        let rows = try run("SELECT coalesce(max(version), 0) FROM drv_schema_migrations")
        do {
            return Int(try rows.first?.decode(Int32.self) ?? 0)
        } catch {
            throw LedgerJournalError(code: .ioError, message: "cannot read the schema version: \(error)")
        }
    }

    /// Applies every migration newer than the database's version, up to `target`.
    ///
    /// - Parameters:
    ///   - target: The version to reach. Default the newest.
    ///   - run: Runs a statement.
    /// - Returns: The version before and after.
    /// - Throws: ``LedgerJournalError`` with code `io-error`, or `not-a-journal` when the
    ///   database's schema is newer than this program knows.
    @discardableResult
    static func migrate(
        to target: Int = PostgresSchema.latestVersion, _ run: Run
    ) throws(LedgerJournalError) -> (from: Int, to: Int) {
        _ = try run("SELECT pg_advisory_lock(\(PostgresSchema.migrationLock))")
        defer { _ = try? run("SELECT pg_advisory_unlock(\(PostgresSchema.migrationLock))") }
        let start = try currentVersion(run)
        guard start <= PostgresSchema.latestVersion else {
            throw LedgerJournalError(
                code: .notAJournal,
                message:
                    "the database's schema version \(start) is newer than this program's \(PostgresSchema.latestVersion)"
            )
        }
        var version = start
        for migration in PostgresSchema.migrations where migration.version > start && migration.version <= target {
            _ = try run("BEGIN")
            do {
                for statement in migration.statements { _ = try run(PostgresQuery(unsafeSQL: statement)) }
                _ = try run("INSERT INTO drv_schema_migrations (version) VALUES (\(Int32(migration.version)))")
                _ = try run("COMMIT")
            } catch {
                _ = try? run("ROLLBACK")
                throw LedgerJournalError(
                    code: .ioError, message: "migration to schema version \(migration.version) failed: \(error)")
            }
            version = migration.version
        }
        return (start, version)
    }
}
