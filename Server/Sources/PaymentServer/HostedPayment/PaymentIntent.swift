public import Foundation

/// What the portal asks the hosted payment page to do: take an amount for a booking, or store a
/// card for its scheduled payments; signed by ``TokenSigner`` so the browser cannot change it.
///
/// The nonce is the idempotency key: the payment the page enters is ``paymentId``, derived from
/// it, so sending the page's form again (or replaying the return address) finds the same payment
/// in the ledger and does not charge twice.
public struct PaymentIntent: Codable, Sendable, Hashable {
    /// What the customer is asked to do.
    public enum Purpose: String, Codable, Sendable {
        /// Pay ``amount``.
        case pay
        /// Store a card for the scheduled payments (no charge).
        case storeCard
    }

    /// Pay or store a card.
    public let purpose: Purpose
    /// The booking.
    public let booking: String
    /// The amount as exact decimal text (`1234.50`); `0` to store a card.
    public let amount: String
    /// The ISO 4217 code.
    public let currency: String
    /// The STRING payment scope: `Deposit`, `Interim` or `Balance`.
    public let scope: String
    /// Where the page sends the customer back: a path on this server.
    public let returnPath: String
    /// 16 random bytes as hex: the idempotency key.
    public let nonce: String
    /// When the intent stops being valid (seconds since 1970).
    public let expires: Int

    /// Creates an intent.
    public init(
        purpose: Purpose, booking: String, amount: String, currency: String, scope: String, returnPath: String,
        nonce: String, expires: Int
    ) {
        self.purpose = purpose
        self.booking = booking
        self.amount = amount
        self.currency = currency
        self.scope = scope
        self.returnPath = returnPath
        self.nonce = nonce
        self.expires = expires
    }

    /// A new nonce: 16 bytes from the system's secure generator as 32 hex digits.
    public static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The identifier of the payment the intent enters: `WEB-` and the nonce's first 20 digits.
    public var paymentId: String { "WEB-" + nonce.prefix(20) }

    /// Whether the intent is still valid at a time.
    ///
    /// - Parameter now: The time.
    /// - Returns: `true` before ``expires``.
    public func isValid(at now: Date) -> Bool { now.timeIntervalSince1970 < Double(expires) }
}
