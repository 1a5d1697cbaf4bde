import Logging
import PaymentLedger
import StringPayments

/// The portal's receipts through the server's mail path (``ReceiptService``): each receipt is
/// sent and recorded on the booking as actor `customer:REF`; a mail failure is logged, never
/// shown as a failed payment (the ledger's change stands; a receipt is a courtesy). Each receipt
/// is in the language of the customer's portal session.
struct MailedReceipts: PortalReceiptSender {
    let service: ReceiptService
    let logger: Logger

    func sendPaymentReceipt(for paymentId: Identifier, of booking: LedgerBooking, language: WebLanguage) async {
        await send(.payment(paymentId), booking.id, language)
    }

    func sendApprovalReceipt(for approvals: [AutopayApproval], of booking: LedgerBooking, language: WebLanguage) async
    {
        await send(.approval(approvals), booking.id, language)
    }

    private func send(_ event: CustomerMailEvent, _ bookingId: Identifier, _ language: WebLanguage) async {
        do {
            try await Ledger.$actor.withValue(.customer(bookingId.value)) {
                _ = try await service.sendReceipt(for: event, of: bookingId, language: language)
            }
        } catch {
            logger.warning("receipt for booking \(bookingId.value) not sent: \(error)")
        }
    }
}
