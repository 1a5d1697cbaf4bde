import Foundation
import XMLCoding

extension SemanticRuleChecker {
    /// Checks the payments of a `Payments` element, in document order.
    ///
    /// - Parameters:
    ///   - collection: The `Payments` element's `Collection`.
    ///   - payments: Its payments.
    ///   - path: The path of the `Payments` element.
    mutating func checkPayments(collection: PaymentCollection?, _ payments: [Payment], at path: ElementPath) {
        for (index, payment) in payments.enumerated() {
            checkPayment(payment, restrictedTo: collection, at: path.child("Payment", position: index + 1))
        }
    }

    /// Checks one payment: its attributes, then its children in schema order.
    private mutating func checkPayment(
        _ payment: Payment, restrictedTo paymentsCollection: PaymentCollection?, at path: ElementPath
    ) {
        let id = payment.identifier
        if let first = scope.paymentIdentifiers[id] {
            report(
                .duplicatePaymentIdentifier,
                "the payment identifier \(id) is already used by the payment at \(first); "
                    + "payment identifiers are unique within a message",
                at: path, payment: id)
        } else {
            scope.paymentIdentifiers[id] = path
        }
        checkCollection(of: payment, restrictedTo: paymentsCollection, at: path)
        if let implied = payment.formOfPaymentFromType, let stated = payment.formOfPayment, stated != implied,
            let type = payment.specialisation.typeName
        {
            report(
                .formOfPaymentMismatch,
                "payment \(id) is a \(type.localName), so its FormOfPayment must be \(implied.rawValue) or absent, "
                    + "but it is \(stated.rawValue)",
                at: path.child("FormOfPayment"), payment: id)
        }
        let amountPath = path.child("PaymentAmount")
        checkAmount(payment.paymentAmount, at: amountPath, payment: id)
        checkBookingCurrency(payment.paymentAmount.currency, of: "the PaymentAmount", at: amountPath, payment: id)
        checkCashHolder(payment.cashHolder, at: path.child("CashHolder"), payment: id)
        if scope.isRequest, let status = payment.status {
            report(
                .statusInRequest,
                "payment \(id) carries Status \(status.rawValue), which the tour operator sets in responses only",
                at: path.child("Status"), payment: id)
        }
        if scope.isRequest, let dates = payment.dates {
            if let dueDate = dates.dueDate {
                report(
                    .datesInRequest,
                    "payment \(id) carries DueDate \(dueDate); in a request, Dates carries only EntryDate",
                    at: path.descendant("Dates", "DueDate"), payment: id)
            }
            if let settlementDate = dates.settlementDate {
                report(
                    .datesInRequest,
                    "payment \(id) carries SettlementDate \(settlementDate); in a request, Dates carries only EntryDate",
                    at: path.descendant("Dates", "SettlementDate"), payment: id)
            }
        }
        if let details = payment.paymentDetails {
            let detailsPath = path.child("PaymentDetails")
            if scope.isRequest {
                report(
                    .paymentDetailsInRequest,
                    "payment \(id) carries PaymentDetails, which the tour operator sets in responses only",
                    at: detailsPath, payment: id)
            }
            if let fee = details.fee {
                let feePath = detailsPath.child("Fee")
                checkAmount(fee, at: feePath, payment: id)
                checkBookingCurrency(fee.currency, of: "the Fee", at: feePath, payment: id)
                if payment.formOfPayment == nil, payment.formOfPaymentFromType == nil {
                    report(
                        .feeWithoutFormOfPayment,
                        "payment \(id) carries a Fee of \(fee), but no form of payment is chosen for it "
                            + "(no FormOfPayment, no xsi:type); a fee is charged for the chosen form of payment only",
                        at: feePath, payment: id)
                }
            }
        }
        checkSpecialisation(of: payment, at: path)
    }

    /// `Mixed` is not allowed on a single payment in a request; a `Payments` collection of
    /// `Agency` or `TourOperator` allows no other collection on its payments.
    private mutating func checkCollection(
        of payment: Payment, restrictedTo paymentsCollection: PaymentCollection?, at path: ElementPath
    ) {
        guard let collection = payment.collection else { return }
        let id = payment.identifier
        if scope.isRequest && collection == .mixed {
            report(
                .mixedCollectionOnPayment,
                "payment \(id) has Collection Mixed, which only Payments may carry; a single payment in a request "
                    + "is collected by Agency, TourOperator or OnSite",
                at: path, payment: id)
        }
        if let restriction = paymentsCollection, restriction == .agency || restriction == .tourOperator,
            collection != restriction
        {
            report(
                .collectionNotAllowed,
                "payment \(id) has Collection \(collection.rawValue), but Payments has Collection "
                    + "\(restriction.rawValue), which restricts every payment of the booking to that collection",
                at: path, payment: id)
        }
    }

