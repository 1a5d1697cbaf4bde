import Foundation
public import StringPayments
public import XMLCoding

/// A booking as the ledger keeps it: who booked what for when, its price and schedule, and every
/// payment in the order it was entered.
///
/// Read a booking with ``Ledger/booking(_:)``; change it through the ledger's operations, each
/// of which is one atomic, journaled change. The running totals behind ``overview(today:)`` are
/// kept up to date by every change, so reading them costs the same for any number of payments.
public struct LedgerBooking: Hashable, Sendable {
    /// The booking's identifier: a ``BookingReference`` when the ledger generated it.
    public let id: Identifier
    /// Quoted, booked or cancelled.
    public internal(set) var state: BookingState
    /// The agency that made the booking.
    public var agency: AgencyInformation? { profile.value.agency }
    /// The seller at the agency.
    public var seller: String? { profile.value.seller }
    /// The agency's branch.
    public var branch: String? { profile.value.branch }
    /// The lead traveller, who owns the booking: a `Traveller/@Identifier` of ``travellers``.
    public var leadTraveller: Identifier? { profile.value.leadTraveller }
    /// The travellers.
    public var travellers: [Traveller] { profile.value.travellers }
    /// The customer's email address: the lead traveller's.
    public var customerEmail: String? { profile.value.customerEmail }
    /// The departure date.
    public var departureDate: XMLDate { XMLDate(daysSinceEpoch: Int(profile.value.departureDay)) }
    /// The return date.
    public var returnDate: XMLDate? { profile.value.returnDay.map { XMLDate(daysSinceEpoch: Int($0)) } }
    /// The day the booking was made.
    public var createdOn: XMLDate { XMLDate(daysSinceEpoch: Int(profile.value.createdDay)) }
    /// The forms of payment on offer, with their fees.
    public var paymentOptions: [PaymentOption] { profile.value.paymentOptions }
    /// The day the booking was cancelled.
    public internal(set) var cancelledOn: XMLDate? {
        get { cancelledDay.map { XMLDate(daysSinceEpoch: Int($0)) } }
        set { cancelledDay = newValue.map { LedgerPayment.day($0) } }
    }
    private var cancelledDay: Int32?
    /// The booking currency: every amount of the booking is in it.
    public let currency: CurrencyCode
    /// The price the customer owes, without fees. Zero, or the cancellation charge, once cancelled.
    public internal(set) var totalPrice: CurrencyAmount
    /// Who may collect the booking's payments: `Agency` or `TourOperator` restrict every payment
    /// to that collection; `Mixed` lets each payment choose.
    public internal(set) var collection: PaymentCollection
    /// The expected payments, in due-date order.
    public internal(set) var schedule: [ScheduledPayment] {
        get {
            scheduleEntries.map { entry in
                ScheduledPayment(
                    scope: entry.scope, dueDate: XMLDate(daysSinceEpoch: Int(entry.dueDay)),
                    amount: money(entry.amountMinorUnits), identifier: entry.identifier)
            }
        }
        set {
            scheduleEntries = newValue.map { scheduled in
                ScheduleEntry(
                    identifier: scheduled.identifier, amountMinorUnits: LedgerPayment.minorUnits(of: scheduled.amount),
                    dueDay: LedgerPayment.day(scheduled.dueDate), scope: scheduled.scope)
            }
        }
    }
    // The schedule in 32 bytes an entry instead of 104: amounts in minor units of the booking
    // currency, due dates as day numbers.
    private(set) var scheduleEntries: [ScheduleEntry] = []
    /// Every payment, in the order it was entered.
    public internal(set) var payments: [LedgerPayment]
    var totals: BookingTotals
    // The descriptive data, which changes rarely, behind one reference: copying a booking out
    // of the ledger then costs a few retains, and a million bookings share no duplicated fields.
    var profile: ProfileBox

    init(
        id: Identifier, state: BookingState, agency: AgencyInformation?, seller: String?, branch: String?,
        leadTraveller: Identifier?, travellers: [Traveller], customerEmail: String?, departureDate: XMLDate,
        returnDate: XMLDate?, createdOn: XMLDate, cancelledOn: XMLDate?, totalPrice: CurrencyAmount,
        collection: PaymentCollection, paymentOptions: [PaymentOption], schedule: [ScheduledPayment],
        payments: [LedgerPayment] = []
    ) {
        self.id = id
        self.state = state
        self.profile = ProfileBox(
            BookingProfile(
                agency: agency, seller: seller, branch: branch, leadTraveller: leadTraveller, travellers: travellers,
                customerEmail: customerEmail, departureDay: LedgerPayment.day(departureDate),
                returnDay: returnDate.map { LedgerPayment.day($0) }, createdDay: LedgerPayment.day(createdOn),
                paymentOptions: paymentOptions))
        self.cancelledDay = cancelledOn.map { LedgerPayment.day($0) }
        self.currency = totalPrice.currency
        self.totalPrice = totalPrice
        self.collection = collection
        self.payments = []
        self.totals = BookingTotals()
        self.schedule = schedule
        for payment in payments { insert(payment) }
    }

