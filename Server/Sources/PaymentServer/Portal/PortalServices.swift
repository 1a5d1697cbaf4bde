public import PaymentLedger
public import StringPayments

/// Opens a booking from a one-time portal link (the magic link an operator sends).
///
/// The library's token API (issued by `drv-payments portal-link BOOKING`) stores only the
/// token's hash, refuses expired, unknown and used tokens, and journals the redemption, so a
/// link works once, also across restarts.
public protocol PortalLinkRedeemer: Sendable {
    /// Redeems a token.
    ///
    /// - Parameter token: The token from the link's path.
    /// - Returns: The booking it opens, or `nil` when the token is unknown, expired or used.
    func redeem(_ token: String) async -> Identifier?
}

/// Sends the customer a receipt after a portal payment or approval.
public protocol PortalReceiptSender: Sendable {
    /// A receipt for a payment taken through the hosted payment page.
    ///
    /// - Parameters:
    ///   - paymentId: The payment.
    ///   - booking: The booking afterwards.
    ///   - language: The customer's language.
    func sendPaymentReceipt(for paymentId: Identifier, of booking: LedgerBooking, language: WebLanguage) async
    /// A receipt for approved scheduled payments.
    ///
    /// - Parameters:
    ///   - approvals: The approvals recorded.
    ///   - booking: The booking.
    ///   - language: The customer's language.
    func sendApprovalReceipt(for approvals: [AutopayApproval], of booking: LedgerBooking, language: WebLanguage) async
}

/// What the portal uses beyond the ledger: the magic-link redeemer and the receipt sender.
public struct PortalServices: Sendable {
    /// Redeems magic links.
    public var links: any PortalLinkRedeemer
    /// Sends receipts.
    public var receipts: any PortalReceiptSender

    /// Creates the services.
    ///
    /// - Parameters:
    ///   - links: The redeemer. Default one that opens nothing (no magic links configured).
    ///   - receipts: The sender. Default one that sends nothing.
    public init(links: any PortalLinkRedeemer = NoPortalLinks(), receipts: any PortalReceiptSender = NoReceipts()) {
        self.links = links
        self.receipts = receipts
    }
}

/// A redeemer that opens nothing: every link is refused.
public struct NoPortalLinks: PortalLinkRedeemer {
    /// Creates it.
    public init() {}
    /// Refuses.
    public func redeem(_ token: String) async -> Identifier? { nil }
}

/// A receipt sender that sends nothing (no mail path configured).
public struct NoReceipts: PortalReceiptSender {
    /// Creates it.
    public init() {}
    /// Sends nothing.
    public func sendPaymentReceipt(for paymentId: Identifier, of booking: LedgerBooking, language: WebLanguage) async {}
    /// Sends nothing.
    public func sendApprovalReceipt(
        for approvals: [AutopayApproval], of booking: LedgerBooking, language: WebLanguage
    ) async {}
}
