import Foundation
import PaymentLedger
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// The balances-owing export: valid against its XSD (the project's validator and xmllint), one
/// client per customer with each owing departure, zero balances and cancelled bookings left out,
/// several currencies; the upload to a receiver on 127.0.0.1; every error code.
@Suite struct BalancesExportTests {
    static let today = XMLDate(daysSinceEpoch: 20_780)  // 2026-11-23
    static let generatedAt = Date(timeIntervalSince1970: 1_795_420_800)  // 2026-11-23T08:00:00Z

    static func export(
        _ ledger: Ledger, template: String? = "https://pay.example.com/balance?ref={reference}&src=xml",
        pretty: Bool = true
    ) throws -> Data {
        var data = Data()
        var chunks = 0
        try BalancesExport(
            options: BalancesExportOptions(
                asOf: today, generatedAt: generatedAt, paymentLinkTemplate: template, prettyPrinted: pretty)
        ).write(ledger) { chunk in
            chunks += 1
            #expect(chunk.count <= 70_000, "the writer hands out bounded chunks")
            data.append(chunk)
        }
        return data
    }

    // The format, decoded with the project's own decoder.
    struct Document: Decodable {
        var clients: [Client]
        var summary: Summary
        var asOf: String
        enum CodingKeys: String, XMLCodingKey {
            case clients = "Client", summary = "Summary", asOf = "AsOf"
            var xmlNodeKind: XMLNodeKind { self == .asOf ? .attribute : .element }
        }
    }
    struct Client: Decodable {
        var name: String?
        var email: String?
        var departures: [Departure]
        enum CodingKeys: String, XMLCodingKey { case name = "Name", email = "Email", departures = "Departure" }
    }
    struct Departure: Decodable {
        var bookingReference: String
        var departureDate: String
        var currency: String
        var total: String
        var fees: String
        var paid: String
        var owing: String
        var nextDue: NextDue?
        var paymentLink: String?
        enum CodingKeys: String, XMLCodingKey {
            case bookingReference = "BookingReference", departureDate = "DepartureDate", currency = "Currency"
            case total = "Total", fees = "Fees", paid = "Paid", owing = "Owing", nextDue = "NextDue"
            case paymentLink = "PaymentLink"
        }
    }
    struct NextDue: Decodable {
        var dueDate: String
        var amount: String
        enum CodingKeys: String, XMLCodingKey { case dueDate = "DueDate", amount = "Amount" }
    }
    struct Summary: Decodable {
        var clients: Int
        var departures: Int
        var totals: [CurrencyTotal]
        enum CodingKeys: String, XMLCodingKey {
            case clients = "Clients", departures = "Departures", totals = "CurrencyTotal"
            var xmlNodeKind: XMLNodeKind { self == .totals ? .element : .attribute }
        }
    }
    struct CurrencyTotal: Decodable {
        var currency: String
        var departures: Int
        var owing: String
        enum CodingKeys: String, XMLCodingKey {
            case currency = "Currency", departures = "Departures", owing = "Owing"
            var xmlNodeKind: XMLNodeKind { .attribute }
        }
    }

    static func decode(_ data: Data) throws -> Document {
        try XMLDecoder().decode(
            Document.self, from: data, validatingAgainst: try BalancesSchemas.schema(),
            rootElement: XMLQualifiedName(namespace: BalancesSchemas.namespace, localName: "BalancesOwing"))
    }

