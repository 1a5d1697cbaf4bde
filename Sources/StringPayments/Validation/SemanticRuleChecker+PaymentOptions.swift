extension SemanticRuleChecker {
    /// `AcceptedCardType` belongs to the credit card option only.
    mutating func checkAcceptedCardTypes(of option: PaymentOption, at path: ElementPath) {
        guard option.formOfPayment != .creditCard, !option.acceptedCardTypes.isEmpty else { return }
        report(
            .acceptedCardTypeNotCreditCard,
            "the \(option.formOfPayment.rawValue) option lists \(option.acceptedCardTypes.count) AcceptedCardType "
                + "element\(option.acceptedCardTypes.count == 1 ? "" : "s"); accepted card types belong to the "
                + "CreditCard option only",
            at: path.child("AcceptedCardType"))
    }
}
