/// The payment method codes an import accepts, each with its name: the back office's list of how
/// money arrives (`FI` bank transfer, gift-card codes), configurable per installation.
///
/// ```
/// # CODE  Name (two or more spaces, or a tab, between them)
/// FI                Bank transfer
/// GAVEKORT KOMP     Gift card compensation
/// MOBILEPAY         MobilePay
/// ```
///
/// A code is compared exactly (after trimming spaces); codes may contain single spaces, as
/// `GAVEKORT KOMP` does.
public struct PaymentMethodCodes: Sendable, Hashable {
    /// One payment method.
    public struct Method: Sendable, Hashable {
        /// The code, such as `FI`.
        public var code: String
        /// What it means, such as `Bank transfer`.
        public var name: String

        /// Creates a method.
        ///
        /// - Parameters:
        ///   - code: The code.
        ///   - name: What it means.
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// The methods, in the order listed.
    public var methods: [Method]

    /// Creates a list.
    ///
    /// - Parameter methods: The methods.
    public init(methods: [Method]) {
        self.methods = methods
    }

    /// The codes of the back office's Balance Administration: `FI` (bank transfer), `GAVEKORT KOMP`
    /// (gift card compensation), `GAVEKORT GEVINST` (gift card prize) and `GAVEKORTFAKT` (gift card
    /// invoice).
    public static let standard = PaymentMethodCodes(methods: [
        Method(code: "FI", name: "Bank transfer"),
        Method(code: "GAVEKORT KOMP", name: "Gift card compensation"),
        Method(code: "GAVEKORT GEVINST", name: "Gift card prize"),
        Method(code: "GAVEKORTFAKT", name: "Gift card invoice"),
    ])

    /// Reads a list: one method a line, the code, then two or more spaces or a tab, then its
    /// name (optional); `#` starts a comment line.
    ///
    /// - Parameter text: The list's text.
    /// - Throws: ``BankStatementsError`` with code `csv-invalid-mapping` and the line for a code
    ///   listed twice, or a list without codes.
    public init(parsing text: String) throws(BankStatementsError) {
        var methods: [Method] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        {
            let line = CSVTable.trimmed(String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (code, name) = Self.split(line)
            guard !methods.contains(where: { $0.code == code }) else {
                throw BankStatementsError(
                    code: .csvInvalidMapping, message: "the payment method code '\(code)' is listed twice",
                    line: offset + 1)
            }
            methods.append(Method(code: code, name: name))
        }
        guard !methods.isEmpty else {
            throw BankStatementsError(code: .csvInvalidMapping, message: "the list names no payment method code")
        }
        self.methods = methods
    }

    /// Whether the list has the code.
    ///
    /// - Parameter code: A payment method code.
    /// - Returns: `true` when it is listed.
    public func contains(_ code: String) -> Bool {
        methods.contains { $0.code == code }
    }

    /// Checks that every entry of a statement carries a listed code: its own, else `defaultCode`.
    ///
    /// - Parameters:
    ///   - statement: The statement.
    ///   - defaultCode: The code of entries that carry none, such as the import's; `nil` means `FI`.
    /// - Throws: ``BankStatementsError`` with code `unknown-payment-method` naming the first entry
    ///   whose code is not listed, and the list.
    public func check(_ statement: BankStatement, defaultCode: String?) throws(BankStatementsError) {
        for entry in statement.entries {
            let code = entry.paymentMethodCode ?? defaultCode ?? "FI"
            guard contains(code) else {
                throw BankStatementsError(
                    code: .unknownPaymentMethod,
                    message: "entry \(entry.bankReference) has the payment method code '\(code)', which is not "
                        + "listed (\(methods.map(\.code).joined(separator: ", ")))")
            }
        }
    }

    /// A line's code and name: split at the first tab or run of two spaces.
    private static func split(_ line: String) -> (String, String) {
        if let tab = line.firstIndex(of: "\t") {
            return (CSVTable.trimmed(String(line[..<tab])), CSVTable.trimmed(String(line[line.index(after: tab)...])))
        }
        if let gap = line.range(of: "  ") {
            return (
                CSVTable.trimmed(String(line[..<gap.lowerBound])), CSVTable.trimmed(String(line[gap.upperBound...]))
            )
        }
        return (line, "")
    }
}
