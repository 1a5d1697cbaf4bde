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
    /// The customer's email address: the lead traveller's, unless the back office set another.
    public var customerEmail: String? { profile.value.customerEmail }
    /// The customer's name: the one the back office set
    /// (``Ledger/updateBookingDetails(_:)``), else the lead traveller's prename and surname.
    public var customerName: String? {
        if let name = profile.value.customerName { return name }
        guard let lead = travellers.first(where: { $0.identifier == leadTraveller }) else { return nil }
        return [lead.prename, lead.surname].compactMap { $0 }.joined(separator: " ")
    }
    /// The customer's phone number, as the back office set it.
    public var customerPhone: String? { profile.value.customerPhone }
    /// The finance ledger account the booking's balance belongs to.
    public var account: String? { profile.value.account }
    /// Whether the booking is financed (paid through a financing or another external source).
    public var isFinanced: Bool { profile.value.financed }
    /// The seller's latest decision on releasing overpaid money for refund; `nil` when none was
    /// made, which counts as not released.
    public var release: ReleaseDecision? { profile.value.release }
    /// Whether overpaid money is released for refund.
    public var isReleased: Bool { profile.value.release?.isReleased ?? false }
    /// The back office's comments, oldest first.
    public var comments: [BookingComment] { profile.value.comments }
    /// The booked services, in the order of the request that booked or last modified them;
    /// empty when the request carried none (or the booking was made before the ledger kept
    /// services).
    public var services: [BookedService] { profile.value.services }
    /// The `Services` content of the request that booked or last modified ``services``, kept
    /// verbatim (namespaces, attributes, order, text): what Retrieve, Modify and Cancel answer
    /// with. `nil` when the services were not recorded from a request (the back office's
    /// sample bookings), and then ``BookedService/services(_:)`` renders them.
    public var servicesContent: Services? { profile.value.servicesContent }
    /// Who recorded ``services`` and when; `nil` when there are none.
    public var servicesRecorded: AuditStamp? { profile.value.servicesStamp }
    /// The flight records of a booking booked through a GDS, in the order added.
    public var gdsRecords: [GDSFlightRecord] { profile.value.gdsRecords }
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
    public internal(set) var totalPrice: CurrencyAmount {
        didSet { priceMinorUnits = LedgerPayment.minorUnits(of: totalPrice) }
    }
    /// ``totalPrice`` in minor units, kept with it: every payment checks against it, and
    /// converting the `Decimal` each time cost more than the rest of the check.
    private(set) var priceMinorUnits: Int64
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
    /// Every refund, in the order it was requested.
    public internal(set) var refunds: [LedgerRefund] {
        get { profile.value.refunds }
        set {
            var changed = profile.value
            changed.refunds = newValue
            profile = ProfileBox(changed)
        }
    }
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
        self.priceMinorUnits = LedgerPayment.minorUnits(of: totalPrice)
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
        paymentIndex(identifier).map { payments[$0] }
    }

    /// The position in ``payments`` of the payment with the identifier: found without copying
    /// the payments it passes.
    func paymentIndex(_ identifier: Identifier) -> Int? {
        payments.firstIndex { $0.identifier == identifier }
    }

    /// The refund with the identifier.
    ///
    /// - Parameter identifier: The refund's identifier.
    /// - Returns: The refund, or `nil` when the booking has none with that identifier.
    public func refund(_ identifier: Identifier) -> LedgerRefund? {
        refunds.first { $0.identifier == identifier }
    }

    /// Recorded, settled and confirmed money, fees included: what was received, before refunds.
    public var paidAmount: CurrencyAmount { money(totals.paid) }
    /// The money paid back: completed refunds.
    public var refundedAmount: CurrencyAmount { money(refundedMinorUnits) }
    /// The money reserved for refunds requested and not yet completed or failed.
    public var pendingRefundAmount: CurrencyAmount { money(pendingRefundMinorUnits) }
    /// The most a new refund may be: the money to return (``refundableAmount``) less what
    /// requested refunds reserve.
    public var availableRefundAmount: CurrencyAmount { money(availableRefundMinorUnits) }
    /// Settled and confirmed money, fees included.
    public var settledAmount: CurrencyAmount { money(totals.settled) }
    /// The fees of every payment that has not failed.
    public var totalFees: CurrencyAmount { money(totals.fees) }
    /// Price plus fees minus paid money plus refunded money; negative when the customer paid
    /// more than owed and has not had it back.
    public var openAmount: SignedCurrencyAmount {
        SignedCurrencyAmount(minorUnitCount: openMinorUnits, currency: currency)
    }
    /// What the tour operator owes the customer back: the overpaid part of ``openAmount``
    /// (requested refunds included, completed ones not).
    public var refundableAmount: CurrencyAmount { money(max(0, -openMinorUnits)) }
    /// The part of the price no payment that has not failed covers yet: the most a new payment may be.
    public var uncoveredAmount: CurrencyAmount { money(uncoveredMinorUnits) }

    var openMinorUnits: Int64 { priceMinorUnits &+ totals.fees &- totals.paid &+ refundedMinorUnits }
    var refundedMinorUnits: Int64 { profile.value.backOffice?.value.completedRefundMinorUnits ?? 0 }
    var pendingRefundMinorUnits: Int64 {
        refunds.reduce(0) { $1.status == .requested ? $0 &+ $1.amountMinorUnits : $0 }
    }
    var availableRefundMinorUnits: Int64 { max(0, -openMinorUnits &- pendingRefundMinorUnits) }
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
        // Refunds return overpaid money only, so they come off what is allocated last.
        var unallocated = totals.paidTowardsPrice &- refundedMinorUnits
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
    ///   `PaidAmount` and `SettledAmount` are net of completed refunds.
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
        // STRING amounts are never negative: money paid back comes off what was paid and settled
        // (an `Informations` entry names each refund), and OpenAmount keeps its arithmetic.
        let refunded = refundedMinorUnits
        let paid = max(0, totals.paid &- refunded)
        let settled = min(paid, max(0, totals.settled &- refunded))
        return PaymentOverview(
            totalPrice: totalPrice, totalFees: totalFees, paidAmount: money(paid), settledAmount: money(settled),
            openAmount: SignedCurrencyAmount(
                minorUnitCount: priceMinorUnits &+ totals.fees &- paid, currency: currency),
            overdueAmount: money(overdue), nextDue: nextDue)
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
            guard paymentIndex(entry.scheduled.identifier) == nil else { continue }
            result.append(
                Payment(
                    identifier: entry.scheduled.identifier, paymentScope: entry.scheduled.scope,
                    paymentAmount: entry.remaining, status: .open,
                    dates: PaymentDates(dueDate: entry.scheduled.dueDate)))
        }
        return result
    }

    mutating func insert(_ entered: consuming LedgerPayment) {
        let existingIndex = paymentIndex(entered.identifier)
        insert(entered, existingIndex: existingIndex)
    }

    /// ``insert(_:)`` with the position of the payment with the same identifier, which the
    /// caller has found already (`nil`: the booking has none).
    mutating func insert(_ entered: consuming LedgerPayment, existingIndex: Int?) {
        var payment = entered
        let contribution = payment.contribution
        if let index = existingIndex {
            totals.subtract(payments[index].contribution)
            payment.attempt = payments[index].attempt &+ 1
            payments[index] = consume payment
        } else {
            // Grow by two up to eight payments: most bookings have a handful, and doubling would
            // leave a third of the array empty in a ledger of a million payments.
            if payments.count == payments.capacity {
                payments.reserveCapacity(payments.count + (payments.count < 8 ? 2 : payments.count))
            }
            payment.attempt = 1
            payments.append(consume payment)
        }
        totals.add(contribution)
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
    /// The booked services (`servicesRecorded`; never part of `bookingCreated`).
    var services: [BookedService] = []
    /// The request's `Services` as sent (`servicesRecorded`); `nil` when recorded otherwise.
    var servicesContent: Services?
    var servicesStamp: AuditStamp?
    /// The back office's data, behind one more reference: most bookings have none, and then it
    /// costs a booking 8 bytes.
    var backOffice: BackOfficeBox?
}

