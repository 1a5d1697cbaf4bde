import Foundation
import XMLCoding

extension SemanticRuleChecker {
    /// The currency checks every amount gets: the currency is an ISO 4217 code, and the value needs
    /// no more fraction digits than the currency's minor units.
    ///
    /// - Parameters:
    ///   - amount: The amount.
    ///   - path: The path of the `CurrencyAmountType` element (`PaymentAmount`, `Fee`, …).
    ///   - payment: The payment the amount belongs to, if any.
    mutating func checkAmount(_ amount: CurrencyAmount, at path: ElementPath, payment: Identifier? = nil) {
        checkAmount(amount.amount, amount.currency, shown: amount.description, at: path, payment: payment)
    }

    /// The same checks for a signed amount (an overview's `OpenAmount`).
    mutating func checkAmount(_ amount: SignedCurrencyAmount, at path: ElementPath, payment: Identifier? = nil) {
        checkAmount(amount.amount, amount.currency, shown: amount.description, at: path, payment: payment)
    }

    private mutating func checkAmount(
        _ value: Decimal, _ currency: CurrencyCode, shown: String, at path: ElementPath, payment: Identifier?
    ) {
        // The minor units of a code outside ISO 4217 would be a guess, so only the code is reported.
        guard currency.isISO4217 else {
            report(
                .unknownCurrency, "\(currency) is not an ISO 4217 currency code", at: path.child("Currency"),
                payment: payment)
            return
        }
        let digits = XMLDecimal.fractionDigits(of: value)
        guard digits > currency.minorUnits else { return }
        let allowed =
            currency.minorUnits == 0 ? "has no minor unit" : "has \(currency.minorUnits) minor units"
        report(
            .tooManyFractionDigits,
            "the amount \(shown) needs \(digits) fraction digits, but \(currency) \(allowed); "
                + "amounts are never rounded silently",
            at: path.child("Amount"), payment: payment)
    }

    /// All prices and payments of a booking share one currency: the first amount sets it, every
    /// later one must keep to it.
    ///
    /// - Parameters:
    ///   - currency: The amount's currency.
    ///   - element: How the amount is named in a message, such as `the PaymentAmount`.
    ///   - path: The path of the amount's element.
    ///   - payment: The payment the amount belongs to, if any.
    mutating func checkBookingCurrency(
        _ currency: CurrencyCode, of element: String, at path: ElementPath, payment: Identifier? = nil
    ) {
        guard let booking = scope.bookingCurrency else {
            scope.bookingCurrency = (currency, path)
            return
        }
        guard currency != booking.currency else { return }
        report(
            .currencyMismatch,
            "\(element) is in \(currency), but the booking's amounts are in \(booking.currency) (first at "
                + "\(booking.firstAt)); all prices and payments of a booking are in one currency",
            at: path.child("Currency"), payment: payment)
    }

    /// A `FixedFee` is an amount of the booking; `AcceptedCardType` only on the credit card option.
    mutating func checkPaymentOptions(_ options: PaymentOptions?, at path: ElementPath) {
        guard let options else { return }
        for (index, option) in options.paymentOptions.enumerated() {
            let optionPath = path.child("PaymentOption", position: index + 1)
            checkAcceptedCardTypes(of: option, at: optionPath)
            guard let fee = option.fixedFee else { continue }
            let feePath = optionPath.child("FixedFee")
            checkAmount(fee, at: feePath)
            checkBookingCurrency(
                fee.currency, of: "the FixedFee of the \(option.formOfPayment.rawValue) option", at: feePath)
        }
    }

    /// The overview's figures are in one currency, the booking's; `PaidAmount` is at least
    /// `SettledAmount`; `OpenAmount` is `TotalPrice + TotalFees − PaidAmount`.
    mutating func checkOverview(_ overview: PaymentOverview?, at path: ElementPath) {
        guard let overview else { return }
        let currency = overview.totalPrice.currency
        let totalPricePath = path.child("TotalPrice")
        checkAmount(overview.totalPrice, at: totalPricePath)
        // One comparison with the booking suffices; the other figures are compared with TotalPrice.
        checkBookingCurrency(currency, of: "the PaymentOverview", at: totalPricePath)

        var consistent = true
        for (name, amount) in [("TotalFees", overview.totalFees), ("PaidAmount", overview.paidAmount)] {
            let figurePath = path.child(name)
            checkAmount(amount, at: figurePath)
            consistent = checkOverviewFigure(amount.currency, named: name, in: currency, at: figurePath) && consistent
        }

        let settledPath = path.child("SettledAmount")
        let settled = overview.settledAmount
        checkAmount(settled, at: settledPath)
        if checkOverviewFigure(settled.currency, named: "SettledAmount", in: currency, at: settledPath),
            overview.paidAmount.currency == currency, settled.amount > overview.paidAmount.amount
        {
            report(
                .overviewArithmetic,
                "SettledAmount \(settled) exceeds PaidAmount \(overview.paidAmount); settled payments are "
                    + "part of the paid ones",
                at: settledPath)
        }

        let openPath = path.child("OpenAmount")
        let open = overview.openAmount
        checkAmount(open, at: openPath)
        if checkOverviewFigure(open.currency, named: "OpenAmount", in: currency, at: openPath) && consistent {
            let expected = overview.totalPrice.amount + overview.totalFees.amount - overview.paidAmount.amount
            if open.amount != expected {
                report(
                    .overviewArithmetic,
                    "OpenAmount is \(open), but TotalPrice \(overview.totalPrice) + TotalFees \(overview.totalFees) "
                        + "− PaidAmount \(overview.paidAmount) = "
                        + "\(SignedCurrencyAmount(amount: expected, currency: currency))",
                    at: openPath)
            }
        }

        let overduePath = path.child("OverdueAmount")
        checkAmount(overview.overdueAmount, at: overduePath)
        checkOverviewFigure(overview.overdueAmount.currency, named: "OverdueAmount", in: currency, at: overduePath)

        if let nextDue = overview.nextDue {
            let nextDuePath = path.descendant("NextDue", "Amount")
            checkAmount(nextDue.amount, at: nextDuePath)
            checkOverviewFigure(nextDue.amount.currency, named: "NextDue/Amount", in: currency, at: nextDuePath)
        }
    }

    /// Reports an overview figure that is not in the overview's currency.
    ///
    /// - Returns: Whether the figure is in the overview's currency.
    @discardableResult
    private mutating func checkOverviewFigure(
        _ value: CurrencyCode, named name: String, in currency: CurrencyCode, at path: ElementPath
    ) -> Bool {
        guard value != currency else { return true }
        report(
            .overviewCurrencyMismatch,
            "\(name) is in \(value), but the overview's TotalPrice is in \(currency); all figures of a "
                + "PaymentOverview are in one currency",
            at: path.child("Currency"))
        return false
    }
}
