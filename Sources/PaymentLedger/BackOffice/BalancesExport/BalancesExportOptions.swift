public import Foundation
public import XMLCoding

/// How ``BalancesExport`` writes the balances-owing document.
public struct BalancesExportOptions: Hashable, Sendable {
    /// The placeholder in ``paymentLinkTemplate`` that each departure's booking reference replaces.
    public static let referencePlaceholder = "{reference}"

    /// The day the balances are computed for (what is due by then, `AsOf`). `nil` (the default)
    /// is the ledger's today.
    public var asOf: XMLDate?
    /// The time written as `GeneratedAt`. `nil` (the default) is the ledger clock's now.
    public var generatedAt: Date?
    /// The URL of the payment page for one departure, with ``referencePlaceholder`` where the
    /// booking reference goes (percent-encoded), such as
    /// `https://pay.example.com/balance?ref={reference}`. `nil` (the default) writes no
    /// `PaymentLink`. Must be an `http` or `https` URL.
    public var paymentLinkTemplate: String?
    /// Whether to indent the elements, one per line. The default `true` costs a few percent of
    /// size and keeps the file readable for the people who check it.
    public var prettyPrinted: Bool

    /// Creates options; every parameter has the default its property documents.
    public init(
        asOf: XMLDate? = nil, generatedAt: Date? = nil, paymentLinkTemplate: String? = nil, prettyPrinted: Bool = true
    ) {
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.paymentLinkTemplate = paymentLinkTemplate
        self.prettyPrinted = prettyPrinted
    }
}

/// What an export wrote.
public struct BalancesExportSummary: Hashable, Sendable {
    /// The clients written.
    public var clientCount: Int
    /// The departures (bookings) written.
    public var departureCount: Int
    /// The bytes written.
    public var byteCount: Int
}
