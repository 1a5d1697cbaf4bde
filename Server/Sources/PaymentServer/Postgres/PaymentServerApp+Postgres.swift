public import PaymentLedger

extension PaymentServerApp {
    /// Opens the ledger over the PostgreSQL store: connects, migrates the schema, and replays
    /// every record in batches.
    ///
    /// - Parameters:
    ///   - settings: Where the database is.
    ///   - instanceId: The instance's name, recorded in every row it appends (see
    ///     ``PostgresInstanceLock``). Default `nil`, none.
    /// - Returns: The ledger, replayed; its journal is a ``PostgresJournal``.
    /// - Throws: ``ServerError`` with code `ledger-unavailable` when the database cannot be
    ///   reached or migrated, or holds a record that does not fold.
    public static func openLedger(
        database settings: PostgresSettings, instanceId: String? = nil
    ) throws(ServerError) -> Ledger {
        let journal: PostgresJournal
        do {
            journal = try PostgresJournal.open(settings: settings, instanceId: instanceId)
        } catch {
            throw ServerError(code: .ledgerUnavailable, message: "cannot open the ledger in \(settings): \(error)")
        }
        do {
            return try Ledger(journal: journal)
        } catch {
            journal.close()
            throw ServerError(code: .ledgerUnavailable, message: "cannot replay the ledger in \(settings): \(error)")
        }
    }

    /// The services that keep a shared ledger current: a ``LedgerFollowerService`` when the
    /// ledger's journal is a ``PostgresJournal``, else none.
    var followerServices: [LedgerFollowerService] {
        guard let journal = ledger.journal as? PostgresJournal else { return [] }
        return [LedgerFollowerService(ledger: ledger, settings: journal.settings, logger: logger)]
    }
}
