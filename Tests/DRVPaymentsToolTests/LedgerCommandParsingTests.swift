import Foundation
import StringPayments
import Testing
import XMLCoding

@testable import DRVPaymentsTool

@Suite("Ledger subcommands: parsing")
struct LedgerCommandParsingTests {
    private func parse(_ arguments: [String]) throws(UsageError) -> CommandLineArguments.Invocation {
        try CommandLineArguments.parse(arguments)
    }

    private func usageError(_ arguments: [String]) -> UsageError? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    private static let ledger = LedgerLocation(directory: "ledger")
    private static let today = XMLDate(year: 2026, month: 11, day: 23)

    @Test("handle: files, -, --pretty, --today")
    func handle() throws {
        #expect(
            try parse(["handle", "--ledger", "ledger", "a.xml", "-", "--pretty", "--today=2026-11-23"])
                == .handle(
                    HandleCommand(
                        ledger: LedgerLocation(directory: "ledger", today: Self.today), inputs: ["a.xml", "-"],
                        pretty: true)))
        #expect(usageError(["handle", "--ledger", "ledger"])?.message == "missing REQUEST or - to handle")
        #expect(
            usageError(["handle", "--ledger", "ledger", "-", "-"])?.message
                == "standard input (-) can be given only once")
        #expect(usageError(["handle", "a.xml"])?.message == "missing option '--ledger DIR' for 'handle'")
        #expect(usageError(["handle", "--ledger=", "a.xml"])?.message == "option '--ledger' needs a directory name")
    }

    @Test("book: two-value --price, repeatable --traveller, choices in any case")
    func book() throws {
        let expected = BookCommand(
            ledger: Self.ledger, price: CurrencyAmount(amount: 3456, currency: .eur),
            departure: try #require(XMLDate(year: 2027, month: 6, day: 14)),
            returnDate: XMLDate(year: 2027, month: 6, day: 28), travellers: ["Max Mustermann", "Erika Mustermann"],
            email: "max@example.de", agency: "123456", collection: .tourOperator, id: "B-1")
        #expect(
            try parse([
                "book", "--ledger", "ledger", "--price", "3456.00", "EUR", "--departure", "2027-06-14",
                "--return", "2027-06-28", "--traveller", "Max Mustermann", "--traveller=Erika Mustermann",
                "--email", "max@example.de", "--agency", "123456", "--collection", "tour-operator", "--id", "B-1",
            ]) == .book(expected))
        #expect(
            try parse(["book", "--price", "980", "jpy", "--ledger", "l", "--departure", "2027-01-01"])
                == .book(
                    BookCommand(
                        ledger: LedgerLocation(directory: "l"), price: CurrencyAmount(amount: 980, currency: .jpy),
                        departure: try #require(XMLDate(year: 2027, month: 1, day: 1)))))
        let draft = expected.draft
        #expect(draft.travellers.map(\.identifier) == ["T1", "T2"])
        #expect(draft.travellers.first?.prename == "Max")
        #expect(draft.travellers.first?.surname == "Mustermann")
        #expect(draft.leadTraveller == "T1")
        #expect(BookCommand.traveller("Cher", number: 3) == Traveller(identifier: "T3", surname: "Cher"))
        #expect(BookCommand.traveller("Anna Maria Schneider", number: 1)?.prename == "Anna Maria")
    }

    @Test("book: malformed prices, dates and names are usage errors")
    func bookErrors() {
        let base = ["book", "--ledger", "l", "--departure", "2027-06-14"]
        #expect(usageError(base)?.message == "missing option '--price AMOUNT CURRENCY' for 'book'")
        #expect(
            usageError(base + ["--price", "3456.00"])?.message == "option '--price' needs 2 values (AMOUNT CURRENCY)")
        #expect(
            usageError(base + ["--price", "12,50", "EUR"])?.message
                == "invalid amount '12,50' for '--price'; expected a decimal number such as 691.20")
        #expect(
            usageError(base + ["--price", "12.50", "EURO"])?.message
                == "invalid currency 'EURO' for '--price'; expected an ISO 4217 code such as EUR")
        #expect(
            usageError(base + ["--price", "12.505", "EUR"])?.message
                == "invalid price '12.505 EUR'; EUR has 2 fraction digits")
        #expect(
            usageError(["book", "--ledger", "l", "--price", "1", "EUR"])?.message
                == "missing option '--departure YYYY-MM-DD' for 'book'")
        #expect(
            usageError(base + ["--price", "1", "EUR", "--return", "2027-06-01"])?.message
                == "the return date 2027-06-01 is before the departure date 2027-06-14")
        #expect(
            usageError(base + ["--price", "1", "EUR", "--collection", "OnSite"])?.message
                == "invalid value 'OnSite' for '--collection'; expected one of Agency, TourOperator, Mixed")
        #expect(
            usageError(base + ["--price", "1", "EUR", "--traveller", " "])?.message
                == "invalid traveller name ' '; expected \"Prename Surname\"")
        #expect(
            usageError(base + ["--price", "1", "EUR", "extra"])?.message
                == "unexpected argument 'extra'; 'book' takes options only")
    }

    @Test("pay: card details, defaults, and the card number never in a message")
    func pay() throws {
        let parsed = try parse([
            "pay", "--ledger", "ledger", "B-1", "--amount", "2764.80", "--by", "card", "--card", "-",
            "--expiry", "2029-12", "--id", "BAL", "--scope", "balance",
        ])
        // The number comes from standard input when the command runs.
        let card = PayCommand.Card(
            number: nil, expiry: try #require(XMLYearMonth(year: 2029, month: 12)), type: "VISA")
        #expect(
            parsed
                == .pay(
                    PayCommand(
                        ledger: Self.ledger, bookingId: "B-1", amount: Decimal(string: "2764.80") ?? 0, method: .card,
                        paymentId: "BAL", scope: .balance, card: card)))
        #expect(
            try parse(["pay", "--ledger", "l", "B", "--amount", "100", "--by", "voucher", "--voucher", "TRAVEL-100"])
                == .pay(
                    PayCommand(
                        ledger: LedgerLocation(directory: "l"), bookingId: "B", amount: 100, method: .voucher,
                        voucher: "TRAVEL-100")))
        #expect(
            try parse([
                "pay", "--ledger", "l", "B", "--amount", "1", "--by", "DirectDebit", "--iban",
                "de89 3704 0044 0532 0130 00", "--holder", "Max",
            ])
                == .pay(
                    PayCommand(
                        ledger: LedgerLocation(directory: "l"), bookingId: "B", amount: 1, method: .directDebit,
                        holder: "Max", iban: IBAN("DE89370400440532013000"))))

        // A card number on the command line is refused, and not repeated.
        let secret = "4111111111111111"
        let badCard = usageError([
            "pay", "--ledger", "l", "B", "--amount", "1", "--by", "card", "--card", secret, "--expiry", "2029-12",
        ])
        #expect(badCard?.message.hasPrefix("a card number is not accepted on the command line") == true)
        #expect(badCard.map { !$0.diagnostic.contains(secret) } == true)
    }

    @Test("pay: details that do not fit --by are usage errors")
    func payErrors() {
        let base = ["pay", "--ledger", "l", "B", "--amount", "10"]
        #expect(
            usageError(["pay", "--ledger", "l", "--amount", "1", "--by", "agency"])?.message == "missing BOOKING to pay"
        )
        #expect(usageError(base)?.message == "missing option '--by FORM' for 'pay'")
        #expect(
            usageError(base + ["--by", "cash"])?.message
                == "invalid value 'cash' for '--by'; expected one of agency, card, invoice, direct-debit, e-banking, "
                + "e-wallet, voucher")
        #expect(usageError(base + ["--by", "card", "--expiry", "2029-12"])?.message == "--by card needs --card")
        #expect(
            usageError(base + ["--by", "card", "--card", "-"])?.message == "--by card needs --expiry")
        #expect(
            usageError(base + ["--by", "card", "--card", "-", "--expiry", "12/29"])?.message
                == "invalid month '12/29' for '--expiry'; expected YYYY-MM, such as 2029-12")
        #expect(usageError(base + ["--by", "voucher"])?.message == "--by voucher needs --voucher")
        #expect(
            usageError(base + ["--by", "invoice", "--voucher", "X"])?.message
                == "option '--voucher' does not go with --by invoice")
        #expect(
            usageError(base + ["--by", "agency", "--collection", "TourOperator"])?.message
                == "'--by agency' is collected by the agency; it cannot have --collection TourOperator")
        #expect(usageError(base + ["--by", "agency", "B2"])?.message == "'pay' takes one BOOKING, but 2 were given")
        #expect(
            usageError(base + ["--by", "agency", "--scope", "Final"])?.message
                == "invalid value 'Final' for '--scope'; expected one of Deposit, Interim, Balance")
    }

    @Test("settle, fail, confirm and reopen")
    func statusChanges() throws {
        #expect(
            try parse(["settle", "--ledger", "ledger", "B", "P1", "--reference", "BANK-1"])
                == .changeStatus(
                    PaymentStatusCommand(
                        ledger: Self.ledger, bookingId: "B", paymentIds: ["P1"], action: .settle(reference: "BANK-1"))))
        #expect(
            try parse(["settle", "--ledger", "ledger", "B", "DEP", "P2", "--agency-settlement", "--reference", "AGY"])
                == .changeStatus(
                    PaymentStatusCommand(
                        ledger: Self.ledger, bookingId: "B", paymentIds: ["DEP", "P2"],
                        action: .agencySettlement(reference: "AGY"))))
        #expect(
            try parse(["fail", "--ledger", "ledger", "B", "P1", "--reason", "chargeback"])
                == .changeStatus(
                    PaymentStatusCommand(
                        ledger: Self.ledger, bookingId: "B", paymentIds: ["P1"], action: .fail(reason: "chargeback"))))
        #expect(
            try parse(["confirm", "--ledger", "ledger", "B", "P1"])
                == .changeStatus(
                    PaymentStatusCommand(ledger: Self.ledger, bookingId: "B", paymentIds: ["P1"], action: .confirm)))
        #expect(
            try parse(["reopen", "--ledger", "ledger", "B", "P1"])
                == .changeStatus(
                    PaymentStatusCommand(ledger: Self.ledger, bookingId: "B", paymentIds: ["P1"], action: .reopen)))

        #expect(usageError(["settle", "--ledger", "l"])?.message == "missing BOOKING and PAYMENT to settle")
        #expect(usageError(["confirm", "--ledger", "l", "B"])?.message == "missing PAYMENT to confirm")
        #expect(
            usageError(["settle", "--ledger", "l", "B", "P1", "P2"])?.message
                == "'settle' takes one PAYMENT, but 2 were given; settle several with --agency-settlement")
        #expect(
            usageError(["reopen", "--ledger", "l", "B", "P1", "P2"])?.message
                == "'reopen' takes one PAYMENT, but 2 were given")
        #expect(
            usageError(["settle", "--ledger", "l", "B", "P1", "--agency-settlement"])?.message
                == "--agency-settlement needs --reference")
        #expect(
            usageError(["fail", "--ledger", "l", "B", "P1"])?.message == "missing option '--reason TEXT' for 'fail'")
        #expect(
            usageError(["confirm", "--ledger", "l", "B", "P1", "--reference", "x"])?.message
                == "unknown option '--reference' for 'confirm'")
    }

    @Test("show and demo")
    func showAndDemo() throws {
        #expect(try parse(["show", "--ledger", "ledger"]) == .show(ShowCommand(ledger: Self.ledger)))
        #expect(
            try parse(["show", "--json", "--ledger", "ledger", "B", "--today", "2026-11-23"])
                == .show(
                    ShowCommand(
                        ledger: LedgerLocation(directory: "ledger", today: Self.today), bookingId: "B", json: true)))
        #expect(
            usageError(["show", "--ledger", "l", "A", "B"])?.message
                == "'show' takes at most one BOOKING, but 2 were given")
        #expect(
            usageError(["show", "--ledger", "l", "--today", "tomorrow"])?.message
                == "invalid date 'tomorrow' for '--today'; expected YYYY-MM-DD, such as 2026-11-23")
        #expect(try parse(["demo"]) == .demo(DemoCommand()))
        #expect(try parse(["demo", "--pretty", "--keep", "dir"]) == .demo(DemoCommand(pretty: true, keep: "dir")))
        #expect(usageError(["demo", "dir"])?.message == "unexpected argument 'dir'; 'demo' takes options only")
    }

    @Test("usage lines mark required, repeatable and two-value options")
    func usageLines() {
        #expect(
            BookCommand.spec.usageLine
                == "drv-payments book --ledger DIR --price AMOUNT CURRENCY --departure YYYY-MM-DD [--return YYYY-MM-DD] "
                + "[--traveller NAME]... [--email ADDRESS] [--agency NUMBER] [--collection COLLECTION] [--id ID] "
                + "[--seller NAME] [--branch NAME] [--phone NUMBER] [--account ACCOUNT] [--financed] "
                + "[--today YYYY-MM-DD]")
        #expect(
            ShowCommand.spec.usageLine == "drv-payments show --ledger DIR [--today YYYY-MM-DD] [--json] [BOOKING]")
        #expect(DemoCommand.spec.usageLine == "drv-payments demo [--pretty] [--keep DIR]")
    }

    @Test("a repeated single-value option is still a usage error; a repeatable one collects its values")
    func repetition() throws {
        #expect(
            usageError(["show", "--ledger", "a", "--ledger", "b"])?.message
                == "option '--ledger' is given more than once")
        let parsed = try CommandLineArguments.scan(
            [
                "--ledger", "l", "--traveller", "A B", "--traveller=C D", "--price", "1", "EUR", "--departure",
                "2027-01-01",
            ],
            for: .book)
        #expect(parsed.list("traveller") == ["A B", "C D"])
        #expect(parsed.list("price") == ["1", "EUR"])
        #expect(parsed.values["price"] == nil)
    }
}
