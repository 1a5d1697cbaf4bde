import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

// Writes small, real journals into Corpus/fuzz-journal (or the folder given as the only
// argument): each is a ledger's journal.log after a short lifecycle through the public API, so
// that the journal fuzzer starts from records that decode and apply. Each journal is written
// twice: as it is (NAME.journal) and with a leading 0x00 (NAME.repair), which tells the fuzz
// target to repair header and frame checksums after mutation (see JournalChecksumRepair in
// fuzz-journal). The first is also written without its 32-byte header (NAME-format1.journal),
// the header-less format 1 that the library still reads.
//
//   swift run --package-path Fuzz --scratch-path Fuzz/.build-seeds make-journal-seeds

let output =
    CommandLine.arguments.count > 1
    ? URL(fileURLWithPath: CommandLine.arguments[1])
    : URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // make-journal-seeds
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // Fuzz
        .appendingPathComponent("Corpus/fuzz-journal")

func date(_ text: String) -> XMLDate {
    guard let date = XMLDate(xmlLexicalForm: text) else { fatalError("bad date \(text)") }
    return date
}

func eur(_ cents: Int64) -> CurrencyAmount { CurrencyAmount(minorUnitCount: cents, currency: .eur) }

let bookingId: Identifier = "SRT-2026-004711"

func draft(priceCents: Int64 = 3456_00) -> BookingDraft {
    BookingDraft(
        id: bookingId, agency: AgencyInformation(agency: "123456", agentId: 17), seller: "Anna Schneider",
        branch: "Köln-Innenstadt", leadTraveller: "T1",
        travellers: [
            Traveller(
                identifier: "T1", salutation: "Herr", prename: "Max", surname: "Mustermann",
                email: "max.mustermann@example.de"),
            Traveller(identifier: "T2", salutation: "Frau", prename: "Erika", surname: "Mustermann"),
        ],
        departureDate: date("2027-06-14"), returnDate: date("2027-06-28"), totalPrice: eur(priceCents))
}

func agencyDeposit(cents: Int64) -> Payment {
    Payment(
        identifier: "DEP", collection: .agency, paymentScope: .deposit, paymentAmount: eur(cents),
        cashHolder: .assignedToBookingOwner(true), dates: PaymentDates(entryDate: date("2026-11-23")))
}

func cardBalance(cents: Int64) -> Payment {
    guard let number = CardNumber("4111111111111111"), let expiry = XMLYearMonth(year: 2037, month: 8),
        let code = SecurityCode("737")
    else { fatalError("bad card data") }
    let card = CreditCard(
        cardType: "VISA", cardNumber: number, expiryDate: expiry, holderName: "Max Mustermann", securityCode: code)
    return Payment(
        identifier: "BAL", collection: .tourOperator, paymentScope: .balance, formOfPayment: .creditCard,
        paymentAmount: eur(cents), cashHolder: .assignedToBookingOwner(true),
        specialisation: .creditCard(CreditCardPayment(creditCard: card)))
}

/// Runs a lifecycle against a ledger in a fresh directory and copies its journal to the output.
func seed(_ name: String, _ lifecycle: (Ledger) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("drv-journal-seed-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let ledger = try Ledger.open(
        directory: directory,
        configuration: LedgerConfiguration(clock: FixedClock(date("2026-11-23")), bookingReferenceSeed: 4711))
    try await lifecycle(ledger)
    ledger.close()
    let journal = try Data(contentsOf: directory.appendingPathComponent(FileJournal.fileName))
    try journal.write(to: output.appendingPathComponent(name + ".journal"))
    try (Data([0x00]) + journal).write(to: output.appendingPathComponent(name + ".repair"))
    print("\(output.appendingPathComponent(name).path).{journal,repair}: \(journal.count) bytes")
    if name == "booking", journal.starts(with: Array("DRVLEDGR".utf8)) {
        try journal.dropFirst(32).write(to: output.appendingPathComponent(name + "-format1.journal"))
    }
}

try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

try await seed("booking") { ledger in
    try ledger.createBooking(draft())
}
try await seed("agency-deposit-settled") { ledger in
    try ledger.createBooking(draft())
    try ledger.enterPayments([agencyDeposit(cents: 691_20)], bookingId: bookingId)
    try ledger.recordAgencySettlement(["DEP"], of: bookingId, reference: "AG-2026-11")
}
try await seed("card-balance-confirmed") { ledger in
    try ledger.createBooking(draft())
    try ledger.enterPayments([agencyDeposit(cents: 691_20)], bookingId: bookingId)
    try await ledger.processPayments(
        [cardBalance(cents: 2764_80)], bookingId: bookingId, gateway: SimulatedPaymentGateway(),
        vouchers: SimulatedVoucherValidator())
    try ledger.confirmPayment("BAL", of: bookingId)
}
try await seed("modified-then-cancelled") { ledger in
    try ledger.createBooking(draft())
    try ledger.enterPayments([agencyDeposit(cents: 691_20)], bookingId: bookingId)
    try ledger.modifyBooking(bookingId, totalPrice: eur(3600_00))
    try ledger.cancelBooking(bookingId)
}
