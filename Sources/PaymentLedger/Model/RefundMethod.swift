public import StringPayments

/// How a refund pays money back.
public enum RefundMethod: Hashable, Sendable, CustomStringConvertible {
    /// A bank transfer to the customer; the back office completes (or fails) it when the bank
    /// has executed it.
    case bankTransfer
    /// Back to the card (or other electronic instrument) of one of the booking's payments,
    /// through the ``PaymentGateway`` that collected it: ``Ledger/refund(_:for:gateway:)``.
    case card(paymentId: Identifier)
    /// Any other way (cash, a voucher, …), named by a code; completed by the back office.
    case other(String)

    /// `bank-transfer`, `card PAYMENT` or the other method's code.
    public var description: String {
        switch self {
        case .bankTransfer: "bank-transfer"
        case .card(let paymentId): "card \(paymentId)"
        case .other(let code): code
        }
    }
}
