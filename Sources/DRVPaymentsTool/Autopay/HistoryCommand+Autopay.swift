import PaymentLedger
import StringPayments

extension HistoryCommand {
    /// One line saying what an autopay event did.
    static func describe(_ event: AutopayEvent) -> String {
        switch event {
        case .reservationSet(_, let status, let channel, let termSet):
            var parts: [String] = []
            if let status { parts.append("status \(status.rawValue)") }
            if let channel { parts.append("channel \(channel)") }
            if let termSet { parts.append("term set \(termSet)") }
            return "reservation: " + parts.joined(separator: ", ")
        case .cardStored(_, let card):
            return "card \(card.id) stored: \(CardCommand.describe(card))"
        case .cardRemoved(_, let cardId):
            return "card \(cardId) removed"
        case .paymentsApproved(_, let approvals):
            return "approved: "
                + approvals.map {
                    "\($0.scheduleId) \($0.amount.formattedAmount) \($0.amount.currency.code) due "
                        + "\($0.dueDate.xmlLexicalForm)" + ($0.cardId.map { " card \($0)" } ?? "")
                        + " via \($0.channel)"
                }.joined(separator: "; ")
        case .approvalWithdrawn(_, let scheduleId, _, _):
            return "approval of \(scheduleId) withdrawn"
        case .memoAdded(_, let memo):
            return "memo (\(memo.kind.rawValue)): \(memo.text)"
        case .mandateStored(_, let mandate):
            return "mandate \(mandate.id) stored: \(mandate.debtorName), \(MandateCommand.maskedIBAN(mandate.iban)), "
                + "signed \(mandate.signedOn.xmlLexicalForm)"
        case .mandateRevoked(_, let mandateId):
            return "mandate \(mandateId) revoked"
        case .chargeStarted(_, let charge):
            return "autopay \(charge.kind.rawValue) charge of \(charge.scheduleId) as payment \(charge.paymentId), "
                + "card \(charge.cardId), payer \(charge.payer)"
        }
    }
}