    /// The payment with the identifier.
    ///
    /// - Parameter identifier: The payment's identifier.
    /// - Returns: The payment, or `nil` when the booking has none with that identifier.
    public func payment(_ identifier: Identifier) -> LedgerPayment? {
        payments.first { $0.identifier == identifier }
    }

    /// Recorded, settled and confirmed money, fees included.
    public var paidAmount: CurrencyAmount { money(totals.paid) }
    /// Settled and confirmed money, fees included.
    public var settledAmount: CurrencyAmount { money(totals.settled) }
    /// The fees of every payment that has not failed.
    public var totalFees: CurrencyAmount { money(totals.fees) }
    /// Price plus fees minus paid money; negative when the customer paid more than owed.
    public var openAmount: SignedCurrencyAmount {
        SignedCurrencyAmount(minorUnitCount: openMinorUnits, currency: currency)
    }
    /// What the tour operator owes the customer back: the overpaid part of ``openAmount``.
    public var refundableAmount: CurrencyAmount { money(max(0, -openMinorUnits)) }
    /// The part of the price no payment that has not failed covers yet: the most a new payment may be.
    public var uncoveredAmount: CurrencyAmount { money(uncoveredMinorUnits) }

    var priceMinorUnits: Int64 { LedgerPayment.minorUnits(of: totalPrice) }
    var openMinorUnits: Int64 { priceMinorUnits &+ totals.fees &- totals.paid }
    var uncoveredMinorUnits: Int64 { max(0, priceMinorUnits &- totals.covered) }

    func money(_ minorUnits: Int64) -> CurrencyAmount {
        CurrencyAmount(minorUnitCount: minorUnits, currency: currency)
    }

    /// The expected payments with the money allocated to each.
    ///
    /// Paid money (the amounts of recorded, settled and confirmed payments, without fees) is
    /// allocated to the schedule in due-date order: the deposit is covered first, then each
    /// interim instalment, then the balance.
    ///
    /// - Parameter today: The day that decides what is overdue.
    /// - Returns: One entry per scheduled payment, in due-date order.
    public func expectedPayments(today: XMLDate) -> [ExpectedPayment] {
        var unallocated = totals.paidTowardsPrice
        let todayNumber = LedgerPayment.day(today)
        return scheduleEntries.map { entry in
            // Replay checks every amount (see `LedgerState.checkAmounts`); the arithmetic wraps
            // rather than traps all the same.
            let due = max(entry.amountMinorUnits, 0)
            let allocated = min(max(unallocated, 0), due)
            unallocated &-= allocated
            return ExpectedPayment(
                scheduled: ScheduledPayment(
                    scope: entry.scope, dueDate: XMLDate(daysSinceEpoch: Int(entry.dueDay)), amount: money(due),
                    identifier: entry.identifier),
                allocated: money(allocated), isOverdue: entry.dueDay < todayNumber && allocated < due)
        }
    }

    /// The booking's payments at one glance, as the STRING `PaymentOverview`.
    ///
    /// - Parameter today: The day that decides what is overdue and what is due next.
    /// - Returns: The overview; `OpenAmount` is negative when money is to be refunded.
    public func overview(today: XMLDate) -> PaymentOverview {
        let expected = expectedPayments(today: today)
        var overdue: Int64 = 0
        var nextDue: NextDue?
        for entry in expected where entry.remainingMinorUnits > 0 {
            if entry.isOverdue { overdue &+= entry.remainingMinorUnits }
            if nextDue == nil {
                nextDue = NextDue(
                    paymentScope: entry.scheduled.scope, dueDate: entry.scheduled.dueDate, amount: entry.remaining)
            }
        }
        return PaymentOverview(
            totalPrice: totalPrice, totalFees: totalFees, paidAmount: paidAmount, settledAmount: settledAmount,
            openAmount: openAmount, overdueAmount: money(overdue),
            nextDue: nextDue)
    }

