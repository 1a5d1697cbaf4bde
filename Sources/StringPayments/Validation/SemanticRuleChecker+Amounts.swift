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
    /// `SettledAmount`; `OpenAmount` is `TotalPrice + TotalFees − PaidAmount`; `OverdueAmount`
    /// and `NextDue` are part of what is open; and `TotalFees` is no smaller than the fees of the
    /// payments the response lists (see ``checkOverview(_:against:at:)``).
    ///
    /// - Parameters:
    ///   - overview: The response's overview, if any.
    ///   - payments: The payments the response lists.
    ///   - path: The path of the `PaymentOverview` element.
    mutating func checkOverview(_ overview: PaymentOverview?, listing payments: [Payment], at path: ElementPath) {
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

        // What is overdue or due next is part of what is open; an overpaid booking owes nothing.
        let owed = open.currency == currency ? max(open.amount, 0) : nil
        let overduePath = path.child("OverdueAmount")
        checkAmount(overview.overdueAmount, at: overduePath)
        if checkOverviewFigure(overview.overdueAmount.currency, named: "OverdueAmount", in: currency, at: overduePath),
            let owed, overview.overdueAmount.amount > owed
        {
            report(
                .overviewArithmetic,
                "OverdueAmount \(overview.overdueAmount) exceeds what is open (\(open)); overdue payments "
                    + "are part of the open amount",
                at: overduePath)
        }

        if let nextDue = overview.nextDue {
            let nextDuePath = path.descendant("NextDue", "Amount")
            checkAmount(nextDue.amount, at: nextDuePath)
            if checkOverviewFigure(nextDue.amount.currency, named: "NextDue/Amount", in: currency, at: nextDuePath),
                let owed, nextDue.amount.amount > owed
            {
                report(
                    .overviewArithmetic,
                    owed == 0
                        ? "NextDue announces \(nextDue.amount), but nothing is open (\(open)); a booking that "
                            + "owes nothing has no NextDue"
                        : "NextDue/Amount \(nextDue.amount) exceeds what is open (\(open)); the next payment "
                            + "due is part of the open amount",
                    at: nextDuePath)
            }
        }
        checkOverview(overview, against: payments, at: path)
    }

    /// The overview summarises every payment of the booking, so `TotalFees` is at least the `Fee`s
    /// of the payments the response lists that are not `Failed` (a `PaymentResponse` may list only
    /// some of them, so only this lower bound is certain). `PaidAmount` and `SettledAmount` have no
    /// such bound: money returned to the customer (a refund, reported as an `Informations` entry,
    /// since STRING amounts are never negative) lowers them below the payments listed. Fees in
    /// another currency are reported by the currency rules and not added.
    private mutating func checkOverview(_ overview: PaymentOverview, against payments: [Payment], at path: ElementPath)
    {
        let currency = overview.totalPrice.currency
        var fees = Decimal(0)
        for payment in payments {
            guard let status = payment.status, status != .failed, let fee = payment.paymentDetails?.fee,
                fee.currency == currency
            else { continue }
            fees += fee.amount
        }
        guard overview.totalFees.currency == currency, overview.totalFees.amount < fees else { return }
        report(
            .overviewBelowPayments,
            "TotalFees is \(overview.totalFees), but the fees of the payments that are not Failed listed in this "
                + "response add up to \(CurrencyAmount(amount: fees, currency: currency))",
            at: path.child("TotalFees"))
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
