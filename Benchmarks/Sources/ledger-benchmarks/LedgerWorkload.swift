import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The deterministic bookings, payments and requests every ledger benchmark uses.
///
/// Bookings: `SRT-2027-000001`… (15 characters), agency 123456 agent 17, two travellers (T1 the
/// lead, with a per-booking email; T2), departure 2027-01-04 plus 0–179 days, 14 nights, price
/// 1,500.00–3,313.00 EUR, the ledger's standard payment terms and options. Each booking's value
/// is built on its own (no arrays shared between bookings), as a reservation system would send it.
///
/// Payments: identifiers `P01`…`P10`, 10.00–19.00 EUR each (so ten stay far within any price).
/// Positions 3 and 8 are tokenised Visa card payments collected by the tour operator, entered
/// with a `settled` gateway outcome (a per-payment transaction reference and authorisation
/// code); the others are collected by the agency with no form of payment (plain `PaymentType`),
/// so they are entered as `Recorded`.
enum LedgerWorkload {
    /// The ledger's fixed "today": the benchmarks never depend on the machine's date.
    static let today: XMLDate = date(2026, 11, 23)

    static func date(_ year: Int, _ month: Int, _ day: Int) -> XMLDate {
        guard let date = XMLDate(year: year, month: month, day: day) else { fail("invalid date \(year)-\(month)-\(day)") }
        return date
    }

    static func configuration() -> LedgerConfiguration {
        LedgerConfiguration(clock: FixedClock(today), bookingReferenceSeed: 0x5EED)
    }

    // MARK: Bookings

