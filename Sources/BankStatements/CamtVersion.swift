/// A camt.053 or camt.054 message version, such as camt.053.001.08, as named by the document's
/// namespace (`urn:iso:std:iso:20022:tech:xsd:camt.053.001.08`).
///
/// The version decides which shipped schema a document is validated against
/// (``CamtSchemas/supportedVersions``). Other versions of the same two messages are read best-effort
/// with the nearest supported version's model; see ``CamtDecoder``.
public struct CamtVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The namespace prefix every ISO 20022 message schema shares.
    static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:"

    /// ``BankStatementKind/statement`` for camt.053, ``BankStatementKind/notification`` for camt.054.
    public let kind: BankStatementKind
    /// The message definition's version, the last part of the identifier: 8 for camt.053.001.08.
    public let version: Int

    /// Creates a version.
    ///
    /// - Parameters:
    ///   - kind: ``BankStatementKind/statement`` (camt.053) or ``BankStatementKind/notification``
    ///     (camt.054); ``BankStatementKind/csv`` has no camt version and is treated as a statement.
    ///   - version: The version number, 1 to 99.
    public init(kind: BankStatementKind, version: Int) {
        self.kind = kind == .csv ? .statement : kind
        self.version = version
    }

    /// Reads the version from a document's namespace.
    ///
    /// - Parameter namespace: Such as `urn:iso:std:iso:20022:tech:xsd:camt.054.001.02`.
    /// - Returns: `nil` unless the namespace names camt.053 or camt.054, variant 001, with a
    ///   two-digit version.
    public init?(namespace: String) {
        guard namespace.hasPrefix(Self.namespacePrefix) else { return nil }
        let identifier = Array(namespace.utf8.dropFirst(Self.namespacePrefix.utf8.count))
        // camt.053.001.08: 15 bytes.
        guard identifier.count == 15, String(decoding: identifier[0..<5], as: UTF8.self) == "camt.",
            String(decoding: identifier[8..<13], as: UTF8.self) == ".001."
        else { return nil }
        let message = String(decoding: identifier[5..<8], as: UTF8.self)
        let digits = identifier[13..<15]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let number = Int(digits[digits.startIndex] - 0x30) * 10 + Int(digits[digits.startIndex + 1] - 0x30)
        guard number >= 1 else { return nil }
        switch message {
        case "053": self.init(kind: .statement, version: number)
        case "054": self.init(kind: .notification, version: number)
        default: return nil
        }
    }

    /// The message identifier, such as `camt.053.001.08`.
    public var identifier: String {
        "camt.\(kind.camtMessageNumber ?? "053").001.\(version < 10 ? "0" : "")\(version)"
    }

    /// The namespace of the version's documents.
    public var namespace: String { Self.namespacePrefix + identifier }

    /// The shipped schema's file name, such as `camt.053.001.08.xsd`.
    var schemaFileName: String { identifier + ".xsd" }

    /// Whether a schema is shipped for this version (``CamtSchemas/supportedVersions``).
    public var isSupported: Bool { CamtSchemas.supportedVersions.contains(self) }

    /// The supported version whose model reads this version: itself when supported; 02 for
    /// versions 01 to 03 (party names directly in `Dbtr`, charges without records, status as a
    /// code); 08 for 04 and later (`Dbtr/Pty`, `Chrgs/Rcrd`, status as a choice).
    public var nearestSupported: CamtVersion {
        CamtVersion(kind: kind, version: version <= 3 ? 2 : 8)
    }

    /// `camt.053.001.08`.
    public var description: String { identifier }

    /// Orders by message, then version.
    public static func < (lhs: CamtVersion, rhs: CamtVersion) -> Bool {
        (lhs.kind == .statement ? 0 : 1, lhs.version) < (rhs.kind == .statement ? 0 : 1, rhs.version)
    }
}
