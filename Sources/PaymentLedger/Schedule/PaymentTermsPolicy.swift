public import Foundation
public import StringPayments
public import XMLCoding

/// When and in what parts a booking's price is due: a deposit some days after booking, optional
/// interim instalments, and the balance some days before departure.
///
/// ``schedule(total:bookedOn:departure:)`` turns a price and two dates into the expected
/// payments. With the ``standard`` terms (20 % deposit due 7 days after booking, balance due
/// 30 days before departure), EUR 3,456.00 booked on 2026-11-23 for a departure on 2027-06-14
/// gives:
///
/// | Identifier | Scope   | Due        | Amount         |
/// |------------|---------|------------|----------------|
/// | `DEP`      | Deposit | 2026-11-30 | 691.20 EUR     |
/// | `BAL`      | Balance | 2027-05-15 | 2,764.80 EUR   |
///
/// ```swift
/// if let bookedOn = XMLDate(year: 2026, month: 11, day: 23),
///     let departure = XMLDate(year: 2027, month: 6, day: 14)
/// {
///     let payments = try PaymentTermsPolicy.standard.schedule(
///         total: CurrencyAmount(amount: 3456, currency: .eur), bookedOn: bookedOn, departure: departure)
///     // DEP 691.20 EUR due 2026-11-30, BAL 2764.80 EUR due 2027-05-15
/// }
/// ```
///
/// With `interimInstalments: 2` the same booking pays the deposit, then the rest in three equal
/// parts: `INT1` 921.60 EUR due 2027-01-24, `INT2` 921.60 EUR due 2027-03-20 and `BAL`
/// 921.60 EUR due 2027-05-15; the interim due dates divide the 166 days between deposit and
/// balance evenly.
///
/// ## Rules
///
/// - Every amount is rounded half up to the currency's ``/StringPayments/CurrencyCode/minorUnits``
///   (JPY to whole yen, KWD to 3 decimals) and the balance takes what is left, so the amounts
///   always add up to the total exactly.
/// - A booking made on or after the balance due date owes everything at once: one `BAL` payment
///   of the total, due on the booking date.
/// - When the deposit would fall due on or after the balance due date, deposit and interim
///   instalments collapse into the balance: one `BAL` payment of the total, due on the balance
///   due date.
/// - Payments of zero are left out (a 0 % deposit, or instalments too small to reach one minor
///   unit); a total of zero gives an empty schedule.
/// - Due dates never decrease from one payment to the next.
public struct PaymentTermsPolicy: Sendable, Hashable, Codable {
    /// The deposit as a percentage of the total, 0...100; 20 means a fifth. The default is 20.
    public var depositPercentage: Decimal
    /// The number of days after the booking date the deposit is due. The default is 7.
    public var depositDueDaysAfterBooking: Int
    /// The number of days before departure the balance is due. The default is 30, which leaves
    /// the tour operator a month to chase a missing payment before the customer travels.
    public var balanceDueDaysBeforeDeparture: Int
    /// The number of interim instalments between deposit and balance. The default is 0.
    ///
    /// What remains after the deposit is split into equal parts among the interim instalments
    /// and the balance, and their due dates divide the time between the deposit and the balance
    /// due dates evenly.
    public var interimInstalments: Int
    /// The smallest deposit, whatever the percentage gives; `nil`, the default, for none. It must
    /// be in the currency of the totals the policy schedules. A deposit never exceeds the total.
    public var minimumDeposit: CurrencyAmount?

    /// Creates payment terms.
    ///
    /// The values are checked when a schedule is computed, which throws
    /// ``ScheduleError/Code/invalidPolicy`` for one out of range.
    ///
    /// - Parameters:
    ///   - depositPercentage: The deposit as a percentage of the total, 0...100. The default is 20.
    ///   - depositDueDaysAfterBooking: Days after booking the deposit is due, at least 0. The
    ///     default is 7.
    ///   - balanceDueDaysBeforeDeparture: Days before departure the balance is due, at least 0.
    ///     The default is 30.
    ///   - interimInstalments: The number of interim instalments, at least 0. The default is 0.
    ///   - minimumDeposit: The smallest deposit, or `nil` for none. The default is `nil`.
    public init(
        depositPercentage: Decimal = 20,
        depositDueDaysAfterBooking: Int = 7,
        balanceDueDaysBeforeDeparture: Int = 30,
        interimInstalments: Int = 0,
        minimumDeposit: CurrencyAmount? = nil
    ) {
        self.depositPercentage = depositPercentage
        self.depositDueDaysAfterBooking = depositDueDaysAfterBooking
        self.balanceDueDaysBeforeDeparture = balanceDueDaysBeforeDeparture
        self.interimInstalments = interimInstalments
        self.minimumDeposit = minimumDeposit
    }

    /// The standard terms: a 20 % deposit due 7 days after booking, the balance due 30 days
    /// before departure, no interim instalments and no minimum deposit.
    public static let standard = PaymentTermsPolicy()

