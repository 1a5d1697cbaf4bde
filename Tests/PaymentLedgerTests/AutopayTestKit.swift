import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

/// A ledger set up for autopay: channel `WEB` (autopay on, payer `Guest`), term set `STANDARD`
/// (autopay on), production; bookings made on 2026-11-16, so that their deposit falls due on
/// 2026-11-23 and the run of 2026-11-24 02:00 UTC selects it.
struct AutopayFixture {
    typealias Kit = LedgerTestKit

    let ledger: Ledger
    let clock: AdjustableLedgerClock
    let gateway: any PaymentGateway
    var settings: AutopaySettings

    static let bookingDay = "2026-11-16"
    static let runInstant = "2026-11-24T02:00:00Z"

    init(gateway: any PaymentGateway = SimulatedPaymentGateway(), journal: (any LedgerJournal)? = nil) throws {
        clock = AdjustableLedgerClock(try Kit.date(Self.bookingDay))
        ledger = try Ledger(configuration: LedgerConfiguration(clock: clock), journal: journal)
        self.gateway = gateway
        settings = AutopaySettings()
        settings.production = true
        settings.retryCount = 3
        settings.setChannel(.init(id: "WEB", autopay: true, payer: "Guest"))
        settings.setChannel(.init(id: "OFF", autopay: false, payer: "Guest"))
        settings.setChannel(.init(id: "NOPAYER", autopay: true, payer: nil))
        settings.setTermSet(.init(id: "STANDARD", autopay: true))
        settings.setTermSet(.init(id: "MANUAL", autopay: false))
    }

    /// Makes a booking on the booking day (1000.00 EUR: deposit 200.00 due 2026-11-23) with a
    /// status, channel, term set and a stored guest card.
    @discardableResult
    func book(
        _ id: Identifier, status: ReservationStatus? = .provisional, channel: Identifier? = "WEB",
        termSet: Identifier? = "STANDARD", card: String? = Kit.goodCard, expiry: (Int, Int) = (2029, 12),
        departure: String = "2027-06-14", paymentOptions: [PaymentOption]? = nil
    ) async throws -> LedgerBooking {
        clock.set(try Kit.date(Self.bookingDay))
        let booking = try ledger.createBooking(
            try Kit.draft(id: id, priceCents: 1000_00, departure: departure, paymentOptions: paymentOptions)
        ).booking
        try ledger.setReservation(id, status: status, channel: channel, termSet: termSet)
        if let card {
            try await storeCard(card, on: id, expiry: expiry)
        }
        return booking
    }

    @discardableResult
    func storeCard(
        _ number: String, on id: Identifier, expiry: (Int, Int) = (2029, 12), kind: StoredCard.Kind = .guest
    ) async throws -> StoredCard {
        let card = CreditCard(
            cardType: "VISA", cardNumber: CardNumber(number),
            expiryDate: try #require(XMLYearMonth(year: expiry.0, month: expiry.1)), holderName: "Max Mustermann")
        // Tokens come from the simulated gateway, whatever gateway charges them.
        return try await ledger.storeCard(card, for: id, kind: kind, gateway: SimulatedPaymentGateway())
    }

    static func instant(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return try #require(formatter.date(from: text))
    }

    /// Runs autopay at an instant, the ledger's clock set to its date.
    func run(
        _ kind: AutopayKind = .instalment, at text: String = runInstant, dryRun: Bool = false, force: Bool = false
    ) async throws -> AutopayRunReport {
        let instant = try Self.instant(text)
        clock.set(XMLDate(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))))
        return try await ledger.runAutopay(
            kind, at: instant, settings: settings, gateway: gateway, dryRun: dryRun, force: force)
    }

    /// The criterion each skipped candidate of a booking was skipped for.
    static func criteria(_ report: AutopayRunReport, _ id: Identifier) -> [AutopayCriterion] {
        report.skipped.filter { $0.bookingId == id }.map(\.criterion)
    }

    static func selected(_ report: AutopayRunReport) -> [String] {
        report.selected.map { "\($0.bookingId) \($0.scheduleId) \($0.amount.formattedAmount)" }
    }
}
