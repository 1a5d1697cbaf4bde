public import PaymentLedger
public import StringPayments

/// Sends the customer a receipt after a payment or an approval, and records the sending on the
/// booking: what the portal calls once the ledger has the change.
public struct ReceiptService: Sendable {
    /// The ledger.
    public let ledger: Ledger
    /// Where the mails go.
    public let sender: any MailSender
    /// Writes the mails.
    public let composer: MailComposer
    /// The portal's public address, for the link to the booking; `nil` sends none.
    public let portalURL: String?

    /// Creates a service.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - sender: Where the mails go.
    ///   - composer: Writes the mails.
    ///   - portalURL: The portal's address (`BASE/portal`), linked from the receipt.
    public init(ledger: Ledger, sender: any MailSender, composer: MailComposer, portalURL: String? = nil) {
        self.ledger = ledger
        self.sender = sender
        self.composer = composer
        self.portalURL = portalURL
    }

    /// Sends the receipt and writes a memo on the booking, stamped with the calling task's actor.
    ///
    /// - Parameters:
    ///   - event: What the receipt confirms.
    ///   - bookingId: The booking, as the ledger has it after the change.
    ///   - language: The customer's language (the portal session's); `nil` takes the composer's
    ///     default.
    /// - Returns: The message sent.
    /// - Throws: ``MailError``: the booking has no email or is unknown (`composition-failed`), or
    ///   the relay refused. The ledger's change stands either way; a receipt is a courtesy.
    @discardableResult
    public func sendReceipt(
        for event: CustomerMailEvent, of bookingId: Identifier, language: WebLanguage? = nil
    ) async throws(MailError)
        -> MailMessage
    {
        guard let booking = ledger.booking(bookingId) else {
            throw MailError(code: .compositionFailed, message: "there is no booking \(bookingId)")
        }
        let message = try composer.receipt(for: event, of: booking, portalLink: portalURL, language: language)
        try await sender.send(message)
        let recipients = message.to.map(\.address).joined(separator: ", ")
        do {
            try ledger.addMemo("receipt sent to \(recipients): \(message.subject)", to: bookingId)
        } catch {
            throw MailError(
                code: .compositionFailed, message: "the receipt was sent but not recorded on \(bookingId): \(error)")
        }
        return message
    }
}
