import Foundation
import Testing

@testable import DRVPaymentsTool

@Suite("demo")
struct DemoCommandTests {
    /// The end of the demo's output: the booking's overview, payments and schedule.
    static let result = """
        Overview on 2027-04-28 (EUR)
          TotalPrice  3456.00
          TotalFees     41.47
          Paid        3497.47
          Settled     3497.47
          Open           0.00
          Overdue        0.00
          NextDue           -

        Payments
          ID   Scope    Form        Collection     Amount    Fee  Status     Entry       Settlement  Reference           Note
          DEP  Deposit  -           Agency         691.20   0.00  Confirmed  2026-11-23  2026-12-01  AGY-123456-2026-11  -
          BAL  Balance  CreditCard  TourOperator  2764.80  41.47  Confirmed  2027-04-21  2027-04-21  SIM-PR765MDE-BAL-2  VISA ending 1111

        Schedule
          ID   Scope    Due          Amount  Allocated  Remaining  State
          DEP  Deposit  2026-11-30   691.20     691.20       0.00  paid
          BAL  Balance  2027-05-15  2764.80    2764.80       0.00  paid

        """

    @Test("the demo runs to its end with the expected figures, the same on every run, without card numbers")
    func demo() async {
        let result = await Tool.run(["demo"])
        #expect(result.exitCode == .success)
        #expect(result.standardError.isEmpty)
        let output = result.standardOutput
        #expect(output.hasSuffix(Self.result))
        #expect(
            output.contains(
                "\n=== Result on 2027-04-28: drv-payments show --ledger LEDGER PR765MDE\nBooking     PR765MDE\n"))
        let titles = output.split(separator: "\n").filter { $0.hasPrefix("=== Step ") }
        #expect(
            titles == [
                "=== Step 1, 2026-11-23: the agency asks for a quote for a family of three",
                "=== Step 2, 2026-11-23: the customer books and pays the 20 % deposit at the agency counter",
                "=== Step 3, 2026-12-01: the agency passes the deposit on to the tour operator",
                "=== Step 4, 2027-04-20: the balance is paid by card, and the card is declined",
                "=== Step 5, 2027-04-21: the balance is paid again with another card, and settles",
                "=== Step 6, 2027-04-28: the tour operator confirms receipt of the deposit",
                "=== Step 7, 2027-04-28: the tour operator confirms receipt of the balance",
            ])
        // The booked services, as the Book request's Services gave them, in the result.
        #expect(
            output.contains(
                """
                Services
                  Kind      Code      From        To          Travellers  Description
                  Flight    DUS-PMI   2027-06-14  2027-06-14  T1 T2 T3    Düsseldorf–Palma de Mallorca, EW 582
                  Hotel     PMI-4711  2027-06-14  2027-06-28  T1 T2 T3    Hotel Cala Blava, Familienzimmer, Halbpension, 14 Nächte
                  Transfer  TRF-PMI   2027-06-14  2027-06-28  T1 T2 T3    Flughafen–Hotel und zurück
                  Flight    PMI-DUS   2027-06-28  2027-06-28  T1 T2 T3    Palma de Mallorca–Düsseldorf, EW 583

                Overview on 2027-04-28 (EUR)
                """))
        #expect(output.contains("--- response: applied\n<PaymentResponse "))
        #expect(output.contains("<Status>Failed</Status>"))
        #expect(output.contains("<FailureReason>card declined</FailureReason>"))
        #expect(output.contains("<MaskedCardNumber>411111******1111</MaskedCardNumber>"))
        for secret in ["4111111111111111", "4000000000000002"] {
            #expect(!output.contains(secret))
        }
        #expect(await Tool.run(["demo"]) == result)
    }

    @Test("--pretty indents requests and responses; the result is the same")
    func pretty() async {
        let result = await Tool.run(["demo", "--pretty"])
        #expect(result.exitCode == .success)
        #expect(
            result.standardOutput.contains(
                "--- request\n<BookingRequest xmlns=\"http://string.drv.de/xmlschema/string\" Version=\"1.0\">\n  <AgencyInformation>\n"
            ))
        #expect(result.standardOutput.hasSuffix(Self.result))
    }

    @Test("--keep leaves the ledger for show; a directory that is not empty is refused")
    func keep() async throws {
        let ledger = TemporaryLedger()
        defer { ledger.remove() }
        let kept = await Tool.run(["demo", "--keep", ledger.path])
        #expect(kept.exitCode == .success)
        #expect(
            kept.standardOutput.hasSuffix(
                "\nThe ledger is kept in \(ledger.path): drv-payments show --ledger \(ledger.path) PR765MDE\n"))
        let shown = await Tool.run(["show", "--ledger", ledger.path, "PR765MDE", "--today", "2027-04-28"])
        #expect(shown.exitCode == .success)
        #expect(shown.standardOutput.hasSuffix(Self.result))

        let again = await Tool.run(["demo", "--keep", ledger.path])
        #expect(again.exitCode == .failure)
        #expect(again.standardOutputData.isEmpty)
        #expect(
            again.standardError == "drv-payments: \(ledger.path): not empty; --keep needs a new or empty directory\n")
    }
}
