public import Foundation
import StringPayments

/// A note on a booking: kind, text, who wrote it and when.
///
/// Memos are the ledger's own record of what happened to a booking outside its payments: the
/// back office's notes, and autopay's failure messages and its giving up. They are separate
/// from the booking's free-text comments.
public struct BookingMemo: Hashable, Sendable {
    /// What the memo is about.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A note written by someone.
        case note
        /// An autopay charge failed; the text is the failure message.
        case autopayFailure = "autopay-failure"
        /// Autopay used up its retries for a scheduled payment and will not try it again.
        case autopayGaveUp = "autopay-gave-up"
    }

    /// What the memo is about.
    public let kind: Kind
    /// The text, at most ``maximumTextLength`` characters.
    public let text: String
    /// Who wrote it.
    public let actor: LedgerActor
    /// When, to the millisecond.
    public let time: Date
    /// The autopay attempt the memo reports, for the kinds about autopay.
    public let attempt: PaymentAttemptKey?

    /// The longest memo text, in characters.
    public static let maximumTextLength = 2_000

    /// Creates a memo.
    ///
    /// - Parameters:
    ///   - kind: What it is about.
    ///   - text: The text.
    ///   - actor: Who wrote it.
    ///   - time: When.
    ///   - attempt: The autopay attempt it reports.
    public init(kind: Kind, text: String, actor: LedgerActor, time: Date, attempt: PaymentAttemptKey? = nil) {
        self.kind = kind
        self.text = text
        self.actor = actor
        self.time = AuditStamp(actor: actor, time: time).time
        self.attempt = attempt
    }
}
