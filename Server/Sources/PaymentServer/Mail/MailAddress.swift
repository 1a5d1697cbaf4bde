/// A mailbox: an ASCII address `local@domain` and an optional display name.
///
/// Creating one refuses line breaks and other control characters in either part, so that no
/// address or name can add a header of its own when the message is written (header injection),
/// and refuses `<`, `>`, `,`, `;`, quotes, white space and backslashes in the address, which
/// would change what the header means.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, such as `anna@example.com`.
    public let address: String
    /// The display name, such as `Anna Meyer`; any Unicode text without control characters.
    public let name: String?

    /// Creates a mailbox.
    ///
    /// - Parameters:
    ///   - address: `local@domain`, ASCII, at most 254 characters.
    ///   - name: The display name.
    /// - Throws: ``MailError`` with code `invalid-header`.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        let forbidden: Set<UInt8> = Set("<>()[],;:\\\" ".utf8)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) })
        else {
            throw MailError(
                code: .invalidHeader, message: "\(Self.printable(address)) is not an ASCII address local@domain")
        }
        if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw MailError(
                code: .invalidHeader,
                message: "the name of \(address) holds a line break or another control character")
        }
        self.address = address
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Name <address>` or `address`.
    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// The text with control characters shown as `?`, for messages.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
