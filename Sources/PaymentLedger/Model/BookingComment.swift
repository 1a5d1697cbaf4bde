/// A free-text note on a booking, with who wrote it and when: what the back office knows about
/// the booking that no field holds ("customer asked to keep the money for the next trip").
///
/// Comments are added with ``Ledger/addComment(_:to:)`` and kept in the order written; none is
/// ever changed or removed. See <doc:BackOffice>.
public struct BookingComment: Hashable, Sendable {
    /// The text: 1 to ``maximumLength`` characters, none of them a control character other than
    /// a line break or tab.
    public var text: String
    /// Who wrote it and when.
    public var stamp: AuditStamp

    /// Creates a comment.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - stamp: Who wrote it and when.
    public init(text: String, stamp: AuditStamp) {
        self.text = text
        self.stamp = stamp
    }

    /// The most characters a comment may have: 2,000, which keeps a booking's comments readable
    /// in a list and its journal records small.
    public static let maximumLength = 2000
}
