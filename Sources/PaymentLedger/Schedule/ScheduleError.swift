/// Why a ``PaymentTermsPolicy`` could not compute a payment schedule.
///
/// The ``code`` is stable and can be relied on; the ``message`` is for people and may change.
/// Codes are `static let` members of ``Code`` rather than enum cases, so adding one breaks no
/// `switch`.
public struct ScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error code, such as `departure-before-booking`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text.
        public let rawValue: String

        /// Creates a code from its text.
        ///
        /// - Parameter rawValue: The code's text.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The departure date is before the booking date.
        public static let departureBeforeBooking = Code(rawValue: "departure-before-booking")
        /// The total is negative.
        public static let negativeTotal = Code(rawValue: "negative-total")
        /// The total needs more fraction digits than its currency's minor units, so no schedule
        /// in whole minor units can add up to it exactly.
        public static let tooManyFractionDigits = Code(rawValue: "too-many-fraction-digits")
        /// The policy's minimum deposit is in a different currency from the total.
        public static let currencyMismatch = Code(rawValue: "currency-mismatch")
        /// The policy has a value out of range: a deposit percentage outside 0...100, or a
        /// negative number of days or instalments.
        public static let invalidPolicy = Code(rawValue: "invalid-policy")

        /// The code's text.
        public var description: String { rawValue }
    }

    /// The stable error code.
    public let code: Code
    /// A description of the problem for people, naming the values involved.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable error code.
    ///   - message: A description for people.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the message, such as `departure-before-booking: departure 2026-01-01 is before…`.
    public var description: String { "\(code): \(message)" }
}