    /// The booking's payments as a STRING response lists them: every payment entered, then an
    /// `Open` payment without form of payment for what remains of each expected payment whose
    /// identifier no entered payment has taken.
    ///
    /// - Parameter today: The day the allocation is computed for.
    /// - Returns: The payments, entered ones first.
    public func responsePayments(today: XMLDate) -> [Payment] {
        var result = payments.map(\.stringPayment)
        for entry in expectedPayments(today: today) where entry.remainingMinorUnits > 0 {
            guard payment(entry.scheduled.identifier) == nil else { continue }
            result.append(
                Payment(
                    identifier: entry.scheduled.identifier, paymentScope: entry.scheduled.scope,
                    paymentAmount: entry.remaining, status: .open,
                    dates: PaymentDates(dueDate: entry.scheduled.dueDate)))
        }
        return result
    }

    mutating func insert(_ entered: LedgerPayment) {
        var payment = entered
        if let index = payments.firstIndex(where: { $0.identifier == payment.identifier }) {
            totals.subtract(payments[index].contribution)
            payment.attempt = payments[index].attempt &+ 1
            payments[index] = payment
        } else {
            // Grow by two up to eight payments: most bookings have a handful, and doubling would
            // leave a third of the array empty in a ledger of a million payments.
            if payments.count == payments.capacity {
                payments.reserveCapacity(payments.count + (payments.count < 8 ? 2 : payments.count))
            }
            payment.attempt = 1
            payments.append(payment)
        }
        totals.add(payment.contribution)
    }

    mutating func update(_ index: Int, _ body: (inout LedgerPayment) -> Void) {
        totals.subtract(payments[index].contribution)
        body(&payments[index])
        totals.add(payments[index].contribution)
    }
}

/// One expected payment, compactly.
struct ScheduleEntry: Hashable, Sendable {
    var identifier: Identifier
    var amountMinorUnits: Int64
    var dueDay: Int32
    var scope: PaymentScope
}

/// The descriptive data of a booking.
struct BookingProfile: Hashable, Sendable {
    var agency: AgencyInformation?
    var seller: String?
    var branch: String?
    var leadTraveller: Identifier?
    var travellers: [Traveller]
    var customerEmail: String?
    // Days since 1970-01-01, 4 bytes each instead of an `XMLDate`'s 33.
    var departureDay: Int32
    var returnDay: Int32?
    var createdDay: Int32
    var paymentOptions: [PaymentOption]
}

/// An immutable box around a booking's profile; a change makes a new box.
final class ProfileBox: Hashable, Sendable {
    let value: BookingProfile

    init(_ value: BookingProfile) { self.value = value }

    static func == (lhs: ProfileBox, rhs: ProfileBox) -> Bool { lhs === rhs || lhs.value == rhs.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// One expected payment of a booking's schedule with the paid money allocated to it.
public struct ExpectedPayment: Hashable, Sendable {
    /// The scheduled payment.
    public let scheduled: ScheduledPayment
    /// The paid money allocated to it.
    public let allocated: CurrencyAmount
    /// Whether it was due before today and is not fully paid.
    public let isOverdue: Bool

    /// What remains to be paid of it.
    public var remaining: CurrencyAmount {
        CurrencyAmount(minorUnitCount: remainingMinorUnits, currency: allocated.currency)
    }

    var remainingMinorUnits: Int64 {
        LedgerPayment.minorUnits(of: scheduled.amount) &- LedgerPayment.minorUnits(of: allocated)
    }
}

/// A booking's running totals, in minor units of the booking currency.
///
/// Every amount the ledger holds is an exact number of minor units within the schema's 18
/// digits, and payments never exceed the price (`amount-exceeds-balance`), so the sums are exact
/// and stay far inside `Int64`; the arithmetic wraps rather than traps so that no input can
/// crash the ledger.
struct BookingTotals: Hashable, Sendable {
    /// Amount plus fee of recorded, settled and confirmed payments.
    var paid: Int64 = 0
    /// Amount (without fee) of recorded, settled and confirmed payments.
    var paidTowardsPrice: Int64 = 0
    /// Amount plus fee of settled and confirmed payments.
    var settled: Int64 = 0
    /// Fees of payments that have not failed.
    var fees: Int64 = 0
    /// Amounts of payments that have not failed.
    var covered: Int64 = 0

    mutating func add(_ other: BookingTotals) {
        paid &+= other.paid
        paidTowardsPrice &+= other.paidTowardsPrice
        settled &+= other.settled
        fees &+= other.fees
        covered &+= other.covered
    }

    mutating func subtract(_ other: BookingTotals) {
        paid &-= other.paid
        paidTowardsPrice &-= other.paidTowardsPrice
        settled &-= other.settled
        fees &-= other.fees
        covered &-= other.covered
    }
}
