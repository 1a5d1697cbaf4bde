import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

@testable import PaymentLedger

/// A ledger journaled in a directory survives a crash at any byte: re-opened, it is the ledger as
/// of the last complete change; damage before the end is refused with its offset.
@Suite("Ledger crash safety")
struct LedgerCrashSafetyTests {
    typealias Kit = LedgerTestKit

    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("LedgerCrashSafetyTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func configuration() throws -> LedgerConfiguration {
        LedgerConfiguration(clock: FixedClock(try Kit.date(Kit.bookingDayText)), bookingReferenceSeed: 2026)
    }

    private func journalBytes(in directory: URL) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(FileJournal.fileName))
    }

    /// The ledger after each change, with the journal's length then.
    struct History {
        var bookings: [[LedgerBooking]] = []
        var eventCounts: [Int] = []
        var fileLengths: [Int] = []
    }

    /// Makes a few changes in a journaled ledger in `directory`, the last one several events
    /// long, and closes it.
    private func writeHistory(in directory: URL) throws -> History {
        var history = History()
        let ledger = try Ledger.open(directory: directory, configuration: try configuration())
        func mark() throws {
            history.bookings.append(ledger.bookings)
            history.eventCounts.append(ledger.eventCount)
            history.fileLengths.append(try journalBytes(in: directory).count)
        }
        try mark()
        let first = try ledger.createBooking(try Kit.draft()).booking.id
        try mark()
        try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: first)
        try mark()
        let second = try ledger.createBooking(try Kit.draft(id: "SRT-SECOND", priceCents: 1200_00)).booking.id
        try mark()
        try ledger.recordAgencySettlement(["DEP"], of: first, reference: "AGY-1")
        try mark()
        try ledger.modifyBooking(first, totalPrice: Kit.eur(3600_00))
        try mark()
        // The last change: a cancellation that also fails two open payments, several records.
        try ledger.enterPayments(
            [
                Kit.agencyPayment("DEP", cents: 240_00), Kit.invoicePayment("BAL", cents: 500_00),
                Kit.invoicePayment("P2", cents: 100_00),
            ],
            bookingId: second)
        try mark()
        try ledger.cancelBooking(second)
        try mark()
        ledger.close()
        #expect(Set(history.fileLengths).count == history.fileLengths.count, "a change wrote nothing")
        return history
    }

    @Test func reopeningAfterACleanCloseReproducesTheLedger() throws {
        try withTemporaryDirectory { directory in
            let history = try writeHistory(in: directory)
            let reopened = try Ledger.open(directory: directory, configuration: try configuration())
            defer { reopened.close() }
            #expect(reopened.bookings == history.bookings.last)
            #expect(reopened.eventCount == history.eventCounts.last)
            #expect(reopened.booking("SRT-SECOND")?.state == .cancelled)

            // It goes on from there, and that survives another restart.
            let first = try #require(reopened.bookings.first?.id)
            try reopened.confirmPayment("DEP", of: first)
            let expected = reopened.bookings
            reopened.close()
            let again = try Ledger.open(directory: directory, configuration: try configuration())
            defer { again.close() }
            #expect(again.bookings == expected)
        }
    }

    @Test func aBookRequestSentAgainAfterARestartBooksNothing() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("LedgerCrashSafetyTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = try TestSupport.data("Examples/lifecycle/02-book-request.xml")

        let ledger = try Ledger.open(directory: directory, configuration: try configuration())
        let first = await StringMessageHandler(ledger: ledger).handle(request)
        #expect(first.outcome == .applied)
        let bookings = ledger.bookings
        ledger.close()

        let reopened = try Ledger.open(directory: directory, configuration: try configuration())
        defer { reopened.close() }
        let events = reopened.eventCount
        let again = await StringMessageHandler(ledger: reopened).handle(request)
        #expect(again.outcome == .unchanged)
        #expect(again.responseData == first.responseData)
        #expect(reopened.bookings == bookings)
        #expect(reopened.eventCount == events)
    }

    @Test func aClosedLedgerRefusesChangesAndASecondOpenIsRefused() throws {
        try withTemporaryDirectory { directory in
            let ledger = try Ledger.open(directory: directory, configuration: try configuration())
            let id = try ledger.createBooking(try Kit.draft()).booking.id

            // The directory is locked while the ledger is open.
            do {
                let second = try Ledger.open(directory: directory, configuration: try configuration())
                second.close()
                Issue.record("a second ledger opened the same journal")
            } catch let error as LedgerError {
                #expect(error.code == .journalFailure)
                #expect(error.journalError?.code == .ioError)
            }

            ledger.close()
            let bookings = ledger.bookings
            let events = ledger.eventCount
            do {
                try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 691_20)], bookingId: id)
                Issue.record("a closed ledger took a change")
            } catch let error as LedgerError {
                #expect(error.code == .journalFailure)
                #expect(error.journalError?.code == .closed)
            }
            #expect(ledger.bookings == bookings)
            #expect(ledger.eventCount == events)
            // Reads still work, and the journal can be opened again.
            #expect(ledger.booking(id) != nil)
            let reopened = try Ledger.open(directory: directory, configuration: try configuration())
            defer { reopened.close() }
            #expect(reopened.bookings == bookings)
        }
    }

    @Test func groupCommitKeepsEveryChangeAcrossACleanClose() throws {
        try withTemporaryDirectory { directory in
            let options = FileJournalOptions(durability: .groupCommit(maxRecords: 1_000, maxDelay: .seconds(600)))
            let ledger = try Ledger.open(
                directory: directory, configuration: try configuration(), journalOptions: options)
            var ids: [Identifier] = []
            for index in 0..<20 {
                let id = try ledger.createBooking(try Kit.draft(priceCents: 1000_00 + Int64(index))).booking.id
                try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 100_00)], bookingId: id)
                ids.append(id)
            }
            try ledger.recordAgencySettlement(["DEP"], of: ids[3], reference: "AGY")
            let expected = ledger.bookings
            ledger.close()
            let reopened = try Ledger.open(directory: directory, configuration: try configuration())
            defer { reopened.close() }
            #expect(reopened.bookings == expected)
            #expect(reopened.booking(ids[3])?.payment("DEP")?.status == .settled)
        }
    }

    /// Every kind of data a booking and its payments hold, in three currencies, through the file
    /// journal and back.
    @Test func reopeningReproducesEveryKindOfContent() throws {
        try withTemporaryDirectory { directory in
            let clock = AdjustableLedgerClock(try Kit.date(Kit.bookingDayText))
            let configuration = LedgerConfiguration(
                paymentTerms: PaymentTermsPolicy(
                    depositPercentage: Decimal(string: "33.3333") ?? 0, interimInstalments: 3,
                    minimumDeposit: nil),
                cancellationChargePercentage: Decimal(string: "12.5") ?? 0, clock: clock, bookingReferenceSeed: 99)
            let ledger = try Ledger.open(directory: directory, configuration: configuration)
            let person = PersonDetails(
                salutation: "Frau", prename: "Zoë", surname: "Müller-Lüdenscheidt", street: "Hohe Straße 1 & 2",
                postalCode: "50667", city: "Köln", countryCode: CountryCode("DE"), email: "zoe@example.de",
                phone: "+49 221 000000")
            let options = [
                PaymentOption(
                    collection: .tourOperator, formOfPayment: .creditCard,
                    fixedFee: CurrencyAmount(amount: Decimal(string: "2.50") ?? 0, currency: .chf),
                    percentFee: Percentage(Decimal(string: "1.9999") ?? 0), acceptedCardTypes: ["VISA", "MasterCard"],
                    paymentServiceProvider: PaymentServiceProvider(
                        name: "PayRhein", logoURL: "https://example.com/l.png", description: "<PSP> \"quoted\""),
                    description: "Karte 💳"),
                PaymentOption(formOfPayment: .directDebit), PaymentOption(formOfPayment: .eBanking),
                PaymentOption(formOfPayment: .eWallet), PaymentOption(formOfPayment: .installment),
                PaymentOption(formOfPayment: .voucher), PaymentOption(collection: .agency, formOfPayment: .invoice),
            ]
            let chf = try ledger.createBooking(
                BookingDraft(
                    id: "CHF-Zürich-1", agency: AgencyInformation(agency: "123456", agentId: 2_147_483_647),
                    seller: "Anna", branch: "Köln-Innenstadt", leadTraveller: "T2",
                    travellers: [
                        Traveller(identifier: "T1", surname: "A", birthDate: try Kit.date("1980-02-29")),
                        Traveller(
                            identifier: "T2", salutation: "Frau", prename: "Zoë", surname: "Müller",
                            email: "z@example.ch"),
                    ],
                    departureDate: try Kit.date("2027-12-31"), returnDate: try Kit.date("2028-01-14"),
                    totalPrice: CurrencyAmount(amount: Decimal(string: "12345.65") ?? 0, currency: .chf),
                    paymentOptions: options)
            ).booking.id
            let card = CreditCardPayment(
                creditCard: CreditCard(
                    cardType: "VISA", cardNumber: CardNumber("4012888888881881"),
                    expiryDate: try #require(XMLYearMonth(year: 2031, month: 12)), holderName: "Zoë Müller",
                    securityCode: SecurityCode("1234")),
                pciToken: "tok_abc", pciTokenIssuer: "PayRhein")
            let chfAmount = { (text: String) in CurrencyAmount(amount: Decimal(string: text) ?? 0, currency: .chf) }
            try ledger.enterPayments(
                [
                    Payment(
                        identifier: "CARD", collection: .tourOperator, paymentScope: .deposit,
                        formOfPayment: .creditCard,
                        paymentAmount: chfAmount("1000.05"),
                        paymentServiceProvider: PaymentServiceProvider(name: "PayRhein"),
                        cashHolder: .ownerDetails(person), specialisation: .creditCard(card)),
                    Payment(
                        identifier: "SEPA", paymentScope: .interim, formOfPayment: .directDebit,
                        paymentAmount: chfAmount("10"),
                        cashHolder: .assignedToTraveller("T1"),
                        specialisation: .directDebit(
                            DirectDebitPayment(
                                iban: try #require(IBAN("DE89370400440532013000")), bic: BIC("COBADEFFXXX"),
                                accountHolder: "Zoë", mandateReference: "M-1", mandateDate: try Kit.date("2026-11-01")))
                    ),
                    Payment(
                        identifier: "EBANK", paymentScope: .interim, formOfPayment: .eBanking,
                        paymentAmount: chfAmount("0.05"),
                        specialisation: .eBanking(EBankingPayment(provider: "Giropay", transactionReference: "GP-1"))),
                    Payment(
                        identifier: "WALLET", paymentScope: .interim, formOfPayment: .eWallet,
                        paymentAmount: chfAmount("7.5"),
                        specialisation: .eWallet(
                            EWalletPayment(provider: "PayPal", accountId: "a@b.c", transactionReference: "PP"))),
                    Payment(
                        identifier: "INST", paymentScope: .balance, formOfPayment: .installment,
                        paymentAmount: chfAmount("300.00"),
                        specialisation: .installment(
                            InstallmentPayment(installments: [
                                Installment(
                                    number: 1, dueDate: try Kit.date("2027-01-01"), amount: chfAmount("100.00")),
                                Installment(number: 2, dueDate: try Kit.date("2027-02-01"), amount: chfAmount("200")),
                            ]))),
                    Payment(
                        identifier: "VOUCH", paymentScope: .interim, formOfPayment: .voucher,
                        paymentAmount: chfAmount("50"),
                        specialisation: .voucher(VoucherPayment(voucherCode: "TRAVEL-50", voucherIssuer: "SRT"))),
                    Payment(
                        identifier: "AGY", collection: .agency, paymentScope: .deposit, formOfPayment: .invoice,
                        paymentAmount: chfAmount("99.99"), cashHolder: .assignedToBookingOwner(false),
                        dates: PaymentDates(entryDate: try Kit.date("2026-11-20")), specialisation: .invoice),
                ],
                bookingId: chf,
                outcomes: [
                    "CARD": .settled(transactionReference: "TX-ü-1", authorizationCode: "000000"),
                    "SEPA": .pending(transactionReference: nil),
                    "EBANK": .failed(reason: "Abgelehnt: \"Konto\" <gesperrt> & mehr 🚫", transactionReference: ""),
                    "WALLET": .settled(transactionReference: nil, authorizationCode: nil),
                    "VOUCH": .settled(transactionReference: "VOUCHER-TRAVEL-50", authorizationCode: nil),
                ])
            clock.advance(days: 3)
            try ledger.recordAgencySettlement(["AGY"], of: chf, reference: String(repeating: "R", count: 300))
            try ledger.modifyBooking(
                chf, totalPrice: CurrencyAmount(amount: Decimal(string: "13000") ?? 0, currency: .chf),
                travellers: ([Traveller(identifier: "T3", surname: "Neu", email: "neu@example.ch")], "T3"))

            // Yen without minor units; dinar with three.
            let yen = try ledger.createBooking(
                BookingDraft(
                    departureDate: try Kit.date("2027-04-01"),
                    totalPrice: CurrencyAmount(amount: 486_000, currency: .jpy))
            ).booking.id
            try ledger.enterPayments(
                [
                    Payment(
                        identifier: "DEP", collection: .agency, paymentScope: .deposit,
                        paymentAmount: CurrencyAmount(amount: 97_200, currency: .jpy))
                ],
                bookingId: yen)
            let dinar = try ledger.createBooking(
                BookingDraft(
                    departureDate: try Kit.date("2027-04-01"),
                    totalPrice: CurrencyAmount(amount: Decimal(string: "1234.567") ?? 0, currency: .kwd))
            ).booking.id
            try ledger.enterPayments(
                [
                    Payment(
                        identifier: "DEP", collection: .agency, paymentScope: .deposit,
                        paymentAmount: CurrencyAmount(amount: Decimal(string: "0.001") ?? 0, currency: .kwd))
                ],
                bookingId: dinar)
            try ledger.cancelBooking(dinar)
            // A price with all 18 digits.
            let large = try ledger.createBooking(
                try Kit.draft(id: "LARGE", priceCents: 1_234_567_890_123_456_78)
            ).booking.id
            try ledger.enterPayments([Kit.agencyPayment("DEP", cents: 999_999_999_999_999_99)], bookingId: large)

            let expected = ledger.bookings
            let events = ledger.eventCount
            ledger.close()

            let reopened = try Ledger.open(directory: directory, configuration: configuration)
            defer { reopened.close() }
            #expect(reopened.eventCount == events)
            #expect(reopened.bookings.count == expected.count)
            for (actual, original) in zip(reopened.bookings, expected) {
                #expect(actual == original, "booking \(original.id) differs after replay")
                for (payment, originalPayment) in zip(actual.payments, original.payments) {
                    #expect(payment == originalPayment, "payment \(original.id)/\(originalPayment.identifier)")
                    #expect(payment.specialisation == originalPayment.specialisation)
                    #expect(payment.cashHolder == originalPayment.cashHolder)
                    #expect(payment.serviceProvider == originalPayment.serviceProvider)
                }
                #expect(actual.paymentOptions == original.paymentOptions)
                #expect(actual.schedule == original.schedule)
                #expect(actual.travellers == original.travellers)
                #expect(actual.overview(today: clock.today()) == original.overview(today: clock.today()))
            }
            // The card number never reached the disk.
            let text = String(decoding: try journalBytes(in: directory), as: UTF8.self)
            #expect(!text.contains("4012888888881881"))
            // Every record decodes to an event that encodes to the same bytes, and holds no secret.
            let records = try #require(reopened.journal).replay()
            #expect(records.count == events)
            for (number, record) in records.enumerated() {
                let decoded = try LedgerRecordCodec.decodeRecord(record)
                let event = decoded.event
                #expect(
                    LedgerRecordCodec.encode(event, stamp: decoded.stamp) == record,
                    "record \(number + 1) re-encodes differently")
                if case .paymentEntered(_, let payment) = event, case .creditCard(let card) = payment.specialisation {
                    #expect(card.creditCard?.cardNumber == nil)
                    #expect(card.creditCard?.securityCode == nil)
                    #expect(card.creditCard?.maskedCardNumber == "401288******1881")
                }
            }
        }
    }

    @Test func aTornLastChangeIsDroppedWholeAtEveryByte() throws {
        try withTemporaryDirectory { directory in
            let history = try writeHistory(in: directory)
            let bytes = try journalBytes(in: directory)
            let count = history.fileLengths.count
            let start = history.fileLengths[count - 2]
            let end = history.fileLengths[count - 1]
            #expect(end == bytes.count)
            let previous = history.bookings[count - 2]
            let crashed = directory.appendingPathComponent("crashed", isDirectory: true)
            try FileManager.default.createDirectory(at: crashed, withIntermediateDirectories: true)
            let crashedFile = crashed.appendingPathComponent(FileJournal.fileName)

            for cut in start..<end {
                try bytes.prefix(cut).write(to: crashedFile)
                let ledger: Ledger
                do {
                    ledger = try Ledger.open(directory: crashed, configuration: try configuration())
                } catch {
                    Issue.record("cut at byte \(cut) of \(start)..<\(end): \(error)")
                    continue
                }
                #expect(ledger.bookings == previous, "cut at byte \(cut) of \(start)..<\(end)")
                #expect(ledger.eventCount == history.eventCounts[count - 2], "cut at byte \(cut)")
                ledger.close()
                // The torn tail was cut off the file.
                #expect(try journalBytes(in: crashed).count == start, "cut at byte \(cut)")
            }

            // A torn journal goes on after recovery.
            try bytes.prefix(end - 1).write(to: crashedFile)
            let recovered = try Ledger.open(directory: crashed, configuration: try configuration())
            try recovered.cancelBooking("SRT-SECOND")
            let expected = recovered.bookings
            #expect(expected == history.bookings[count - 1])
            recovered.close()
            let reopened = try Ledger.open(directory: crashed, configuration: try configuration())
            defer { reopened.close() }
            #expect(reopened.bookings == expected)
            #expect(reopened.booking("SRT-SECOND")?.state == .cancelled)
        }
    }

    @Test func aDamagedEarlierRecordIsRefusedWithItsOffset() throws {
        try withTemporaryDirectory { directory in
            let history = try writeHistory(in: directory)
            var bytes = try journalBytes(in: directory)
            // The first record of the second change (the deposit): a magic byte, the payload
            // length (4 bytes, little-endian), the checksum (4 bytes), then the payload.
            let recordStart = history.fileLengths[1]
            let length = (1...4).reduce(0) { $0 | Int(bytes[recordStart + $1]) << (8 * ($1 - 1)) }
            #expect(length > 0 && recordStart + 9 + length <= history.fileLengths[2])
            let middle = recordStart + 9 + length / 2
            bytes[middle] ^= 0x20
            let damaged = directory.appendingPathComponent("damaged", isDirectory: true)
            try FileManager.default.createDirectory(at: damaged, withIntermediateDirectories: true)
            try bytes.write(to: damaged.appendingPathComponent(FileJournal.fileName))

            do {
                let ledger = try Ledger.open(directory: damaged, configuration: try configuration())
                ledger.close()
                Issue.record("a damaged journal was opened")
            } catch let error as LedgerError {
                #expect(error.code == .journalFailure)
                #expect(error.journalError?.code == .corruptJournal)
                let offset = try #require(error.journalError?.byteOffset)
                #expect(offset == recordStart)
            }
            // Nothing was cut: the damaged file is left for inspection.
            #expect(try journalBytes(in: damaged) == bytes)
        }
    }
}
