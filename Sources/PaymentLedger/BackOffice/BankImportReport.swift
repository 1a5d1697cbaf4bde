public import StringPayments

/// What ``Ledger/importBankStatement(_:methodCode:)`` did with each entry of a statement.
///
/// Every entry appears in exactly one of ``received``, ``alreadyKnown``, ``skipped``,
/// ``reversed``, ``alreadyReversed`` and ``unmatchedReversals``; ``autoMatched`` and
/// ``ambiguous`` further describe some of the ``received`` ones.
public struct BankImportReport: Sendable, Hashable {
    /// An entry the import left out, with why.
    public struct SkippedEntry: Sendable, Hashable {
        /// The entry's bank reference.
        public var reference: String
        /// Why it was left out, such as `debit`.
        public var reason: String

        /// Creates a skipped entry.
        ///
        /// - Parameters:
        ///   - reference: The entry's bank reference.
        ///   - reason: Why it was left out.
        public init(reference: String, reason: String) {
            self.reference = reference
            self.reason = reason
        }
    }

    /// A received payment the import assigned to the one booking its remittance names.
    public struct AutoMatch: Sendable, Hashable {
        /// The bank reference.
        public var reference: String
        /// The booking.
        public var bookingId: Identifier
        /// The payment the assignment created on the booking.
        public var paymentId: Identifier

        /// Creates a match.
        ///
        /// - Parameters:
        ///   - reference: The bank reference.
        ///   - bookingId: The booking.
        ///   - paymentId: The booking's new payment.
        public init(reference: String, bookingId: Identifier, paymentId: Identifier) {
            self.reference = reference
            self.bookingId = bookingId
            self.paymentId = paymentId
        }
    }

    /// A received payment whose remittance names more than one booking: it stays unassigned.
    public struct AmbiguousMatch: Sendable, Hashable {
        /// The bank reference.
        public var reference: String
        /// The bookings it names, in the order found.
        public var bookingIds: [Identifier]

        /// Creates an ambiguous match.
        ///
        /// - Parameters:
        ///   - reference: The bank reference.
        ///   - bookingIds: The bookings named.
        public init(reference: String, bookingIds: [Identifier]) {
            self.reference = reference
            self.bookingIds = bookingIds
        }
    }

    /// The new unregistered payments, in statement order, as they stand after the import
    /// (assigned when automatically matched).
    public var received: [UnregisteredPayment] = []
    /// Bank references of credit entries the ledger knew already: nothing changed for them.
    public var alreadyKnown: [String] = []
    /// Entries left out: debits (`debit`), entries not booked (`status PDNG`), reversals of
    /// debits (`reversal of a debit`), entries without a date.
    public var skipped: [SkippedEntry] = []
    /// Bank references of the unregistered payments reversed by reversal entries.
    public var reversed: [String] = []
    /// Bank references of the unregistered payments whose reversal was imported before.
    public var alreadyReversed: [String] = []
    /// Bank references of reversal entries that name no known payment (or more than one).
    public var unmatchedReversals: [String] = []
    /// The received payments assigned automatically.
    public var autoMatched: [AutoMatch] = []
    /// The received payments whose remittance names several bookings.
    public var ambiguous: [AmbiguousMatch] = []

    /// Creates an empty report.
    public init() {}

    /// The skipped entries that are debits.
    public var skippedDebits: [SkippedEntry] { skipped.filter { $0.reason == Self.debitReason } }

    /// The reason of a skipped debit entry.
    public static let debitReason = "debit"

    /// The ``SkippedEntry/reason`` of an entry that is the outcome of one of the ledger's
    /// direct-debit collections (its end-to-end identification is the collection's attempt key):
    /// ``Ledger/applyDirectDebitStatement(_:settings:)`` settles or fails the collection's own
    /// payment with it, so it never becomes an unregistered payment as well.
    public static let directDebitCollectionReason = "direct-debit collection"

    /// The entries that are outcomes of the ledger's direct-debit collections.
    public var directDebitCollections: [SkippedEntry] {
        skipped.filter { $0.reason == Self.directDebitCollectionReason }
    }
}
