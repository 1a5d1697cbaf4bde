// TourOperatorExample: a tour operator answering agencies' STRING requests from its payment ledger.
//
//   swift run TourOperatorExample [--today YYYY-MM-DD] [REQUEST.xml ...]
//
// Without files it plays the booking story of Examples/lifecycle: quote, book with a deposit paid
// at the agency, balance by card, retrieve, balance paid again at the agency, retrieve. "Today"
// defaults to 2026-11-23, the day the story starts, so the output is the same on every run. In the
// story the real gateway keeps the card charge pending and then declines it; here the simulated
// gateway settles the Visa card at once, so step 5 (the agency paying BAL again) is refused: the
// ledger never takes a payment twice.

import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// Prints to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("TourOperatorExample: \(message)\n".utf8))
    exit(1)
}

// MARK: Command line

var arguments = Array(CommandLine.arguments.dropFirst())
var todayText = "2026-11-23"
if let flag = arguments.firstIndex(of: "--today"), flag + 1 < arguments.count {
    todayText = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
guard let today = XMLDate(xmlLexicalForm: todayText) else { fail("--today needs a date such as 2026-11-23") }

/// The request files: the arguments, or the lifecycle requests next to this example's folder.
let requestFiles: [URL]
if arguments.isEmpty {
    let lifecycle = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lifecycle")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: lifecycle.path)) ?? []
    requestFiles = names.filter { $0.hasSuffix("-request.xml") }.sorted().map { lifecycle.appendingPathComponent($0) }
    guard !requestFiles.isEmpty else { fail("no requests found in \(lifecycle.path)") }
} else {
    requestFiles = arguments.map { URL(fileURLWithPath: $0) }
}

// MARK: The reservation system's booking numbers

/// Gives a `Book` request without `BookingId` the tour operator's next booking number, so that
/// later requests can name it (the lifecycle's payments refer to SRT-2026-004711). Without this
/// step the ledger would generate a check-digit `BookingReference` itself.
struct ReservationSystem {
    var nextNumber = 4711

    mutating func numbered(_ request: Data) -> Data {
        guard case .bookingRequest(var booking)? = try? StringMessage.decode(from: request),
            booking.requestTrigger == .book, booking.bookingId == nil
        else { return request }  // anything else goes to the handler untouched
        let digits = String(nextNumber)
        booking.bookingId = Identifier("SRT-2026-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits)
        nextNumber += 1
        return (try? StringMessage.bookingRequest(booking).encoded()) ?? request
    }
}

// MARK: Ledger and handler

// A durable ledger: every change is appended to a journal in this directory (fsync per change,
// the default) and `Ledger.open` would replay it after a restart. `Ledger(configuration:)`
// without a journal keeps everything in memory instead.
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tour-operator-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: directory) }

let ledger: Ledger
do {
    ledger = try Ledger.open(directory: directory, configuration: LedgerConfiguration(clock: FixedClock(today)))
} catch {
    fail("cannot open the ledger: \(error)")
}
defer { ledger.close() }

// The handler validates each request against the STRING schema and the semantic rules, asks the
// (simulated) payment gateway about card payments, applies the request and answers with every
// payment of the booking. Responses are pretty-printed here for reading.
let handler = StringMessageHandler(
    ledger: ledger,
    configuration: StringMessageHandler.Configuration(encoding: XMLEncodingOptions(prettyPrinted: true)))

var reservations = ReservationSystem()
for file in requestFiles {
    let request: Data
    do {
        request = try Data(contentsOf: file)
    } catch {
        fail("cannot read \(file.path): \(error.localizedDescription)")
    }
    let handled = await handler.handle(reservations.numbered(request))
    let kind = handled.request.map { "\($0.kind.rawValue) → " } ?? ""
    print("=== \(file.lastPathComponent): \(kind)\(handled.response.kind.rawValue), \(handled.outcome.rawValue)")
    print(String(decoding: handled.responseData, as: UTF8.self))
    print()
}

// What the back office sees afterwards: each booking's balance, as of today.
print("=== Ledger on \(today): \(ledger.bookingCount) booking(s), \(ledger.eventCount) event(s)")
for booking in ledger.bookings {
    let overview = booking.overview(today: today)
    print(
        "\(booking.id): \(booking.payments.count) payment(s), paid \(overview.paidAmount), open \(overview.openAmount)")
}
