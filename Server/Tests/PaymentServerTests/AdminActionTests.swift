import BankStatements
import Foundation
import PaymentLedger
import StringPayments
import Testing
import XMLCoding

@testable import PaymentServer

@Suite struct AdminActionTests {
    static let anna = StaffUser(name: "anna", role: .financial, passwordHash: "scrypt$")

    /// A ledger with one small booking (5.00 EUR) and three unassigned bank credits (10.00 EUR and more).
    static func ledger() throws -> (Ledger, Identifier) {
        let ledger = try Ledger()
        let departure = ledger.today.adding(days: 90)
        let id: Identifier = "BK-SMALL"
        _ = try ledger.createBooking(
            BookingDraft(
                id: id, agency: AgencyInformation(agency: "111111"), seller: "Anna", leadTraveller: "T1",
                travellers: [Traveller(identifier: "T1", prename: "Max", surname: "Muster", email: "max@example.com")],
                departureDate: departure, returnDate: departure.adding(days: 7),
                totalPrice: CurrencyAmount(minorUnitCount: 500, currency: .eur)))
        let statements = try CamtDecoder().decode(_CamtSampleGenerator.statement(entryCount: 3, version: 2))
        for statement in statements { try ledger.importBankStatement(statement) }
        return (ledger, id)
    }

    static func actions(_ ledger: Ledger, directory: URL) -> AdminActions {
        AdminActions(
            ledger: ledger, gateway: SimulatedPaymentGateway(),
            scheduler: Scheduler(
                ledger: ledger, gateway: SimulatedPaymentGateway(), configuration: SchedulerConfiguration(),
                dataDirectory: directory))
    }

    @Test func assignReleaseAndRefundAnOverpaidBookingAsTheStaffMember() async throws {
        let (ledger, id) = try Self.ledger()
        let actions = Self.actions(ledger, directory: FileManager.default.temporaryDirectory)
        let reference = try #require(ledger.unregisteredPayments.first { $0.state == .unassigned }?.reference)
        let assigned = try actions.assign(reference: reference, booking: id.value, by: Self.anna)
        #expect(assigned.refundableAmount == CurrencyAmount(minorUnitCount: 500, currency: .eur))
        // Not released yet: the ledger refuses the refund.
        await #expect(throws: AdminActions.Refusal.self) {
            _ = try await actions.refund(
                booking: id, amount: "5.00", method: "bank-transfer", reference: nil, by: Self.anna)
        }
        try actions.setRelease(true, booking: id, by: Self.anna)
        let refund = try await actions.refund(
            booking: id, amount: "5.00", method: "bank-transfer", reference: "OUT-1", by: Self.anna)
        #expect(refund.amount == CurrencyAmount(minorUnitCount: 500, currency: .eur))
        #expect(refund.status == .requested)
        try actions.addComment("called the customer", booking: id, by: Self.anna)
        let booking = try #require(ledger.booking(id))
        #expect(booking.comments.last?.stamp.actor == .user("anna"))
        #expect(booking.release?.stamp.actor == .user("anna"))
        let history = try ledger.history(of: id)
        #expect(history.suffix(4).allSatisfy { $0.stamp?.actor == .user("anna") })
    }

    @Test func refusalsCarryTheLedgersReason() throws {
        let (ledger, id) = try Self.ledger()
        let actions = Self.actions(ledger, directory: FileManager.default.temporaryDirectory)
        let missing = #expect(throws: AdminActions.Refusal.self) {
            try actions.assign(reference: "NOPE", booking: id.value, by: Self.anna)
        }
        #expect(missing?.message.contains("unknown-unregistered-payment") == true)
        #expect(throws: AdminActions.Refusal.self) { try actions.addComment("  ", booking: id, by: Self.anna) }
        #expect(throws: AdminActions.Refusal.self) { try actions.assign(reference: "x", booking: "", by: Self.anna) }
    }

    @Test func aBankStatementUploadImportsAsTheStaffMember() throws {
        let ledger = try Ledger()
        let actions = Self.actions(ledger, directory: FileManager.default.temporaryDirectory)
        let report = try actions.importBankStatement(_CamtSampleGenerator.statement(entryCount: 8), by: Self.anna)
        #expect(!report.received.isEmpty)
        #expect(report.skippedDebits.count == 1)
        #expect(throws: AdminActions.Refusal.self) { try actions.importBankStatement(Data("<x/>".utf8), by: Self.anna) }
    }

    @Test func multipartBodiesAreParsedAndMalformedOnesRefused() throws {
        let body = Data(
            ("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"statement\"; filename=\"s.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n<a>\r\n</a>\r\n--XyZ--\r\n").utf8)
        let boundary = try #require(MultipartForm.boundary(contentType: "multipart/form-data; boundary=XyZ"))
        let form = try #require(MultipartForm(body: body, boundary: boundary))
        #expect(form.parts.map(\.name) == ["csrf", "statement"])
        #expect(form.part(named: "statement")?.fileName == "s.xml")
        #expect(form.part(named: "statement")?.data == Data("<a>\r\n</a>".utf8))
        #expect(String(decoding: form.part(named: "csrf")?.data ?? Data(), as: UTF8.self) == "token")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm(body: Data("--XyZ\r\nno end".utf8), boundary: "XyZ") == nil)
        #expect(MultipartForm(body: Data("garbage".utf8), boundary: "XyZ") == nil)
    }

    @Test func staffPasswordsAreScryptHashedAndCheckedInConstantTime() throws {
        let cheap = StaffPasswordHash.Cost(n: 1 << 10, r: 8, p: 1)
        let stored = try StaffPasswordHash.make("correct horse battery", cost: cheap)
        #expect(stored.hasPrefix("scrypt$1024$8$1$"))
        #expect(!stored.contains("correct horse battery"))
        #expect(StaffPasswordHash.verify("correct horse battery", stored: stored))
        #expect(!StaffPasswordHash.verify("correct horse batterY", stored: stored))
        #expect(try StaffPasswordHash.make("correct horse battery", cost: cheap) != stored)  // salted
        // A crafted hash asking for a huge cost, or a malformed one, never matches.
        let parts = stored.split(separator: "$").map(String.init)
        #expect(
            !StaffPasswordHash.verify("correct horse battery", stored: "scrypt$1073741824$8$1$\(parts[4])$\(parts[5])"))
        #expect(!StaffPasswordHash.verify("x", stored: "scrypt$1024$8$1$$"))
        #expect(!StaffPasswordHash.verify("x", stored: "plain"))
        #expect(throws: ServerError.self) { try StaffPasswordHash.make("x", cost: .init(n: 1000, r: 8, p: 1)) }
        let directory = StaffDirectory([StaffUser(name: "anna", role: .financial, passwordHash: stored)])
        #expect(directory.authenticate(name: "anna", password: "correct horse battery")?.role == .financial)
        #expect(directory.authenticate(name: "anna", password: "wrong") == nil)
        #expect(directory.authenticate(name: "bob", password: "correct horse battery") == nil)
        #expect(StaffUser.isValidName("anna.b_1-x"))
        #expect(!StaffUser.isValidName("anna b"))
        #expect(!StaffUser.isValidName(""))
    }
}
