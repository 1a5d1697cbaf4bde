public import Foundation
public import StringPayments
public import XMLCoding

/// The customer's approval of one scheduled payment, with its evidence: who approved it, when,
/// through which channel, the amount and due date approved, and the stored card it may use.
///
/// An approved instalment is charged on its due date by instalment autopay even where the
/// booking's channel has autopay off, as long as what remains of it is no more than the amount
/// approved. Withdrawing the approval before the due date stops that.
public struct AutopayApproval: Hashable, Sendable {
    /// The scheduled payment approved.
    public let scheduleId: Identifier
    /// The amount approved.
    public let amount: CurrencyAmount
    /// The due date approved.
    public let dueDate: XMLDate
    /// The stored card the charge may use; `nil`: the booking's current guest card.
    public let cardId: Identifier?
    /// How the customer approved it: `portal`, `phone`, `email`, ….
    public let channel: String
    /// Who approved it.
    public let approvedBy: LedgerActor
    /// When, to the millisecond.
    public let approvedAt: Date

    /// Creates an approval.
    ///
    /// - Parameters:
    ///   - scheduleId: The scheduled payment.
    ///   - amount: The amount approved.
    ///   - dueDate: The due date approved.
    ///   - cardId: The stored card it may use.
    ///   - channel: How the customer approved it.
    ///   - approvedBy: Who approved it.
    ///   - approvedAt: When.
    public init(
        scheduleId: Identifier, amount: CurrencyAmount, dueDate: XMLDate, cardId: Identifier?, channel: String,
        approvedBy: LedgerActor, approvedAt: Date
    ) {
        self.scheduleId = scheduleId
        self.amount = amount
        self.dueDate = dueDate
        self.cardId = cardId
        self.channel = channel
        self.approvedBy = approvedBy
        self.approvedAt = AuditStamp(actor: approvedBy, time: approvedAt).time
    }
}
