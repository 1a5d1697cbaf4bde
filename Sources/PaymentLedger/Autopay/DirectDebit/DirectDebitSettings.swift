/// How the tour operator collects by SEPA direct debit: the `directDebit` object of
/// `autopay.json`.
public struct DirectDebitSettings: Hashable, Sendable {
    /// The creditor: name, account, creditor identifier.
    public var creditor: DirectDebitCreditor
    /// The pain.008 version the bank takes. The default is `001.08`.
    public var version: Pain008Version
    /// How many days before the collection date the file goes to the bank, 1...30: a run
    /// collects the instalments due that many days after the run date. The default is 1, the
    /// SEPA Core scheme's D-1.
    public var submissionLeadDays: Int
    /// How many days before the collection date the debtor must have been told of it, 0...60:
    /// an instalment of a booking made later than that before its due date is not collected.
    /// The default is 14, the SEPA rulebook's pre-notification period unless agreed otherwise.
    public var preNotificationDays: Int

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - creditor: The creditor.
    ///   - version: The pain.008 version.
    ///   - submissionLeadDays: Days between the run and the collection date.
    ///   - preNotificationDays: The pre-notification period.
    public init(
        creditor: DirectDebitCreditor, version: Pain008Version = .v08, submissionLeadDays: Int = 1,
        preNotificationDays: Int = 14
    ) {
        self.creditor = creditor
        self.version = version
        self.submissionLeadDays = submissionLeadDays
        self.preNotificationDays = preNotificationDays
    }
}