    /// Computes the expected payments of a booking, in due-date order.
    ///
    /// See the type's discussion for the rules and a worked example.
    ///
    /// - Parameters:
    ///   - total: The booking's total price; it must be at least 0 and need no more fraction
    ///     digits than its currency's minor units.
    ///   - bookedOn: The booking date.
    ///   - departure: The departure date, on or after the booking date.
    /// - Returns: The payments, `DEP`, `INT1`…, `BAL`, with non-decreasing due dates and amounts
    ///   that add up to `total` exactly; empty when the total is zero.
    /// - Throws: ``ScheduleError`` with code ``ScheduleError/Code/departureBeforeBooking``,
    ///   ``ScheduleError/Code/negativeTotal``, ``ScheduleError/Code/tooManyFractionDigits``,
    ///   ``ScheduleError/Code/currencyMismatch`` (a minimum deposit in another currency) or
    ///   ``ScheduleError/Code/invalidPolicy``.
    public func schedule(
        total: CurrencyAmount, bookedOn: XMLDate, departure: XMLDate
    ) throws(ScheduleError) -> [ScheduledPayment] {
        try validate()
        let currency = total.currency
        guard departure >= bookedOn else {
            throw ScheduleError(
                code: .departureBeforeBooking,
                message: "departure \(departure) is before the booking date \(bookedOn)")
        }
        guard total.amount >= 0 else {
            throw ScheduleError(code: .negativeTotal, message: "the total \(total) is negative")
        }
        guard !total.needsMoreFractionDigitsThanCurrencyAllows else {
            throw ScheduleError(
                code: .tooManyFractionDigits,
                message: "the total \(total) has more fraction digits than \(currency)'s \(currency.minorUnits)")
        }
        if let minimumDeposit, minimumDeposit.currency != currency {
            throw ScheduleError(
                code: .currencyMismatch,
                message: "the minimum deposit \(minimumDeposit) is not in the total's currency \(currency)")
        }
        if total.isZero { return [] }

        let balanceDue = departure.adding(days: -balanceDueDaysBeforeDeparture)
        guard bookedOn < balanceDue else {
            return [
                ScheduledPayment(
                    scope: .balance, dueDate: bookedOn, amount: total, identifier: ScheduledPayment.balanceIdentifier)
            ]
        }
        let depositDue = bookedOn.adding(days: depositDueDaysAfterBooking)
        guard depositDue < balanceDue else {
            return [
                ScheduledPayment(
                    scope: .balance, dueDate: balanceDue, amount: total, identifier: ScheduledPayment.balanceIdentifier)
            ]
        }

        let minorUnits = currency.minorUnits
        var deposit = XMLDecimal.rounded(total.amount * depositPercentage / 100, fractionDigits: minorUnits)
        if let minimumDeposit, deposit < minimumDeposit.amount {
            deposit = minimumDeposit.amount
        }
        deposit = min(deposit, total.amount)
        let rest = total.amount - deposit
        let parts = interimInstalments + 1
        let instalment = XMLDecimal.rounded(rest / Decimal(parts), fractionDigits: minorUnits)

        var payments: [ScheduledPayment] = []
        payments.reserveCapacity(parts + 1)
        func append(_ scope: PaymentScope, _ dueDate: XMLDate, _ amount: Decimal, _ identifier: Identifier) {
            guard amount > 0 else { return }
            payments.append(
                ScheduledPayment(
                    scope: scope, dueDate: dueDate, amount: CurrencyAmount(amount: amount, currency: currency),
                    identifier: identifier))
        }
        append(.deposit, depositDue, deposit, ScheduledPayment.depositIdentifier)
        let span = depositDue.days(until: balanceDue)
        var allocated = deposit
        for number in 1..<parts {
            // Rounding each instalment could overshoot the rest by a few minor units when there
            // are many; never let the interim payments take more than the rest.
            let amount = min(instalment, total.amount - allocated)
            allocated += amount
            append(
                .interim, depositDue.adding(days: span * number / parts), amount,
                ScheduledPayment.interimIdentifier(number))
        }
        append(.balance, balanceDue, total.amount - allocated, ScheduledPayment.balanceIdentifier)
        return payments
    }

    /// Throws ``ScheduleError/Code/invalidPolicy`` for a value out of range.
    func validate() throws(ScheduleError) {
        var problems: [String] = []
        if depositPercentage.isNaN || depositPercentage < 0 || depositPercentage > 100 {
            problems.append("deposit percentage \(depositPercentage) is not within 0...100")
        }
        if depositDueDaysAfterBooking < 0 {
            problems.append("deposit due days \(depositDueDaysAfterBooking) is negative")
        }
        if balanceDueDaysBeforeDeparture < 0 {
            problems.append("balance due days \(balanceDueDaysBeforeDeparture) is negative")
        }
        if interimInstalments < 0 {
            problems.append("interim instalment count \(interimInstalments) is negative")
        }
        if let minimumDeposit, minimumDeposit.amount.isNaN || minimumDeposit.amount < 0 {
            problems.append("minimum deposit \(minimumDeposit) is negative")
        }
        guard problems.isEmpty else {
            throw ScheduleError(code: .invalidPolicy, message: problems.joined(separator: "; "))
        }
    }
}
