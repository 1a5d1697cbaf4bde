import Foundation

/// What the hosted payment page tells the portal when it sends the customer back, signed by
/// ``TokenSigner``. The portal shows the ledger's own state of ``paymentId``; the outcome only
/// says which intent came back and what the page saw.
public struct PaymentPageOutcome: Codable, Sendable, Hashable {
    /// What happened.
    public enum Result: String, Codable, Sendable {
        /// The payment was taken (settled).
        case paid
        /// The gateway declined the card.
        case declined
        /// The gateway has not answered finally; the ledger resolves it later.
        case pending
        /// The ledger refused the payment (more than owed, booking cancelled, …).
        case refused
        /// The card was stored for the scheduled payments.
        case cardStored
        /// The customer cancelled on the page.
        case cancelled
    }

    /// The intent's nonce.
    public let nonce: String
    /// The booking.
    public let booking: String
    /// What happened.
    public let result: Result
    /// The payment entered, if any.
    public let paymentId: String?
    /// When the outcome stops being accepted (seconds since 1970).
    public let expires: Int

    /// Creates an outcome.
    public init(nonce: String, booking: String, result: Result, paymentId: String?, expires: Int) {
        self.nonce = nonce
        self.booking = booking
        self.result = result
        self.paymentId = paymentId
        self.expires = expires
    }
}
