public import PaymentLedger

/// Resolves the payments (and card refunds) in flight of a ledger that this process alone
/// writes — the file journal, whose directory one process owns: at start, everything a crash left
/// in flight; while serving, what a lost gateway answer left (``Ledger/reconcile(gateway:vouchers:)``
/// never touches an attempt a task of this process is still processing).
public struct LocalInFlightRecovery: InFlightRecovering {
    /// The ledger.
    public let ledger: Ledger
    /// The gateway the attempts went to.
    public let gateway: any PaymentGateway
    /// The voucher validation.
    public let vouchers: any VoucherValidator
    public let interval: Duration

    /// Creates the recovery.
    ///
    /// - Parameters:
    ///   - ledger: The ledger, which this process alone writes.
    ///   - gateway: The gateway the attempts went to.
    ///   - vouchers: The voucher validation.
    ///   - interval: How often the scheduled pass runs; zero turns it off.
    public init(ledger: Ledger, gateway: any PaymentGateway, vouchers: any VoucherValidator, interval: Duration) {
        self.ledger = ledger
        self.gateway = gateway
        self.vouchers = vouchers
        self.interval = interval
    }

    /// Resolves every payment in flight that no task of this process is processing.
    ///
    /// - Returns: What was resolved, and what could not be.
    /// - Throws: ``LedgerError`` with code `journal-failure` when an outcome cannot be journaled.
    public func recover() async throws(LedgerError) -> ReconciliationReport {
        try await ledger.reconcile(gateway: gateway, vouchers: vouchers)
    }
}