    /// `AssignedToBookingOwner` must be `true`; `AssignedToTraveller` must name a traveller.
    private mutating func checkCashHolder(_ cashHolder: CashHolder?, at path: ElementPath, payment id: Identifier) {
        switch cashHolder {
        case .assignedToBookingOwner(false):
            report(
                .bookingOwnerFlagFalse,
                "AssignedToBookingOwner is false; the element exists only with the value true (name another "
                    + "cash holder with AssignedToTraveller or OwnerDetails)",
                at: path.child("AssignedToBookingOwner"), payment: id)
        case .assignedToTraveller(let traveller):
            checkTravellerReference(
                traveller, named: "AssignedToTraveller", at: path.child("AssignedToTraveller"), payment: id)
        case .assignedToBookingOwner(true), .ownerDetails, nil:
            break
        }
    }

    /// The rules of the extra children: card number and expiry, IBAN, installments.
    private mutating func checkSpecialisation(of payment: Payment, at path: ElementPath) {
        let id = payment.identifier
        switch payment.specialisation {
        case .creditCard(let extra):
            checkCardData(of: extra, at: path, payment: id)
            guard let card = extra.creditCard else { return }
            let cardPath = path.child("CreditCard")
            if let number = card.cardNumber, !number.passesLuhnCheck {
                // Only the masked number is quoted: the full number is a secret.
                report(
                    .invalidCardNumber, "the card number \(number.masked) fails the Luhn check",
                    at: cardPath.child("CardNumber"), payment: id)
            }
            let expiry = card.expiryDate
            if scope.isRequest && (expiry.year, expiry.month) < currentMonth {
                report(
                    .cardExpired,
                    "the card has expired: it was valid through \(Self.format(expiry.year, expiry.month)), and the "
                        + "current month is \(Self.format(currentMonth.year, currentMonth.month))",
                    at: cardPath.child("ExpiryDate"), payment: id)
            }
        case .directDebit(let extra):
            if !extra.iban.hasValidChecksum {
                // The IBAN is personal data: only its masked form is quoted.
                report(
                    .invalidIBANChecksum,
                    "the check digits of the IBAN \(extra.iban.masked) are wrong (ISO 13616 mod-97 check)",
                    at: path.child("IBAN"), payment: id)
            }
        case .installment(let plan):
            checkInstallments(plan.installments, of: payment, at: path)
        case .unspecified, .invoice, .eBanking, .eWallet, .voucher, .unknown:
            break
        }
    }

    /// Installments are numbered 1…n in document order, are in the payment's currency and add up
    /// to its `PaymentAmount`.
    private mutating func checkInstallments(_ installments: [Installment], of payment: Payment, at path: ElementPath) {
        let id = payment.identifier
        let currency = payment.paymentAmount.currency
        var numberingReported = false
        var sameCurrency = true
        var total = Decimal(0)
        for (index, installment) in installments.enumerated() {
            let position = index + 1
            let installmentPath = path.child("Installment", position: position)
            if !numberingReported && installment.number != position {
                // One report per payment: a single gap would otherwise misnumber every later one.
                numberingReported = true
                report(
                    .installmentNumbering,
                    "installment \(position) of payment \(id) has Number \(installment.number); the installments are "
                        + "numbered \(installments.map { String($0.number) }.joined(separator: ", ")) but must run "
                        + "1…\(installments.count) in document order",
                    at: installmentPath.child("Number"), payment: id)
            }
            let amountPath = installmentPath.child("Amount")
            checkAmount(installment.amount, at: amountPath, payment: id)
            if installment.amount.currency != currency {
                sameCurrency = false
                report(
                    .currencyMismatch,
                    "installment \(installment.number) of payment \(id) is in \(installment.amount.currency), but the "
                        + "payment is in \(currency); installments are in the payment's currency",
                    at: amountPath.child("Currency"), payment: id)
            }
            total += installment.amount.amount
        }
        // A sum across currencies means nothing; the mismatch is reported above.
        if sameCurrency && total != payment.paymentAmount.amount {
            report(
                .installmentSumMismatch,
                "the installments of payment \(id) add up to \(CurrencyAmount(amount: total, currency: currency)), "
                    + "but its PaymentAmount is \(payment.paymentAmount)",
                at: path, payment: id)
        }
    }

    /// `2026-11`.
    static func format(_ year: Int, _ month: Int) -> String {
        let yearText = String(year)
        let monthText = String(month)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-"
            + (month < 10 ? "0" : "") + monthText
    }
}
