public import PaymentLedger
import StringPayments

/// The sample bookings and agency keys of `drv-payments-server --demo`.
///
/// The bookings are the library's back-office sample (three agencies, customers with and
/// without email, several currencies); the keys are new on every start and printed once.
public struct DemoSetup: Sendable {
    /// An agency's number and its API key in clear, for the printed logins.
    public struct AgencyLogin: Sendable, Hashable {
        /// The agency number.
        public let agency: String
        /// The key to send as `X-API-Key`.
        public let key: String
    }

    /// A booking a customer can log in to: reference and email.
    public struct CustomerLogin: Sendable, Hashable {
        /// The booking reference.
        public let booking: String
        /// The email used at booking.
        public let email: String
    }

    /// The agencies with their new keys.
    public let agencies: [AgencyLogin]

    /// Makes new keys for the sample agencies.
    public init() {
        agencies = _BackOfficeSampleLedger.agencies.map { AgencyLogin(agency: $0, key: SecretHash.newToken()) }
    }

    /// The credentials to configure: the keys' hashes only.
    public var credentials: [AgencyCredential] {
        agencies.map { AgencyCredential(agency: $0.agency, keySHA256: SecretHash.sha256Hex($0.key)) }
    }

    /// Fills an empty ledger with the sample bookings; a ledger with bookings is left as it is.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - count: How many bookings. Default 24.
    /// - Throws: ``LedgerError`` when the ledger refuses a change.
    public static func populate(_ ledger: Ledger, count: Int = 24) throws {
        guard ledger.bookingCount == 0 else { return }
        try Ledger.$actor.withValue(.system("demo")) {
            try _BackOfficeSampleLedger.populate(ledger, count: count, seed: 14)
        }
    }

    /// The first bookings of an agency, to try `POST /string` with.
    ///
    /// - Parameters:
    ///   - agency: The agency number.
    ///   - ledger: The ledger.
    ///   - limit: How many. Default 2.
    /// - Returns: Their identifiers.
    public static func bookings(of agency: String, in ledger: Ledger, limit: Int = 2) -> [String] {
        ledger.bookings.lazy.filter { $0.agency?.agency == agency }.map(\.id.value).prefix(limit).map { $0 }
    }

    /// Bookings to try the portal with: not cancelled, with an email, with something left to
    /// pay on more than one scheduled payment (so that paying and approving both show); bookings
    /// without payments first, then in euros first.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - limit: How many. Default 3.
    /// - Returns: The logins.
    public static func customerLogins(in ledger: Ledger, limit: Int = 3) -> [CustomerLogin] {
        let today = ledger.today
        let open = ledger.bookings.filter { booking in
            booking.state != .cancelled && booking.customerEmail?.isEmpty == false && !booking.uncoveredAmount.isZero
                && booking.expectedPayments(today: today).filter { !$0.remaining.isZero }.count > 1
        }
        // Bookings without payments first (their figures are the plainest), euros first.
        func rank(_ booking: LedgerBooking) -> Int {
            (booking.payments.isEmpty ? 0 : 2) + (booking.currency == .eur ? 0 : 1)
        }
        let ordered = open.sorted { rank($0) < rank($1) }
        return ordered.prefix(limit).compactMap { booking in
            booking.customerEmail.map { CustomerLogin(booking: booking.id.value, email: $0) }
        }
    }
}
