import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The GDS payments list against a brute-force reference built from the public booking API, on
/// generated ledgers: every filter, every sort, both directions, paging.
@Suite struct GDSPaymentsListTests {
    typealias List = BackOfficeListTests

    static func sampleLedger(seed: UInt64) throws -> Ledger {
        let ledger = try List.sampleLedger(count: 200, seed: seed)
        try _BackOfficeSampleLedger.addGDSRecords(ledger, seed: seed &+ 11)
        return ledger
    }

    /// One reference row: a booking and one of its records.
    struct Reference {
        var booking: LedgerBooking
        var record: GDSFlightRecord
    }

    /// The cost check computed from the public API: cost prices in the booking currency against
    /// paid money without fees (amounts of recorded, settled and confirmed payments) less
    /// completed refunds.
    static func referenceCheck(_ booking: LedgerBooking) -> GDSCostCheck {
        if booking.gdsRecords.contains(where: { $0.details.costPrice.currency != booking.currency }) {
            return .otherCurrency
        }
        let cost = booking.gdsRecords.reduce(Int64(0)) { $0 + List.minor($1.details.costPrice) }
        let paid = booking.payments.filter { [.recorded, .settled, .confirmed].contains($0.status) }
            .reduce(Int64(0)) { $0 + List.minor($1.amount) }
        return cost > paid - List.minor(booking.refundedAmount) ? .exceedsReceived : .covered
    }

