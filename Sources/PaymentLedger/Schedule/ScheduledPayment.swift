public import StringPayments
public import XMLCoding

/// One expected payment of a booking's payment schedule: what part of the price it covers, when
/// it is due and how much it is.
///
/// The ledger turns each into an `Open` payment without a form of payment, identified by
/// ``identifier`` so the agency can pay it by reference.
public struct ScheduledPayment: Hashable, Sendable, Codable {
    /// The part of the price the payment covers.
    public var scope: PaymentScope
    /// The day the payment is due.
    public var dueDate: XMLDate
    /// The amount due, in the booking currency with exactly its minor units.
    public var amount: CurrencyAmount
    /// The identifier the agency references the payment by: `DEP`, `INT1`, `INT2`, …, `BAL`.
    public var identifier: Identifier

    /// Creates an expected payment.
    ///
    /// - Parameters:
    ///   - scope: The part of the price the payment covers.
    ///   - dueDate: The day the payment is due.
    ///   - amount: The amount due.
    ///   - identifier: The identifier the agency references the payment by.
    public init(scope: PaymentScope, dueDate: XMLDate, amount: CurrencyAmount, identifier: Identifier) {
        self.scope = scope
        self.dueDate = dueDate
        self.amount = amount
        self.identifier = identifier
    }

    /// The identifier of the deposit.
    public static let depositIdentifier: Identifier = "DEP"
    /// The identifier of the balance.
    public static let balanceIdentifier: Identifier = "BAL"

    /// The identifier of an interim instalment: `INT1` for the first.
    ///
    /// - Parameter number: The instalment's number, counting from 1.
    /// - Returns: `INT` followed by the number.
    public static func interimIdentifier(_ number: Int) -> Identifier {
        Identifier(stringLiteral: "INT\(number)")
    }
}