    /// `SRT-2027-000042` for 42.
    static func bookingId(_ number: Int) -> Identifier {
        let digits = String(number)
        return Identifier(stringLiteral: "SRT-2027-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits)
    }

    private static let prenames = ["Max", "Erika", "Jonas", "Lea", "Lukas", "Mia", "Paul", "Emma"]
    private static let surnames = ["Mustermann", "Schmidt", "Becker", "Wagner", "Hoffmann", "Schulz", "Koch"]
    private static let baseDeparture = date(2027, 1, 4)

    /// The booking with the number, as a `Book` request would carry it.
    static func draft(_ number: Int) -> BookingDraft {
        let surname = surnames[number % surnames.count]
        let lead = prenames[number % prenames.count]
        let partner = prenames[(number + 3) % prenames.count]
        let departure = baseDeparture.adding(days: number % 180)
        let travellers = [
            Traveller(
                identifier: "T1", prename: lead, surname: surname, birthDate: date(1970 + number % 30, 1 + number % 12, 1 + number % 28),
                email: "\(lead.lowercased()).\(surname.lowercased()).\(number)@example.de"),
            Traveller(identifier: "T2", prename: partner, surname: surname, birthDate: date(1972 + number % 30, 1 + (number + 5) % 12, 1 + (number + 9) % 28)),
        ]
        let cents = 150_000 + (number % 50) * 3_700
        return BookingDraft(
            id: bookingId(number), agency: AgencyInformation(agency: "123456", agentId: 17), leadTraveller: "T1",
            travellers: travellers, departureDate: departure, returnDate: departure.adding(days: 14),
            totalPrice: CurrencyAmount(amount: Decimal(sign: .plus, exponent: -2, significand: Decimal(cents)), currency: .eur))
    }

    // MARK: Payments

    /// One payment position of a booking: the same value is entered into every booking (a
    /// payment identifier belongs to its booking), so building it costs nothing per call.
    struct PaymentTemplate: Sendable {
        let identifier: Identifier
        let payments: [Payment]
        let isCard: Bool

        /// The gateway's answer for the booking's card payment; `[:]` for agency payments.
        func outcomes(bookingNumber: Int) -> [Identifier: PaymentOutcome] {
            guard isCard else { return [:] }
            return [identifier: .settled(transactionReference: "PR-\(bookingNumber)-\(identifier)", authorizationCode: "4711")]
        }
    }

    static let paymentTemplates: [PaymentTemplate] = (1...10).map { position in
        let identifier = Identifier(stringLiteral: position < 10 ? "P0\(position)" : "P\(position)")
        let amount = CurrencyAmount(amount: Decimal(9 + position), currency: .eur)
        let isCard = position == 3 || position == 8
        let scope: PaymentScope = position == 1 ? .deposit : .interim
        let payment: Payment
        if isCard {
            let card = CreditCardPayment(
                creditCard: CreditCard(cardType: "VISA", maskedCardNumber: "401288XXXXXX1881", expiryDate: cardExpiry),
                pciToken: "tok_4f9a0c2e77d1b5", pciTokenIssuer: "PayRhein", pciBin: "401288")
            payment = Payment(
                identifier: identifier, collection: .tourOperator, paymentScope: scope, formOfPayment: .creditCard,
                paymentAmount: amount, cashHolder: .assignedToBookingOwner(true), specialisation: .creditCard(card))
        } else {
            payment = Payment(
                identifier: identifier, collection: .agency, paymentScope: scope, paymentAmount: amount,
                cashHolder: .assignedToBookingOwner(true))
        }
        return PaymentTemplate(identifier: identifier, payments: [payment], isCard: isCard)
    }

    private static var cardExpiry: XMLYearMonth {
        guard let expiry = XMLYearMonth(year: 2036, month: 11) else { fail("invalid expiry date") }
        return expiry
    }

    /// Creates the bookings of `range`; each then gets payments `P01`…`P(perBooking)`, one call per
    /// payment, position by position across the bookings.
    static func populate(
        _ ledger: Ledger, bookings range: Range<Int>, paymentsPerBooking: Int
    ) throws(LedgerError) {
        for number in range { try ledger.createBooking(draft(number)) }
        let positions = 0..<paymentsPerBooking
        try enterPayments(
            ledger, bookings: range, ids: bookingIds(range), outcomes: outcomes(range, positions: positions),
            positions: positions)
    }

    /// The identifiers of the bookings in `range`, made before timing: a caller of the ledger has
    /// its booking identifier already (decoded from a request), so building it is not ledger work.
    static func bookingIds(_ range: Range<Int>) -> [Identifier] { range.map(bookingId) }

    /// The gateway's answers for the payments of `positions` in the bookings of `range`, indexed
    /// `[position][booking]`, made before timing: like the booking identifiers, they come to the
    /// ledger from outside (a gateway answered before the call), so making them is not ledger work.
    static func outcomes(_ range: Range<Int>, positions: Range<Int>) -> [[[Identifier: PaymentOutcome]]] {
        positions.map { position in
            let template = paymentTemplates[position]
            return range.map { template.outcomes(bookingNumber: $0) }
        }
    }

    /// Enters payment positions into bookings: for each position, one `enterPayments` call per
    /// booking, so consecutive calls touch different bookings as real traffic does.
    ///
    /// - Parameters:
    ///   - ids: `bookingIds(range)`.
    ///   - outcomes: `outcomes(range, positions: positions)`.
    static func enterPayments(
        _ ledger: Ledger, bookings range: Range<Int>, ids: [Identifier], outcomes: [[[Identifier: PaymentOutcome]]],
        positions: Range<Int>
    ) throws(LedgerError) {
        for (index, position) in positions.enumerated() {
            let payments = paymentTemplates[position].payments
            for (id, outcome) in zip(ids, outcomes[index]) {
                try ledger.enterPayments(payments, bookingId: id, outcomes: outcome)
            }
        }
    }

    // MARK: Requests

    /// A `PaymentRequest` entering payment `R01` into the booking: a tokenised Visa card payment
    /// collected by the tour operator for even booking numbers, a payment collected by the agency
    /// for odd ones. Laid out as the examples are (indented, about 1.2 KB).
    static func paymentRequest(bookingNumber: Int) -> Data {
        let id = bookingId(bookingNumber)
        let payment: String
        if bookingNumber % 2 == 0 {
            payment = """
                  <Payments Collection="TourOperator">
                    <Payment Identifier="R01" xsi:type="CreditCardPaymentType">
                      <PaymentScope>Balance</PaymentScope>
                      <FormOfPayment>CreditCard</FormOfPayment>
                      <PaymentAmount>
                        <Amount>100.00</Amount>
                        <Currency>EUR</Currency>
                      </PaymentAmount>
                      <PaymentServiceProvider>
                        <Name>PayRhein</Name>
                      </PaymentServiceProvider>
                      <CashHolder>
                        <AssignedToBookingOwner>true</AssignedToBookingOwner>
                      </CashHolder>
                      <Dates>
                        <EntryDate>2026-11-23</EntryDate>
                      </Dates>
                      <CreditCard>
                        <CardType>VISA</CardType>
                        <MaskedCardNumber>401288XXXXXX1881</MaskedCardNumber>
                        <ExpiryDate>2036-11</ExpiryDate>
                        <HolderName>Thomas Becker</HolderName>
                      </CreditCard>
                      <PCIToken>tok_\(bookingNumber)_4f9a0c2e</PCIToken>
                      <PCITokenIssuer>PayRhein</PCITokenIssuer>
                      <PCIBin>401288</PCIBin>
                    </Payment>
                  </Payments>
                """
        } else {
            payment = """
                  <Payments Collection="Agency">
                    <Payment Identifier="R01">
                      <PaymentScope>Balance</PaymentScope>
                      <PaymentAmount>
                        <Amount>100.00</Amount>
                        <Currency>EUR</Currency>
                      </PaymentAmount>
                      <CashHolder>
                        <AssignedToBookingOwner>true</AssignedToBookingOwner>
                      </CashHolder>
                      <Dates>
                        <EntryDate>2026-11-23</EntryDate>
                      </Dates>
                    </Payment>
                  </Payments>
                """
        }
        return Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <PaymentRequest xmlns="http://string.drv.de/xmlschema/string"
                            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                            Version="1.0">
              <AgencyInformation>
                <Agency>123456</Agency>
                <AgentId>17</AgentId>
              </AgencyInformation>
              <BookingId>\(id)</BookingId>
            \(payment)
            </PaymentRequest>

            """.utf8)
    }
}