    static func reference(_ bookings: [LedgerBooking], _ query: GDSPaymentQuery) -> (page: [Reference], total: Int) {
        var rows: [Reference] = []
        for booking in bookings {
            guard query.bookingId == nil || booking.id == query.bookingId,
                query.seller == nil || booking.seller == query.seller,
                query.agency == nil || booking.agency?.agency == query.agency,
                query.booked.contains(booking.createdOn),
                !query.onlyDisagreeing || referenceCheck(booking) != .covered
            else { continue }
            for record in booking.gdsRecords {
                let details = record.details
                guard query.departure.contains(details.departureDate),
                    query.airline == nil || details.airline == query.airline,
                    query.pnr == nil || details.pnr == query.pnr,
                    query.airport == nil || [details.departureAirport, details.arrivalAirport].contains(query.airport)
                else { continue }
                rows.append(Reference(booking: booking, record: record))
            }
        }
        func key(_ row: Reference) -> String? {
            let details = row.record.details
            switch query.sort {
            // Fixed-width texts compare as their values: day numbers and minutes, minor units.
            case .departure:
                return String(
                    format: "%08d %04d", details.departureDate.daysSinceEpoch,
                    details.departureTime.minutesSinceMidnight)
            case .booked: return String(format: "%08d", row.booking.createdOn.daysSinceEpoch)
            case .cost: return String(format: "%020lld", List.minor(details.costPrice))
            case .agency: return row.booking.agency?.agency
            case .seller: return row.booking.seller
            case .booking: return row.booking.id.value
            case .airline: return details.airline
            case .pnr: return details.pnr
            }
        }
        return List.reference(rows, key: key, descending: query.descending, paging: query.paging)
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func gdsPaymentsMatchTheReference(seed: UInt64) throws {
        let ledger = try Self.sampleLedger(seed: seed)
        let bookings = ledger.bookings
        let records = bookings.flatMap(\.gdsRecords)
        #expect(records.count > 100)
        var random = SeededGenerator(seed: seed &* 104_729)
        let base = List.today.daysSinceEpoch
        var sortsSeen: Set<GDSPaymentQuery.SortKey> = []
        for round in 0..<120 {
            var query = GDSPaymentQuery()
            query.departure = List.randomRange(&random, around: base, span: 420)
            if Int.random(in: 0..<4, using: &random) == 0 {
                query.booked = List.randomRange(&random, around: base, span: 3)
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                query.seller = _BackOfficeSampleLedger.sellers.randomElement(using: &random)
            }
            if Int.random(in: 0..<4, using: &random) == 0 {
                query.agency = _BackOfficeSampleLedger.agencies.randomElement(using: &random)
            }
            if Int.random(in: 0..<4, using: &random) == 0 {
                query.airline = _BackOfficeSampleLedger.airlines.randomElement(using: &random)
            }
            if Int.random(in: 0..<4, using: &random) == 0 {
                query.airport = _BackOfficeSampleLedger.airports.randomElement(using: &random)
            }
            if Int.random(in: 0..<8, using: &random) == 0 {
                query.pnr = records.randomElement(using: &random)?.details.pnr
            }
            if Int.random(in: 0..<8, using: &random) == 0 {
                query.bookingId = bookings.randomElement(using: &random)?.id
            }
            query.onlyDisagreeing = Int.random(in: 0..<3, using: &random) == 0
            // Every sort key in both directions, then random ones.
            let sorts = GDSPaymentQuery.SortKey.allCases
            query.sort =
                round < sorts.count * 2 ? sorts[round / 2] : sorts.randomElement(using: &random) ?? .departure
            query.descending = round < sorts.count * 2 ? round % 2 == 1 : Bool.random(using: &random)
            query.paging = List.randomPaging(&random)
            sortsSeen.insert(query.sort)

            let page = ledger.gdsPayments(query)
            let expected = Self.reference(bookings, query)
            #expect(page.totalCount == expected.total, "\(query)")
            #expect(page.offset == min(max(query.paging.offset, 0), expected.total))
            #expect(page.rows.map(\.bookingId) == expected.page.map(\.booking.id), "\(query)")
            #expect(page.rows.map(\.record) == expected.page.map(\.record), "\(query)")
            for (row, reference) in zip(page.rows, expected.page) {
                #expect(row.check == Self.referenceCheck(reference.booking))
                #expect(row.seller == reference.booking.seller)
                #expect(row.agency == reference.booking.agency?.agency)
                #expect(row.bookedOn == reference.booking.createdOn)
                #expect(row.customerName == reference.booking.displayCustomerName)
                #expect(row.phone == (reference.record.details.phone ?? reference.booking.customerPhone))
            }
        }
        #expect(sortsSeen.count == GDSPaymentQuery.SortKey.allCases.count)
    }

    @Test func everyFilterMatchesSomethingOnTheSample() throws {
        // The reference comparison above means something only when the filters select rows.
        let ledger = try Self.sampleLedger(seed: 21)
        let all = ledger.gdsPayments().totalCount
        for query in [
            GDSPaymentQuery(seller: _BackOfficeSampleLedger.sellers[0]),
            GDSPaymentQuery(agency: _BackOfficeSampleLedger.agencies[0]), GDSPaymentQuery(airline: "LH"),
            GDSPaymentQuery(airport: "PMI"), GDSPaymentQuery(onlyDisagreeing: true),
            GDSPaymentQuery(departure: DateRange(to: List.today.adding(days: 100))),
        ] {
            let count = ledger.gdsPayments(query).totalCount
            #expect(count > 0 && count < all, "\(query)")
        }
        let checks = Set(ledger.gdsPayments().rows.map(\.check))
        #expect(checks == Set(GDSCostCheck.allCases))
    }

    @Test func rowsPrintIsoDatesTimesAndMinorUnits() throws {
        let ledger = try GDSRecordTests.makeLedger()
        try ledger.createBooking(try LedgerTestKit.draft(id: "B1"))
        var details = try GDSRecordTests.flight(cost: CurrencyAmount(minorUnitCount: 120_000, currency: .jpy))
        details.paymentComment = "BSP, \"week 23\""
        try ledger.addGDSRecord(details, to: "B1")
        let row = try #require(ledger.gdsPayments().rows.first)
        let cells = Dictionary(uniqueKeysWithValues: zip(GDSPayment.columns.map(\.key), row.cells))
        #expect(cells["departureDate"] == "2027-06-14")
        #expect(cells["departureTime"] == "08:10")
        #expect(cells["arrivalTime"] == "10:25")
        #expect(cells["bookedOn"] == "2026-11-23")
        #expect(cells["cost"] == "120000")
        #expect(cells["currency"] == "JPY")
        #expect(cells["received"] == "0.00")
        #expect(cells["check"] == "other-currency")
        #expect(cells["adminComment"] == .some(nil))
        let csv = BackOfficeCSV.text(ledger.gdsPayments().rows)
        #expect(csv.hasPrefix("Booking,Record,Booked,"))
        #expect(csv.contains(",\"BSP, \"\"week 23\"\"\","))
    }
}
