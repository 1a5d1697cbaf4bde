import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The back-office lists (unpaid bookings, payment registration, protected money) against a
/// brute-force reference built from the public booking API, on generated ledgers.
@Suite struct BackOfficeListTests {
    static let today = XMLDate(daysSinceEpoch: 20_780)  // 2026-11-23

    static func sampleLedger(count: Int = 240, seed: UInt64) throws -> Ledger {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(today)))
        try _BackOfficeSampleLedger.populate(ledger, count: count, seed: seed)
        return ledger
    }

    @Test func sampleBookingsHaveThePackageServicesOfTheirTrip() throws {
        let ledger = try Self.sampleLedger(count: 30, seed: 14)
        for booking in ledger.bookings {
            let services = booking.services
            #expect(services.map(\.kind) == ["Flight", "Hotel", "Transfer", "Flight"], "\(booking.id)")
            #expect(services.allSatisfy { $0.travellers == ["T1"] && !$0.description.isEmpty })
            let returnDate = try #require(booking.returnDate)
            #expect(services.first?.startDate == booking.departureDate)
            #expect(services.last?.startDate == returnDate)
            #expect(services[1].startDate == booking.departureDate && services[1].endDate == returnDate)
            let nights = returnDate.daysSinceEpoch - booking.departureDate.daysSinceEpoch
            #expect(services[1].description.hasSuffix(", \(nights) Nächte"))
            // Out and back between the same airports.
            let out = try #require(services.first?.code?.split(separator: "-"))
            #expect(services.last?.code == "\(out.last ?? "")-\(out.first ?? "")")
        }
        // The same seed gives the same bookings, services included.
        let first = try #require(ledger.booking("BO-000001"))
        let again = try Self.sampleLedger(count: 30, seed: 14).booking("BO-000001")
        #expect(again == first)
    }

    static func randomRange(_ random: inout SeededGenerator, around day: Int, span: Int) -> DateRange {
        func date() -> XMLDate { XMLDate(daysSinceEpoch: day + Int.random(in: -30...span, using: &random)) }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return DateRange()
        case 1: return DateRange(from: date())
        case 2: return DateRange(to: date())
        default:
            let (a, b) = (date(), date())
            return DateRange(from: min(a, b), to: max(a, b))
        }
    }

    static func randomPaging(_ random: inout SeededGenerator) -> ListPaging {
        Bool.random(using: &random)
            ? .all
            : ListPaging(
                offset: Int.random(in: -2..<40, using: &random), limit: Int.random(in: -1..<30, using: &random))
    }

    /// `a < b` with a missing value first.
    static func less<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
        switch (a, b) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?): return a < b
        }
    }

    /// Sorts by key (reversed when descending), ties in original order, then pages.
    static func reference<Element, Key: Comparable>(
        _ elements: [Element], key: (Element) -> Key?, descending: Bool, paging: ListPaging
    ) -> (page: [Element], total: Int) {
        let sorted = elements.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element), key(rhs.element))
            if a != b { return descending ? less(b, a) : less(a, b) }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let start = min(max(paging.offset, 0), sorted.count)
        let end = paging.limit.map { min(start + max($0, 0), sorted.count) } ?? sorted.count
        return (Array(sorted[start..<end]), sorted.count)
    }

    static func minor(_ amount: CurrencyAmount) -> Int64 { amount.minorUnitCount ?? 0 }

    // MARK: Unpaid bookings

    @Test(arguments: [1, 2, 3] as [UInt64])
    func unpaidBookingsMatchTheReference(seed: UInt64) throws {
        let ledger = try Self.sampleLedger(seed: seed)
        var random = SeededGenerator(seed: seed &* 7919)
        let base = Self.today.daysSinceEpoch
        for _ in 0..<60 {
            let asOf = Self.today.adding(days: Int.random(in: 0..<200, using: &random))
            var query = UnpaidBookingsQuery(asOf: asOf)
            query.departure = Self.randomRange(&random, around: base, span: 420)
            query.due = Self.randomRange(&random, around: base, span: 420)
            query.dueKind = UnpaidBookingsQuery.DueKind.allCases.randomElement(using: &random) ?? .any
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.seller = _BackOfficeSampleLedger.sellers.randomElement(using: &random)
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.agency = _BackOfficeSampleLedger.agencies.randomElement(using: &random)
            }
            query.onlyDueNow = Int.random(in: 0..<4, using: &random) == 0
            query.sort = UnpaidBookingsQuery.SortKey.allCases.randomElement(using: &random) ?? .departure
            query.descending = Bool.random(using: &random)
            query.paging = Self.randomPaging(&random)

            let page = ledger.unpaidBookings(query)
            let expected = Self.referenceUnpaid(ledger.bookings, query, asOf: asOf)
            #expect(page.totalCount == expected.total, "\(query)")
            #expect(page.rows.map(\.bookingId) == expected.page.map(\.booking.id), "\(query)")
            for (row, reference) in zip(page.rows, expected.page) {
                #expect(
                    row.balance
                        == CurrencyAmount(
                            amount: reference.booking.openAmount.amount, currency: reference.booking.currency))
                #expect(Self.minor(row.dueNow) == reference.dueNow)
                #expect(row.nextDueDate == reference.nextDue)
                #expect(row.depositDueDate == reference.deposit)
                #expect(row.restPaymentDueDate == reference.rest)
                #expect(row.total == reference.booking.totalPrice)
                #expect(row.paid == reference.booking.paidAmount)
                #expect(row.customerName == reference.booking.displayCustomerName)
            }
        }
    }

    struct UnpaidReference {
        var booking: LedgerBooking
        var deposit: XMLDate?
        var second: XMLDate?
        var rest: XMLDate?
        var nextDue: XMLDate?
        var dueNow: Int64
    }

    static func referenceUnpaid(
        _ bookings: [LedgerBooking], _ query: UnpaidBookingsQuery, asOf: XMLDate
    ) -> (page: [UnpaidReference], total: Int) {
        let rows = bookings.compactMap { booking -> UnpaidReference? in
            guard booking.state == .booked, booking.openAmount.amount > 0 else { return nil }
            let expected = booking.expectedPayments(today: asOf)
            let dueNow = expected.filter { $0.scheduled.dueDate <= asOf }.reduce(Int64(0)) { $0 + minor($1.remaining) }
            let row = UnpaidReference(
                booking: booking, deposit: booking.schedule.first { $0.scope == .deposit }?.dueDate,
                second: booking.schedule.first { $0.scope == .interim }?.dueDate,
                rest: booking.schedule.last { $0.scope == .balance }?.dueDate,
                nextDue: expected.first { !$0.remaining.isZero }?.scheduled.dueDate, dueNow: dueNow)
            func inRange(_ date: XMLDate?, _ range: DateRange) -> Bool {
                if range.from == nil, range.to == nil { return true }
                guard let date else { return false }
                return range.contains(date)
            }
            let dueMatches: Bool
            switch query.dueKind {
            case .deposit: dueMatches = inRange(row.deposit, query.due)
            case .secondPayment: dueMatches = inRange(row.second, query.due)
            case .restPayment: dueMatches = inRange(row.rest, query.due)
            case .any:
                dueMatches =
                    inRange(row.deposit, query.due) || inRange(row.second, query.due) || inRange(row.rest, query.due)
            }
            guard query.departure.contains(booking.departureDate), dueMatches,
                query.seller == nil || booking.seller == query.seller,
                query.agency == nil || booking.agency?.agency == query.agency,
                !query.onlyDueNow || dueNow > 0
            else { return nil }
            return row
        }
        switch query.sort {
        case .booking:
            return reference(rows, key: { $0.booking.id.value }, descending: query.descending, paging: query.paging)
        case .departure:
            return reference(
                rows, key: { $0.booking.departureDate }, descending: query.descending, paging: query.paging)
        case .nextDue: return reference(rows, key: { $0.nextDue }, descending: query.descending, paging: query.paging)
        case .balance:
            return reference(
                rows,
                key: { minor(CurrencyAmount(amount: $0.booking.openAmount.amount, currency: $0.booking.currency)) },
                descending: query.descending, paging: query.paging)
        case .dueNow: return reference(rows, key: { $0.dueNow }, descending: query.descending, paging: query.paging)
        case .agency:
            return reference(
                rows, key: { $0.booking.agency?.agency }, descending: query.descending, paging: query.paging)
        case .seller:
            return reference(rows, key: { $0.booking.seller }, descending: query.descending, paging: query.paging)
        }
    }

    // MARK: Payment registration

    @Test(arguments: [4, 5] as [UInt64])
    func registeredPaymentsMatchTheReference(seed: UInt64) throws {
        let ledger = try Self.sampleLedger(seed: seed)
        var random = SeededGenerator(seed: seed &* 104_729)
        let all = ledger.bookings.flatMap { booking in booking.payments.map { (booking, $0) } }
        #expect(Set(all.map(\.1.status)).count >= 3, "the sample has payments in several statuses")
        for _ in 0..<60 {
            var query = PaymentRegistrationQuery()
            if Int.random(in: 0..<6, using: &random) == 0 { query.bookingId = all.randomElement(using: &random)?.0.id }
            query.dates = Self.randomRange(&random, around: Self.today.daysSinceEpoch, span: 5)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: query.method = PaymentRegistrationQuery.Method.none
            case 1: query.method = .form(.invoice)
            default: break
            }
            if Bool.random(using: &random) {
                query.statuses = Set(PaymentStatus.allCases.filter { _ in Bool.random(using: &random) })
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.collection = [.agency, .tourOperator].randomElement(using: &random)
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.agency = _BackOfficeSampleLedger.agencies.randomElement(using: &random)
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.seller = _BackOfficeSampleLedger.sellers.randomElement(using: &random)
            }
            query.sort = PaymentRegistrationQuery.SortKey.allCases.randomElement(using: &random) ?? .date
            query.descending = Bool.random(using: &random)
            query.paging = Self.randomPaging(&random)

            let page = ledger.registeredPayments(query)
            let matching = all.filter { booking, payment in
                let date = payment.settlementDate ?? payment.entryDate
                let dateMatches =
                    (query.dates.from == nil && query.dates.to == nil) || date.map(query.dates.contains) == true
                let methodMatches: Bool
                switch query.method {
                case nil: methodMatches = true
                case .none?: methodMatches = payment.formOfPayment == nil
                case .form(let form)?: methodMatches = payment.formOfPayment == form
                }
                return (query.bookingId == nil || booking.id == query.bookingId) && dateMatches && methodMatches
                    && (query.statuses.isEmpty || query.statuses.contains(payment.status))
                    && (query.collection == nil || payment.collection == query.collection)
                    && (query.agency == nil || booking.agency?.agency == query.agency)
                    && (query.seller == nil || booking.seller == query.seller)
            }
            let expected: (page: [(LedgerBooking, LedgerPayment)], total: Int)
            switch query.sort {
            case .date:
                expected = Self.reference(
                    matching, key: { $0.1.settlementDate ?? $0.1.entryDate }, descending: query.descending,
                    paging: query.paging)
            case .amount:
                expected = Self.reference(
                    matching, key: { $0.1.amountMinorUnits }, descending: query.descending, paging: query.paging)
            case .booking:
                expected = Self.reference(
                    matching, key: { $0.0.id.value }, descending: query.descending, paging: query.paging)
            case .agency:
                expected = Self.reference(
                    matching, key: { $0.0.agency?.agency }, descending: query.descending, paging: query.paging)
            case .seller:
                expected = Self.reference(
                    matching, key: { $0.0.seller }, descending: query.descending, paging: query.paging)
            }
            #expect(page.totalCount == expected.total, "\(query)")
            #expect(
                page.rows.map { "\($0.bookingId)/\($0.paymentId)" }
                    == expected.page.map { "\($0.0.id)/\($0.1.identifier)" }, "\(query)")
            for (row, (_, payment)) in zip(page.rows, expected.page) {
                #expect(row.amount == payment.amount && row.fee == payment.fee && row.status == payment.status)
                #expect(row.date == (payment.settlementDate ?? payment.entryDate))
            }
        }
    }

    // MARK: Protected money

    @Test(arguments: [6, 7] as [UInt64])
    func protectedMoneyMatchesTheReference(seed: UInt64) throws {
        let ledger = try Self.sampleLedger(seed: seed)
        var random = SeededGenerator(seed: seed &* 15_485_863)
        for _ in 0..<40 {
            let asOf = Self.today.adding(days: Int.random(in: 0..<300, using: &random))
            var query = ProtectedMoneyQuery(asOf: asOf)
            query.departure = Self.randomRange(&random, around: Self.today.daysSinceEpoch, span: 420)
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.agency = _BackOfficeSampleLedger.agencies.randomElement(using: &random)
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.seller = _BackOfficeSampleLedger.sellers.randomElement(using: &random)
            }
            query.sort = ProtectedMoneyQuery.SortKey.allCases.randomElement(using: &random) ?? .departure
            query.descending = Bool.random(using: &random)
            query.paging = Self.randomPaging(&random)

            let report = ledger.protectedMoney(query)
            let matching = ledger.bookings.filter { booking in
                booking.state == .booked && !booking.paidAmount.isZero
                    && asOf <= (booking.returnDate ?? booking.departureDate)
                    && query.departure.contains(booking.departureDate)
                    && (query.agency == nil || booking.agency?.agency == query.agency)
                    && (query.seller == nil || booking.seller == query.seller)
            }
            let expected: (page: [LedgerBooking], total: Int)
            switch query.sort {
            case .departure:
                expected = Self.reference(
                    matching, key: { $0.departureDate }, descending: query.descending, paging: query.paging)
            case .release:
                expected = Self.reference(
                    matching, key: { $0.returnDate ?? $0.departureDate }, descending: query.descending,
                    paging: query.paging)
            case .amount:
                expected = Self.reference(
                    matching, key: { Self.minor($0.paidAmount) }, descending: query.descending, paging: query.paging)
            case .agency:
                expected = Self.reference(
                    matching, key: { $0.agency?.agency }, descending: query.descending, paging: query.paging)
            case .seller:
                expected = Self.reference(
                    matching, key: { $0.seller }, descending: query.descending, paging: query.paging)
            }
            #expect(report.bookings.totalCount == expected.total)
            #expect(report.bookings.rows.map(\.bookingId) == expected.page.map(\.id))
            #expect(report.bookings.rows.map(\.protectedAmount) == expected.page.map(\.paidAmount))
            // Totals: every matching booking, by month and by agency, per currency.
            var byMonth: [String: Decimal] = [:]
            var byAgency: [String: Decimal] = [:]
            for booking in matching {
                byMonth["\(booking.departureDate.xmlLexicalForm.prefix(7)) \(booking.currency)", default: 0] +=
                    booking.paidAmount.amount
                byAgency["\(booking.agency?.agency ?? "-") \(booking.currency)", default: 0] +=
                    booking.paidAmount.amount
            }
            #expect(
                Dictionary(
                    uniqueKeysWithValues: report.byDepartureMonth.map {
                        ("\($0.group ?? "?") \($0.currency)", $0.protectedAmount.amount)
                    }) == byMonth)
            #expect(
                Dictionary(
                    uniqueKeysWithValues: report.byAgency.map {
                        ("\($0.group ?? "-") \($0.currency)", $0.protectedAmount.amount)
                    }) == byAgency)
            #expect(report.byAgency.reduce(0) { $0 + $1.bookingCount } == matching.count)
        }
    }

    @Test func moneyIsReleasedTheDayAfterTheReturnDate() throws {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        let departure = Self.today.adding(days: 60)
        let draft = BookingDraft(
            id: "P-1", agency: AgencyInformation(agency: "123456"), leadTraveller: "T1",
            travellers: [Traveller(identifier: "T1", surname: "Müller")], departureDate: departure,
            returnDate: departure.adding(days: 14), totalPrice: CurrencyAmount(minorUnitCount: 100_000, currency: .eur))
        try ledger.createBooking(draft)
        try ledger.enterPayments(
            [
                Payment(
                    identifier: "A1", collection: .agency, paymentScope: .deposit,
                    paymentAmount: CurrencyAmount(minorUnitCount: 20_000, currency: .eur),
                    cashHolder: .assignedToBookingOwner(true))
            ],
            bookingId: "P-1")
        let onReturn = ledger.protectedMoney(ProtectedMoneyQuery(asOf: departure.adding(days: 14)))
        #expect(
            onReturn.bookings.rows.map(\.protectedAmount) == [CurrencyAmount(minorUnitCount: 20_000, currency: .eur)])
        #expect(onReturn.byDepartureMonth.map(\.group) == [String(departure.xmlLexicalForm.prefix(7))])
        #expect(ledger.protectedMoney(ProtectedMoneyQuery(asOf: departure.adding(days: 15))).bookings.totalCount == 0)
    }

    @Test func csvQuotesFieldsAndWritesMinorUnits() throws {
        let ledger = try Self.sampleLedger(count: 60, seed: 9)
        let rows = ledger.unpaidBookings().rows
        let csv = BackOfficeCSV.text(rows)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == Substring(UnpaidBooking.columns.map(\.title).joined(separator: ",")))
        #expect(lines.count == rows.count + 2)
        #expect(csv.contains("\"O'Brien & Söhne\"") == false)  // no comma or quote: unquoted
        let jpy = try #require(rows.first { $0.currency.code == "JPY" })
        #expect(!jpy.cells[9]!.contains("."))
        let kwd = try #require(rows.first { $0.currency.code == "KWD" })
        #expect(kwd.cells[9]!.split(separator: ".").last?.count == 3)
        struct Quoted: BackOfficeRow {
            static let columns = [BackOfficeColumn("A", key: "a"), BackOfficeColumn("B", key: "b")]
            var cells: [String?]
        }
        #expect(
            BackOfficeCSV.text([Quoted(cells: ["x,y", "say \"hi\"\n"]), Quoted(cells: [nil, ""])])
                == "A,B\n\"x,y\",\"say \"\"hi\"\"\n\"\n,\n")
    }
}
