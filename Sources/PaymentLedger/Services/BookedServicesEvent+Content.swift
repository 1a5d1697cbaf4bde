import StringPayments
import XMLCoding

extension BookedServicesEvent {
    /// The most nodes the verbatim ``content`` may have: elements, text pieces, attributes and
    /// namespace declarations together. A request beyond it is refused, and the journal refuses a
    /// record that claims more before reading them.
    public static let maximumContentNodes = 4096
    /// The deepest element nesting of the verbatim ``content`` (a `Services` child is depth 1).
    public static let maximumContentDepth = 32

    /// Checks the content against ``maximumContentNodes`` and ``maximumContentDepth``.
    ///
    /// - Throws: ``LedgerError`` with code `invalid-booking-details`.
    static func validateContent(_ content: Services, bookingId: Identifier) throws(LedgerError) {
        var budget = ContentBudget()
        for element in content.content {
            guard budget.spend(element, depth: 1) else {
                throw LedgerError(
                    code: .invalidBookingDetails,
                    message:
                        "booking \(bookingId)'s Services content is beyond \(maximumContentNodes) nodes or "
                        + "\(maximumContentDepth) levels",
                    bookingId: bookingId)
            }
        }
    }
}

/// What is left of the verbatim content's node budget, spent element by element.
struct ContentBudget {
    /// The nodes left.
    private(set) var nodesLeft = BookedServicesEvent.maximumContentNodes

    /// Takes `count` nodes; `false` when fewer are left.
    mutating func take(_ count: Int) -> Bool {
        guard count <= nodesLeft else { return false }
        nodesLeft -= count
        return true
    }

    /// Spends the element and everything in it, at `depth`; `false` when beyond the limits. An
    /// element, an attribute, a namespace declaration and a text piece cost one node each.
    mutating func spend(_ element: XMLAnyElement, depth: Int) -> Bool {
        let texts = element.children.count - element.childElements.count
        guard depth <= BookedServicesEvent.maximumContentDepth,
            take(1 + element.attributes.count + element.namespacesInScope.count + texts)
        else { return false }
        for case .element(let child) in element.children where !spend(child, depth: depth + 1) { return false }
        return true
    }
}
