/// Where an entry's ``BankStatementEntry/bankReference`` was taken from, in the order the rule
/// prefers them.
///
/// The rule, applied per transaction:
///
/// 1. ``transactionServicerReference``: `NtryDtls/TxDtls/Refs/AcctSvcrRef`, the bank's own
///    reference for the single transaction.
/// 2. ``entryServicerReference``: `Ntry/AcctSvcrRef`, the bank's reference for the entry; for the
///    k-th transaction of a batch entry (more than one `TxDtls`) followed by `/k`.
/// 3. ``entryReference``: `Ntry/NtryRef`, unique only within its statement, so prefixed with the
///    statement's `Id`: `STMT-ID:NTRYREF`, and `/k` in a batch.
/// 4. ``position``: neither given, so the statement's `Id`, the entry's 1-based position in the
///    statement and the transaction's 1-based position in the entry: `STMT-ID#3/1`.
/// 5. ``csvColumn``: a CSV file's reference column.
///
/// Every rule depends only on the document's content, so decoding the same file twice gives the
/// same keys. Should two transactions of one report still end up with the same key, the later ones
/// get `~2`, `~3`, … appended in document order, so keys are unique within a report.
public enum BankReferenceSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `TxDtls/Refs/AcctSvcrRef`.
    case transactionServicerReference
    /// `Ntry/AcctSvcrRef`, with `/k` for the k-th transaction of a batch.
    case entryServicerReference
    /// `Ntry/NtryRef`, prefixed with the statement's `Id`.
    case entryReference
    /// The statement's `Id` and the entry's and transaction's positions.
    case position
    /// A CSV reference column.
    case csvColumn

    /// The case name.
    public var description: String { rawValue }
}
