extension SemanticRuleChecker {
    /// A credit card payment's card data stays within PCI DSS limits: its `MaskedCardNumber`
    /// shows at most a BIN and the last four digits (only the last four for fewer than 16
    /// digits), its `PCIBin` is 6 or 8 digits and accompanies only a card of 16 or more digits.
    ///
    /// Both elements are stored and shown verbatim (the ledger keeps them in place of the number),
    /// so a full number sent in either would be journaled. Messages count digits, never quote them.
    mutating func checkCardData(of payment: CreditCardPayment, at path: ElementPath, payment id: Identifier) {
        var length = payment.creditCard?.cardNumber?.digitCount
        if let masked = payment.creditCard?.maskedCardNumber {
            let exposure = CardDataExposure(maskedCardNumber: masked)
            if let excess = exposure.excess {
                report(
                    .maskedCardNumberRevealsTooMuch, excess,
                    at: path.child("CreditCard").child("MaskedCardNumber"), payment: id)
            } else if exposure.maskedDigits > 0 {
                length = length ?? exposure.length
            }
        }
        guard let bin = payment.pciBin else { return }
        if !CardDataExposure.isValidBIN(bin) {
            report(
                .invalidPCIBin, "PCIBin must be the first 6 or 8 digits of the card number, and only those",
                at: path.child("PCIBin"), payment: id)
        } else if let length, length < 16 {
            report(
                .invalidPCIBin,
                "PCIBin accompanies a card number of \(length) digits; a BIN may be kept only for 16 digits or "
                    + "more, since with the last four it would reveal too much of a shorter number",
                at: path.child("PCIBin"), payment: id)
        }
    }
}
