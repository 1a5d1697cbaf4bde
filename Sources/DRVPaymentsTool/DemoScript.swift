import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The built-in story `drv-payments demo` plays: a family books a fortnight in Mallorca and pays
/// it from quote to confirmation.
///
/// The sample data is compiled into the tool, so the demo runs from any directory. The requests
/// are the agency's STRING messages as XML; steps that are the tour operator's own back-office
/// work are ledger operations, shown as the `drv-payments` command that does the same.
enum DemoScript {
    /// One step of the story.
    struct Step {
        /// What the step does.
        enum Action {
            /// The agency sends a request; the handler answers it. The closure gets the booking's
            /// identifier once the booking exists.
            case message(request: @Sendable (_ bookingId: String) -> String, expected: HandledMessage.Outcome)
            /// The tour operator changes payments in its back office.
            case operation(PaymentStatusCommand.Action, payments: [Identifier])
        }

        /// The day the step happens: the ledger's clock during the step.
        let day: XMLDate
        /// What happens, in a few words.
        let title: String
        /// What the step does.
        let action: Action
    }

    /// The seed of the ledger's booking references, so the demo's booking always gets the same one.
    static let bookingReferenceSeed: UInt64 = 2026_11_23

    /// The time in envelope responses' `TimeStamp`, were the demo to send an envelope.
    static let envelopeTime = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z

    /// The day the story ends, on which the result is shown.
    static let lastDay = day("2027-04-28")

    /// The steps, in order.
    static let steps: [Step] = [
        Step(
            day: day("2026-11-23"), title: "the agency asks for a quote for a family of three",
            action: .message(request: { _ in quoteRequest }, expected: .unchanged)),
        Step(
            day: day("2026-11-23"), title: "the customer books and pays the 20 % deposit at the agency counter",
            action: .message(request: { _ in bookRequest }, expected: .applied)),
        Step(
            day: day("2026-12-01"), title: "the agency passes the deposit on to the tour operator",
            action: .operation(.agencySettlement(reference: "AGY-123456-2026-11"), payments: ["DEP"])),
        Step(
            day: day("2027-04-20"), title: "the balance is paid by card, and the card is declined",
            action: .message(request: { balanceRequest(bookingId: $0, card: "4000000000000002") }, expected: .applied)),
        Step(
            day: day("2027-04-21"), title: "the balance is paid again with another card, and settles",
            action: .message(request: { balanceRequest(bookingId: $0, card: "4111111111111111") }, expected: .applied)),
        Step(
            day: lastDay, title: "the tour operator confirms receipt of the deposit",
            action: .operation(.confirm, payments: ["DEP"])),
        Step(
            day: lastDay, title: "the tour operator confirms receipt of the balance",
            action: .operation(.confirm, payments: ["BAL"])),
    ]

    /// A date written `YYYY-MM-DD` in this file.
    private static func day(_ text: String) -> XMLDate {
        ArgumentValue.date(text) ?? XMLDate(daysSinceEpoch: 0)
    }

    // MARK: The agency's requests

    private static let travellers = """
          <Travellers>
            <Traveller Identifier="T1">
              <Salutation>Herr</Salutation>
              <Prename>Max</Prename>
              <Surname>Mustermann</Surname>
              <BirthDate>1980-04-12</BirthDate>
              <Email>max.mustermann@example.de</Email>
            </Traveller>
            <Traveller Identifier="T2">
              <Salutation>Frau</Salutation>
              <Prename>Erika</Prename>
              <Surname>Mustermann</Surname>
              <BirthDate>1982-09-03</BirthDate>
            </Traveller>
            <Traveller Identifier="T3">
              <Prename>Lena</Prename>
              <Surname>Mustermann</Surname>
              <BirthDate>2016-06-20</BirthDate>
            </Traveller>
          </Travellers>
          <BookingDetails>
            <BookingOwner>T1</BookingOwner>
            <StartDate>2027-06-14</StartDate>
            <EndDate>2027-06-28</EndDate>
            <Seller>Anna Schneider</Seller>
            <Branch>Köln-Innenstadt</Branch>
          </BookingDetails>
        """

    private static let agency = """
          <AgencyInformation>
            <Agency>123456</Agency>
            <AgentId>17</AgentId>
          </AgencyInformation>
        """

    private static let prices = """
          <Prices>
            <TotalPrice>
              <Amount>3456.00</Amount>
              <Currency>EUR</Currency>
            </TotalPrice>
          </Prices>
          <Services>
            <Service Type="Flight" Code="DUS-PMI" StartDate="2027-06-14" EndDate="2027-06-14" Travellers="T1 T2 T3">Düsseldorf–Palma de Mallorca, EW 582</Service>
            <Service Type="Hotel" Code="PMI-4711" StartDate="2027-06-14" EndDate="2027-06-28" Travellers="T1 T2 T3">Hotel Cala Blava, Familienzimmer, Halbpension, 14 Nächte</Service>
            <Service Type="Transfer" Code="TRF-PMI" StartDate="2027-06-14" EndDate="2027-06-28" Travellers="T1 T2 T3">Flughafen–Hotel und zurück</Service>
            <Service Type="Flight" Code="PMI-DUS" StartDate="2027-06-28" EndDate="2027-06-28" Travellers="T1 T2 T3">Palma de Mallorca–Düsseldorf, EW 583</Service>
          </Services>
        """

    /// Step 1: a quote for the family (3456.00 EUR, 14–28 June 2027).
    static let quoteRequest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
        \(agency)
          <RequestTrigger>Quote</RequestTrigger>
        \(travellers)
        \(prices)
        </BookingRequest>
        """

    /// Step 2: the booking, without BookingId (the ledger generates the reference), with the
    /// deposit of 691.20 EUR the agency collected.
    static let bookRequest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <BookingRequest xmlns="http://string.drv.de/xmlschema/string" Version="1.0">
        \(agency)
          <RequestTrigger>Book</RequestTrigger>
        \(travellers)
        \(prices)
          <Payments>
            <Payment Identifier="DEP" Collection="Agency">
              <PaymentScope>Deposit</PaymentScope>
              <PaymentAmount>
                <Amount>691.20</Amount>
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
        </BookingRequest>
        """

    /// Steps 4 and 5: the balance of 2764.80 EUR by Visa card, collected by the tour operator.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - card: A test card number of the simulated gateway.
    /// - Returns: The `PaymentRequest`.
    static func balanceRequest(bookingId: String, card: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <PaymentRequest xmlns="http://string.drv.de/xmlschema/string"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="1.0">
        \(agency)
          <BookingId>\(bookingId)</BookingId>
          <Payments>
            <Payment Identifier="BAL" Collection="TourOperator" xsi:type="CreditCardPaymentType">
              <PaymentScope>Balance</PaymentScope>
              <FormOfPayment>CreditCard</FormOfPayment>
              <PaymentAmount>
                <Amount>2764.80</Amount>
                <Currency>EUR</Currency>
              </PaymentAmount>
              <CashHolder>
                <AssignedToBookingOwner>true</AssignedToBookingOwner>
              </CashHolder>
              <CreditCard>
                <CardType>VISA</CardType>
                <CardNumber>\(card)</CardNumber>
                <ExpiryDate>2029-12</ExpiryDate>
                <HolderName>Max Mustermann</HolderName>
              </CreditCard>
            </Payment>
          </Payments>
        </PaymentRequest>
        """
    }
}
