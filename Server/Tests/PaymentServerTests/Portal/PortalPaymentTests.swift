import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaymentLedger
import PaymentServer
import StringPayments
import Testing

@Suite struct PortalPaymentTests {
    typealias H = PortalHarness

    /// Starts a payment of a target and returns the hosted page's address.
    static func startPayment(
        _ browser: inout TestBrowser, _ client: any TestClientProtocol, target: String = "balance"
    ) async throws -> String {
        let csrf = try await browser.bookingCSRF(client)
        let answer = try await browser.post(client, "/portal/pay", [("csrf", csrf), ("target", target)])
        #expect(answer.status == .seeOther)
        return TestBrowser.location(answer)
    }

    @Test func payingTheBalanceThroughTheHostedPageEntersOneCustomerPayment() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let location = try await Self.startPayment(&browser, client)
            #expect(location.hasPrefix("/psp/pay?intent="))
            let (answer, returned) = try await browser.payOnHostedPage(client, from: location)
            #expect(answer.status == .seeOther)
            #expect(TestBrowser.location(answer).hasPrefix("/portal/return?outcome="))
            #expect(returned.status == .seeOther && TestBrowser.location(returned) == "/portal/booking")
            let booking = try #require(harness.ledger.booking(H.booking))
            #expect(booking.payments.count == 1)
            #expect(booking.payments.first?.amount == H.price)
            #expect(booking.payments.first?.status == .settled)
            #expect(booking.uncoveredAmount.isZero && booking.openAmount.amount.isZero)
            let page = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(page.contains("Thank you – your payment has been received."))
            #expect(page.contains("Nothing is left to pay"))
            #expect(
                harness.receipts.sent.withLock { $0 } == ["payment \(booking.payments[0].identifier.value) BK-P-1 en"])
            // Every change is the customer's, and the card number is nowhere in the journal.
            let history = try harness.ledger.history(of: H.booking)
            #expect(history.last?.stamp?.actor.rawValue == "customer:BK-P-1")
            let journal = try harness.journalBytes()
            #expect(journal.range(of: Data("4111111111111111".utf8)) == nil)
            #expect(journal.range(of: Data("Max Muster\u{0}123".utf8)) == nil)
        }
    }

    @Test func replayingTheFormOrTheReturnAddressDoesNotPayTwice() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let location = try await Self.startPayment(&browser, client)
            let page = try await browser.get(client, location)
            let html = String(buffer: page.body)
            let fields = [
                ("csrf", TestBrowser.field("csrf", in: html) ?? ""),
                ("intent", TestBrowser.field("intent", in: html) ?? ""),
                ("holder", "Max"), ("number", "4111 1111 1111 1111"), ("expiry", "08/2037"), ("cvc", "123"),
            ]
            let first = try await browser.post(client, "/psp/pay", fields)
            let second = try await browser.post(client, "/psp/pay", fields)
            #expect(first.status == .seeOther && second.status == .seeOther)
            _ = try await browser.get(client, TestBrowser.location(first))
            _ = try await browser.get(client, TestBrowser.location(first))
            _ = try await browser.get(client, TestBrowser.location(second))
            let booking = try #require(harness.ledger.booking(H.booking))
            #expect(booking.payments.count == 1)
            #expect(booking.payments.first?.amount == H.price)
            #expect(harness.gateway.capturedAmounts.count == 1)
            #expect(harness.receipts.sent.withLock { $0.count } == 1)
        }
    }

    @Test func anInstalmentPaysItsRemainderAndNeverMoreThanOwed() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let expected = try #require(harness.ledger.booking(H.booking)).expectedPayments(today: harness.ledger.today)
            let first = try #require(expected.first)
            let location = try await Self.startPayment(&browser, client, target: first.scheduled.identifier.value)
            _ = try await browser.payOnHostedPage(client, from: location)
            let booking = try #require(harness.ledger.booking(H.booking))
            #expect(booking.payments.map(\.amount) == [first.scheduled.amount])
            // Two intents for the balance: the second finds nothing left and the ledger refuses it.
            let one = try await Self.startPayment(&browser, client)
            let two = try await Self.startPayment(&browser, client)
            _ = try await browser.payOnHostedPage(client, from: one)
            _ = try await browser.payOnHostedPage(client, from: two)
            let after = try #require(harness.ledger.booking(H.booking))
            #expect(after.payments.filter { $0.status == .settled }.count == 2)
            #expect(after.uncoveredAmount.isZero && after.openAmount.amount.isZero)
            let page = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(page.contains("The payment could not be made") || page.contains("Nothing is left to pay"))
            // Nothing left: paying again goes nowhere.
            let csrf = try await browser.bookingCSRF(client)
            let nothing = try await browser.post(client, "/portal/pay", [("csrf", csrf), ("target", "balance")])
            #expect(TestBrowser.location(nothing) == "/portal/booking")
        }
    }

    @Test func aDeclinedCardChargesNothing() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let location = try await Self.startPayment(&browser, client)
            _ = try await browser.payOnHostedPage(client, from: location, number: "4000000000000002")
            let booking = try #require(harness.ledger.booking(H.booking))
            #expect(booking.paidAmount.isZero)
            #expect(booking.payments.first?.status == .failed)
            let page = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(page.contains("The card was declined"))
            #expect(harness.receipts.sent.withLock { $0.isEmpty })
        }
    }

    @Test func aChangedOrExpiredIntentOrOutcomeIsRefused() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let location = try await Self.startPayment(&browser, client)
            let token = String(location.dropFirst("/psp/pay?intent=".count).prefix { $0 != "&" })
            let parts = token.split(separator: ".")
            // Another payload with the old MAC.
            let forged = parts[0].dropLast(2) + "AA." + parts[1]
            #expect(try await browser.get(client, "/psp/pay?intent=\(forged)").status == .badRequest)
            #expect(try await browser.get(client, "/psp/pay").status == .badRequest)
            #expect(try await browser.get(client, "/portal/return?outcome=\(token)").status == .badRequest)
            harness.clock.advance(901)
            #expect(try await browser.get(client, location).status == .badRequest)
            #expect(harness.ledger.booking(H.booking)?.payments.isEmpty == true)
        }
    }

    @Test func theHostedPageNeedsItsOwnCSRFTokenAndRefusesABadCard() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            let location = try await Self.startPayment(&browser, client)
            let html = String(buffer: try await browser.get(client, location).body)
            let intent = TestBrowser.field("intent", in: html) ?? ""
            #expect(html.contains("€1,234.56") && html.contains("The card fee is added: 1.5 %"))
            #expect(html.contains("autocomplete=\"cc-number\""))
            let card = [("intent", intent), ("number", "4111111111111111"), ("expiry", "08/37"), ("cvc", "123")]
            #expect(try await browser.post(client, "/psp/pay", card).status == .forbidden)
            let portalToken = try await browser.bookingCSRF(client)
            #expect(try await browser.post(client, "/psp/pay", card + [("csrf", portalToken)]).status == .forbidden)
            let csrf = TestBrowser.field("csrf", in: html) ?? ""
            let bad = try await browser.post(
                client, "/psp/pay",
                [
                    ("csrf", csrf), ("intent", intent), ("number", "4111111111111112"),
                    ("expiry", "08/37"), ("cvc", "123"),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(!String(buffer: bad.body).contains("4111111111111112"))
            #expect(harness.ledger.booking(H.booking)?.payments.isEmpty == true)
            let cancelled = try await browser.post(client, "/psp/cancel", [("csrf", csrf), ("intent", intent)])
            #expect(TestBrowser.location(cancelled).hasPrefix("/portal/return?outcome="))
        }
    }

    @Test func approvingNeedsAStoredCardThenApprovesAllAndWithdraws() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            _ = try await browser.logIn(client)
            var csrf = try await browser.bookingCSRF(client)
            _ = try await browser.post(client, "/portal/approve", [("csrf", csrf), ("schedule", "all")])
            let noCard = String(buffer: try await browser.get(client, "/portal/booking").body)
            #expect(noCard.contains("Please save a card first."))
            #expect(harness.ledger.autopay(of: H.booking)?.approvals.isEmpty != false)

            csrf = try await browser.bookingCSRF(client)
            let toCard = try await browser.post(client, "/portal/card", [("csrf", csrf)])
            let (_, returned) = try await browser.payOnHostedPage(client, from: TestBrowser.location(toCard))
            #expect(TestBrowser.location(returned) == "/portal/booking")
            let stored = try #require(harness.ledger.autopay(of: H.booking)?.cards.first)
            #expect(stored.maskedNumber.hasSuffix("1111") && !stored.maskedNumber.contains("411111111111"))
            #expect(harness.ledger.booking(H.booking)?.payments.isEmpty == true)

            csrf = try await browser.bookingCSRF(client)
            _ = try await browser.post(client, "/portal/approve", [("csrf", csrf), ("schedule", "all")])
            let expected = try #require(harness.ledger.booking(H.booking)).expectedPayments(today: harness.ledger.today)
            let approvals = try #require(harness.ledger.autopay(of: H.booking)).approvals
            #expect(approvals.count == expected.count)
            #expect(approvals.allSatisfy { $0.approvedBy.rawValue == "customer:BK-P-1" && $0.cardId == stored.id })
            #expect(harness.receipts.sent.withLock { $0 } == ["approval \(expected.count) BK-P-1"])

            let first = expected[0].scheduled.identifier.value
            csrf = try await browser.bookingCSRF(client)
            let withdrawn = try await browser.post(client, "/portal/withdraw", [("csrf", csrf), ("schedule", first)])
            #expect(withdrawn.status == .seeOther)
            #expect(harness.ledger.autopay(of: H.booking)?.approval(for: expected[0].scheduled.identifier) == nil)
            #expect(
                try await browser.post(client, "/portal/withdraw", [("csrf", csrf), ("schedule", first)]).status
                    == .badRequest)
        }
    }

    @Test func actionsNeedALoggedInSession() async throws {
        let harness = try H()
        try await harness.test { client in
            var browser = TestBrowser()
            let page = try await browser.get(client, "/portal")
            let csrf = TestBrowser.field("csrf", in: String(buffer: page.body)) ?? ""
            for path in ["/portal/pay", "/portal/card", "/portal/approve", "/portal/withdraw"] {
                #expect(try await browser.post(client, path, [("csrf", csrf)]).status == .forbidden)
            }
            #expect(try await browser.get(client, "/portal/booking").status == .seeOther)
            #expect(try await browser.get(client, "/portal/return?outcome=x").status == .seeOther)
        }
    }
}