    /// `xmllint --noout --schema` as an independent check, when xmllint is installed.
    static func xmllint(_ data: Data) throws -> (ran: Bool, valid: Bool, output: String) {
        let path = "/usr/bin/xmllint"
        guard FileManager.default.isExecutableFile(atPath: path) else { return (false, false, "") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("balances-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("balances.xml")
        try data.write(to: document)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--noout", "--schema", TestSupport.url("Schemas/balances/BalancesOwing.xsd").path, document.path,
        ]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (true, process.terminationStatus == 0, output)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func exportsOfGeneratedLedgersAreValidAndComplete(seed: UInt64) throws {
        let ledger = try BackOfficeListTests.sampleLedger(count: 300, seed: seed)
        let data = try Self.export(ledger, pretty: seed != 12)
        #expect(try BalancesSchemas.schema().validate(data).isEmpty)
        let lint = try Self.xmllint(data)
        if lint.ran { #expect(lint.valid, "\(lint.output)") }
        let document = try Self.decode(data)
        #expect(document.asOf == "2026-11-23")

        let owing = ledger.bookings.filter { $0.state == .booked && $0.openAmount.amount > 0 }
        let written = document.clients.flatMap(\.departures)
        #expect(Set(written.map(\.bookingReference)) == Set(owing.map(\.id.value)))
        #expect(written.count == owing.count)
        #expect(ledger.bookings.contains { $0.state == .cancelled }, "the sample has cancelled bookings")
        #expect(ledger.bookings.contains { $0.state == .booked && $0.openAmount.amount <= 0 }, "and zero balances")
        #expect(document.clients.contains { $0.departures.count > 1 }, "clients with several departures")
        #expect(Set(written.map(\.currency)).count >= 3, "several currencies")
        #expect(document.summary.clients == document.clients.count)
        #expect(document.summary.departures == owing.count)

        for departure in written {
            let booking = try #require(ledger.booking(Identifier(stringLiteral: departure.bookingReference)))
            #expect(departure.currency == booking.currency.code)
            #expect(departure.total == booking.totalPrice.formattedAmount)
            #expect(departure.fees == booking.totalFees.formattedAmount)
            #expect(departure.paid == booking.paidAmount.formattedAmount)
            #expect(departure.owing == booking.openAmount.formattedAmount)
            #expect(departure.departureDate == booking.departureDate.xmlLexicalForm)
            let next = booking.overview(today: Self.today).nextDue
            #expect(departure.nextDue?.dueDate == next?.dueDate.xmlLexicalForm)
            #expect(departure.nextDue?.amount == next?.amount.formattedAmount)
            #expect(departure.paymentLink == "https://pay.example.com/balance?ref=\(booking.id.value)&src=xml")
        }
        // One client per customer: every departure of a client has the client's email (or name).
        var clientOf: [String: Int] = [:]
        for (index, client) in document.clients.enumerated() {
            let key = client.email.map { "e:" + $0.lowercased() } ?? "n:" + (client.name ?? "").lowercased()
            #expect(clientOf[key] == nil, "client \(key) is written once")
            clientOf[key] = index
            let dates = client.departures.map(\.departureDate)
            #expect(dates == dates.sorted(), "departures in date order")
            for departure in client.departures {
                let booking = try #require(ledger.booking(Identifier(stringLiteral: departure.bookingReference)))
                #expect(booking.customerEmail == client.email)
                #expect(booking.displayCustomerName == client.name)
            }
        }
        for total in document.summary.totals {
            let inCurrency = owing.filter { $0.currency.code == total.currency }
            #expect(total.departures == inCurrency.count)
            let sum = inCurrency.reduce(Decimal(0)) { $0 + $1.openAmount.amount }
            #expect(total.owing == CurrencyAmount(amount: sum, currency: inCurrency[0].currency).formattedAmount)
        }
        // The same ledger gives the same bytes.
        #expect(try Self.export(ledger, pretty: seed != 12) == data)
    }

    @Test func anEmptyLedgerGivesAValidDocumentWithoutClients() throws {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        let data = try Self.export(ledger, template: nil)
        #expect(try BalancesSchemas.schema().validate(data).isEmpty)
        let document = try Self.decode(data)
        #expect(document.clients.isEmpty && document.summary.departures == 0 && document.summary.totals.isEmpty)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("GeneratedAt=\"2026-11-23T08:00:00Z\""))
    }

    @Test func namesAreEscapedAndCharactersXMLForbidsAreReplaced() throws {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        try ledger.createBooking(
            BookingDraft(
                id: "ESC-1", leadTraveller: "T1",
                travellers: [Traveller(identifier: "T1", prename: "A&B", surname: "<O'Brien>\u{1}\"x\"\r")],
                customerEmail: "a&b@example.com", departureDate: Self.today.adding(days: 100),
                totalPrice: CurrencyAmount(minorUnitCount: 50_000, currency: .eur)))
        let data = try Self.export(ledger, template: "https://pay.example.com/p/{reference}")
        #expect(try BalancesSchemas.schema().validate(data).isEmpty)
        let client = try #require(try Self.decode(data).clients.first)
        #expect(client.name == "A&B <O'Brien>\u{FFFD}\"x\"\r")
        #expect(client.email == "a&b@example.com")
        #expect(client.departures.first?.paymentLink == "https://pay.example.com/p/ESC-1")
    }

    @Test func writingToAFileReplacesItWhole() throws {
        let ledger = try BackOfficeListTests.sampleLedger(count: 50, seed: 21)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("balances.xml")
        try Data("old".utf8).write(to: file)
        let summary = try BalancesExport(options: BalancesExportOptions(asOf: Self.today)).write(ledger, to: file)
        let data = try Data(contentsOf: file)
        #expect(data.count == summary.byteCount)
        #expect(try BalancesSchemas.schema().validate(data).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["balances.xml"])
    }

    @Test func theBundledSchemaIsTheRepositoryFile() throws {
        let file = try Data(contentsOf: TestSupport.url("Schemas/balances/BalancesOwing.xsd"))
        #expect(BalancesSchemas.documents == [BalancesSchemas.fileName: file])
    }

    // MARK: Upload

    static func exportFile(_ ledger: Ledger) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString).xml")
        try BalancesExport(options: BalancesExportOptions(asOf: today)).write(ledger, to: file)
        return file
    }

    @Test(arguments: [BalancesUploadOptions.Method.put, .post])
    func theUploadRetriesUntilTheReceiverTakesIt(method: BalancesUploadOptions.Method) async throws {
        let receiver = try LocalHTTPReceiver(statuses: [503, 500, 201])
        defer { receiver.stop() }
        let file = try Self.exportFile(try BackOfficeListTests.sampleLedger(count: 80, seed: 31))
        defer { try? FileManager.default.removeItem(at: file) }
        let uploader = BalancesUploader(
            options: BalancesUploadOptions(
                url: receiver.url(), method: method, maximumAttempts: 4, initialBackoff: .milliseconds(10),
                headers: ["Authorization": "Bearer test"]))
        let report = try await uploader.upload(file: file)
        #expect(report.succeeded)
        #expect(report.attempts.map(\.statusCode) == [503, 500, 201])
        let requests = receiver.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.method == method.rawValue && $0.path == "/balances.xml" })
        #expect(requests.last?.body == (try Data(contentsOf: file)))
        #expect(requests.last?.headers["authorization"] == "Bearer test")
        #expect(requests.last?.headers["content-type"]?.hasPrefix("application/xml") == true)
        #expect(report.description.contains("attempt 1: HTTP 503"))
    }

    // MARK: Error codes

    /// Every `BalancesExportError.Code` with a test that produces it.
    static let codesWithTests: [BalancesExportError.Code] = [
        .invalidPaymentLink, .invalidUploadURL, .writeFailed, .uploadFailed,
    ]

    @Test func everyCodeHasATest() {
        #expect(Self.codesWithTests.map(\.rawValue) == BalancesExportError.Code.all.map(\.rawValue))
    }

    @Test func invalidPaymentLink() throws {
        let ledger = try Ledger(configuration: LedgerConfiguration(clock: FixedClock(Self.today)))
        for template in ["ftp://pay.example.com/{reference}", "pay.example.com/{reference}", "https:///{reference}"] {
            #expect(throws: BalancesExportError.self) {
                try BalancesExport(options: BalancesExportOptions(paymentLinkTemplate: template)).write(ledger) { _ in }
            }
            do {
                try BalancesExport(options: BalancesExportOptions(paymentLinkTemplate: template)).write(ledger) { _ in }
            } catch {
                #expect(error.code == .invalidPaymentLink)
            }
        }
    }

    @Test func writeFailed() throws {
        struct Refused: Error {}
        let ledger = try BackOfficeListTests.sampleLedger(count: 20, seed: 41)
        do {
            try BalancesExport().write(ledger) { _ in throw Refused() }
            Issue.record("the export ignored the sink's error")
        } catch {
            #expect(error.code == .writeFailed)
        }
        do {
            try BalancesExport().write(ledger, to: URL(fileURLWithPath: "/no/such/directory/balances.xml"))
            Issue.record("the export wrote into a missing directory")
        } catch {
            #expect(error.code == .writeFailed)
        }
    }

    @Test func invalidUploadURL() async throws {
        let uploader = BalancesUploader(
            options: BalancesUploadOptions(url: URL(fileURLWithPath: "/tmp/balances.xml")))
        do {
            _ = try await uploader.upload(file: URL(fileURLWithPath: "/dev/null"))
            Issue.record("a file URL was accepted")
        } catch {
            #expect(error.code == .invalidUploadURL)
        }
    }

    @Test func uploadFailed() async throws {
        let file = try Self.exportFile(try BackOfficeListTests.sampleLedger(count: 10, seed: 51))
        defer { try? FileManager.default.removeItem(at: file) }
        // A refusal that sending again cannot change is not retried.
        let refusing = try LocalHTTPReceiver(statuses: [403])
        defer { refusing.stop() }
        do {
            _ = try await BalancesUploader(
                options: BalancesUploadOptions(
                    url: refusing.url(), maximumAttempts: 3, initialBackoff: .milliseconds(1))
            ).upload(file: file)
            Issue.record("a 403 was taken for success")
        } catch {
            #expect(error.code == .uploadFailed)
            #expect(error.uploadReport?.attempts.map(\.statusCode) == [403])
        }
        // Nobody listening: every attempt fails without an answer.
        let gone = try LocalHTTPReceiver()
        let url = gone.url()
        gone.stop()
        do {
            _ = try await BalancesUploader(
                options: BalancesUploadOptions(url: url, maximumAttempts: 2, initialBackoff: .milliseconds(1))
            ).upload(file: file)
            Issue.record("an upload to a closed port succeeded")
        } catch {
            #expect(error.code == .uploadFailed)
            #expect(error.uploadReport?.attempts.count == 2)
            #expect(error.uploadReport?.attempts.allSatisfy { $0.statusCode == nil && $0.failure != nil } == true)
        }
    }
}
