import Foundation
import FuzzSupport
import PaymentLedger
import StringPayments
import XMLCoding

/// The ledger's day: the booking day of the examples.
private let today: XMLDate = {
    guard let date = XMLDate(xmlLexicalForm: "2026-11-23") else { fatalError("bad fixed date") }
    return date
}()

/// The Mallorca booking of the examples (`Examples/lifecycle`): 3456.00 EUR, 14–28 June 2027,
/// booked as SRT-2026-004711 so that the example requests find it.
private let draft: BookingDraft = {
    guard let departure = XMLDate(xmlLexicalForm: "2027-06-14"), let returnDate = XMLDate(xmlLexicalForm: "2027-06-28")
    else { fatalError("bad fixed date") }
    return BookingDraft(
        id: "SRT-2026-004711", agency: AgencyInformation(agency: "123456", agentId: 17), seller: "Anna Schneider",
        branch: "Köln-Innenstadt", leadTraveller: "T1",
        travellers: [
            Traveller(
                identifier: "T1", salutation: "Herr", prename: "Max", surname: "Mustermann",
                email: "max.mustermann@example.de"),
            Traveller(identifier: "T2", salutation: "Frau", prename: "Erika", surname: "Mustermann"),
            Traveller(identifier: "T3", prename: "Lena", surname: "Mustermann"),
        ],
        departureDate: departure, returnDate: returnDate,
        totalPrice: CurrencyAmount(minorUnitCount: 3456_00, currency: .eur))
}()

/// A fresh in-memory ledger per input, so that every run of an input does the same.
private func makeHandler() -> StringMessageHandler {
    let configuration = LedgerConfiguration(clock: FixedClock(today), bookingReferenceSeed: 4711)
    let ledger: Ledger
    do {
        ledger = try Ledger(configuration: configuration)
        try ledger.createBooking(draft)
    } catch {
        fatalError("cannot set up the ledger: \(error)")
    }
    let fixedNow = Date(timeIntervalSince1970: 1_795_430_400)  // 2026-11-23T00:00:00Z
    return StringMessageHandler(ledger: ledger, configuration: .init(now: { fixedNow }))
}

/// libFuzzer's entry point: the input as a request to the message handler.
///
/// Any response is fine. A crash, a trap or a hang is a finding, and so is a broken invariant
/// afterwards: the response bytes must decode, and no booking that is not cancelled may hold
/// more paid money than its price plus fees.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    let handler = makeHandler()
    let handled = BlockingTask.run { await handler.handle(bytes) }
    do {
        _ = try StringMessage.decode(from: handled.responseData)
    } catch {
        fatalError("the handler's \(handled.response.kind) does not decode: \(error)")
    }
    for booking in handler.ledger.bookings where booking.state != .cancelled {
        let owed = booking.totalPrice.amount + booking.totalFees.amount
        if booking.paidAmount.amount > owed {
            fatalError(
                "booking \(booking.id) holds \(booking.paidAmount) paid, more than price \(booking.totalPrice) "
                    + "plus fees \(booking.totalFees)")
        }
    }
    return 0
}
