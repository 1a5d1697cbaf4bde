import StringPayments

/// The payments of a request in request order, each with whether the change entered it (new, or
/// entered again after failing) or left it as the booking had it: what a ``PaymentEntryResult``
/// reports.
///
/// A request usually carries one payment, which is kept inline: no array is made for it, and
/// releasing the result frees nothing but the booking.
struct PaymentEntries: Sendable {
    private enum Storage: Sendable {
        case one(Identifier, entered: Bool)
        case many([Identifier], entered: [Bool])
    }

    private let storage: Storage

    /// One payment.
    ///
    /// - Parameters:
    ///   - identifier: The payment's identifier.
    ///   - entered: Whether the change entered it.
    init(_ identifier: Identifier, entered: Bool) {
        storage = .one(identifier, entered: entered)
    }

    /// The items of a plan, in its order.
    init(_ items: [PaymentPlan.Item]) {
        if items.count == 1 {
            storage = .one(items[0].record.identifier, entered: items[0].disposition != .unchanged)
        } else {
            storage = .many(items.map(\.record.identifier), entered: items.map { $0.disposition != .unchanged })
        }
    }

    /// Every payment's identifier, in request order.
    var identifiers: [Identifier] {
        switch storage {
        case .one(let identifier, _): return [identifier]
        case .many(let identifiers, _): return identifiers
        }
    }

    /// The identifiers of the payments entered (`true`) or left as they were (`false`), in
    /// request order.
    func identifiers(entered wanted: Bool) -> [Identifier] {
        switch storage {
        case .one(let identifier, let entered): return entered == wanted ? [identifier] : []
        case .many(let identifiers, let entered):
            return zip(identifiers, entered).compactMap { $1 == wanted ? $0 : nil }
        }
    }

    /// Whether the change entered any payment.
    var enteredAny: Bool {
        switch storage {
        case .one(_, let entered): return entered
        case .many(_, let entered): return entered.contains(true)
        }
    }
}
