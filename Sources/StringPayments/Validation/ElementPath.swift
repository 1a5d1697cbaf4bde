/// An element path in the library's convention, `/PaymentRequest/Payments/Payment[2]/IBAN`, built
/// step by step while the semantic rules walk a message.
///
/// Steps are local names; a step carries `[k]` only when the element is the k-th (k > 1) of its
/// name among its siblings, as ``StringPaymentsError/step(_:position:)`` writes it.
struct ElementPath: Hashable, Sendable, CustomStringConvertible {
    private var steps: [String]

    /// The path of a document's root element.
    ///
    /// - Parameter root: The root element's local name.
    init(root: String) {
        steps = [root]
    }

    /// The path of a child element.
    ///
    /// - Parameters:
    ///   - name: The child's local name.
    ///   - position: Its 1-based position among siblings of the same name. The default is 1.
    /// - Returns: This path with one more step.
    func child(_ name: String, position: Int = 1) -> ElementPath {
        var path = self
        path.steps.append(StringPaymentsError.step(name, position: position))
        return path
    }

    /// The path of a descendant, one step per name (each the first of its name).
    ///
    /// - Parameter names: The local names, outermost first.
    /// - Returns: This path with one step per name.
    func descendant(_ names: String...) -> ElementPath {
        var path = self
        path.steps.append(contentsOf: names)
        return path
    }

    /// `/A/B[2]/C`.
    var description: String {
        "/" + steps.joined(separator: "/")
    }
}
