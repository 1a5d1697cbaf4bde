/// A job the scheduler runs: the three autopay runs, the balances-owing export and the balance
/// reminders.
public enum ScheduledJob: String, Codable, Hashable, Sendable, CaseIterable {
    /// Instalment autopay (the library's `runAutopay(.instalment, …)`), in the instalment window.
    case instalmentAutopay = "instalment-autopay"
    /// Reseller autopay (`runAutopay(.reseller, …)`), in the reseller window.
    case resellerAutopay = "reseller-autopay"
    /// Direct-debit collection (`runDirectDebit`), in the instalment window, when the autopay
    /// settings name a creditor.
    case directDebit = "direct-debit"
    /// The balances-owing export (`BalancesExport`), written and uploaded once a day.
    case balancesExport = "balances-export"
    /// The balance reminders (``ReminderService``), sent once a day from their configured hour
    /// to the bookings whose next payment is due soon or overdue.
    case balanceReminders = "balance-reminders"

    /// The name people read.
    public var title: String {
        switch self {
        case .instalmentAutopay: "Instalment autopay"
        case .resellerAutopay: "Reseller autopay"
        case .directDebit: "Direct-debit collection"
        case .balancesExport: "Balances-owing export"
        case .balanceReminders: "Balance reminders"
        }
    }
}