/// The back office's data on a booking, set by `bookingDetailsChanged`, `bookingCommented`,
/// `releaseDecided`, `refundRequested`, `refundResolved` and `gds` (never by `bookingCreated`).
struct BackOfficeData: Hashable, Sendable {
    var customerName: String?
    var customerPhone: String?
    var account: String?
    var financed = false
    var release: ReleaseDecision?
    var comments: [BookingComment] = []
    var refunds: [LedgerRefund] = []
    var gdsRecords: [GDSFlightRecord] = []

    /// The money paid back: the amounts of completed refunds.
    var completedRefundMinorUnits: Int64 {
        refunds.reduce(0) { $1.status == .completed ? $0 &+ $1.amountMinorUnits : $0 }
    }
}

/// An immutable box around a booking's back-office data; a change makes a new box.
final class BackOfficeBox: Hashable, Sendable {
    let value: BackOfficeData

    init(_ value: BackOfficeData) { self.value = value }

    static func == (lhs: BackOfficeBox, rhs: BackOfficeBox) -> Bool { lhs === rhs || lhs.value == rhs.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension BookingProfile {
    /// The back-office data; empty data is kept as no box at all.
    var backOfficeData: BackOfficeData {
        get { backOffice?.value ?? BackOfficeData() }
        set { backOffice = newValue == BackOfficeData() ? nil : BackOfficeBox(newValue) }
    }
    var customerName: String? {
        get { backOffice?.value.customerName }
        set { backOfficeData.customerName = newValue }
    }
    var customerPhone: String? {
        get { backOffice?.value.customerPhone }
        set { backOfficeData.customerPhone = newValue }
    }
    var account: String? {
        get { backOffice?.value.account }
        set { backOfficeData.account = newValue }
    }
    var financed: Bool {
        get { backOffice?.value.financed ?? false }
        set { backOfficeData.financed = newValue }
    }
    var release: ReleaseDecision? {
        get { backOffice?.value.release }
        set { backOfficeData.release = newValue }
    }
    var comments: [BookingComment] {
        get { backOffice?.value.comments ?? [] }
        set { backOfficeData.comments = newValue }
    }
    var refunds: [LedgerRefund] {
        get { backOffice?.value.refunds ?? [] }
        set { backOfficeData.refunds = newValue }
    }
    var gdsRecords: [GDSFlightRecord] {
        get { backOffice?.value.gdsRecords ?? [] }
        set { backOfficeData.gdsRecords = newValue }
    }
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
