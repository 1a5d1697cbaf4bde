// The compact binary form of one journal record: one `LedgerEvent`.
//
// A record is a byte string, self-contained and without padding:
//
//     record   = version [stamp] tag fields
//     version  = 1 byte, `LedgerRecordCodec.formatVersion` (2; records of format 1 are still read)
//     stamp    = format 2 only: the actor as a string, then the time as a zigzag varint of
//                milliseconds since 1970-01-01T00:00:00Z
//     tag      = 1 byte, the event case (see `EventTag`: 1 bookingCreated … 5 paymentStatusChanged,
//                6 paymentEntered of a payment in flight, 7 paymentProcessed,
//                8 unregisteredPaymentReceived, 9 unregisteredPaymentAssigned,
//                10 unregisteredPaymentUnassigned, 11 unregisteredPaymentReversed,
//                12 bookingDetailsChanged, 13 bookingCommented, 14 releaseDecided,
//                15 refundRequested, 16 refundResolved,
//                17 servicesRecorded, see `BookedServicesEvent+RecordCodec.swift`,
//                20 cardPaymentPaidOut, 21 cardSettlementExceptionRecorded,
//                24 and 25 the GDS flight record events, see `GDSEvent+RecordCodec.swift`,
//                30–38 the autopay events, see `AutopayEvent+RecordCodec.swift`,
//                40–42 the portal token events, see `PortalTokenEvent+RecordCodec.swift`)
//     fields   = the case's associated values, in declaration order, as below
//
// The field encodings:
//
// - Unsigned integers (lengths, counts): LEB128 varints, 7 bits a byte, least significant group
//   first, at most 10 bytes, always in the shortest form (a final `0x00` byte after the first is
//   refused, as are bits past 64).
// - Signed integers (`Int`, `Int32`: date parts, time zone offsets, instalment numbers, agent ids):
//   zigzag-mapped (0, -1, 1, -2, … become 0, 1, 2, 3, …), then a varint.
// - `Bool`: one byte, 0 or 1.
// - `String`: a varint byte count, then that many bytes of UTF-8 (validated on decoding).
// - Optional: one presence byte, 0 (absent) or 1 (present, the value follows).
// - Array: a varint element count, then the elements.
// - Enumerations (`PaymentCollection`, `PaymentScope`, `FormOfPayment`, `PaymentStatus`,
//   `BookingState`): one byte, the case's index in a fixed table of this file (never the raw value
//   string), so renaming a raw value cannot change a record.
// - `Identifier`: its text as a string, read back exactly (text whose white space is not collapsed
//   is refused). `CurrencyCode`: its three ASCII letters, without length. `CountryCode`, `IBAN`,
//   `BIC`: their text as strings, checked by their failable initialisers.
// - `Decimal`, format 2: the header byte `0x0E`, the scale (fraction digits, a varint, at most
//   18) and the value times 10^scale as a zigzag varint — exact, and independent of how any
//   platform stores a `Decimal`; a value that does not fit 64 bits is `0x0D`, the sign (a
//   `Bool`), the exponent (zigzag varint) and the significand's decimal digits (a string); NaN is
//   `0x0F` and the string `NaN`.
// - `Decimal`, format 1 (read only): a header byte (bits 0–3 the mantissa length in 16-bit words, bit 4 the sign, bit 5
//   the compact flag, bit 6 “reserved bits follow”, bit 7 “the upper 64 mantissa bits follow”),
//   the exponent (-128...127) as a zigzag varint, then the lower 64 mantissa bits as a varint, the
//   upper 64 bits as a varint when bit 7 is set and the 18 reserved bits as a varint when bit 6 is
//   set. This is every stored field of the value, so a decoded `Decimal` equals the original bit
//   for bit. The header byte `0x0F` (length 15, no flags) is followed by the value as decimal text
//   instead: written only on a platform whose `Decimal` storage layout was not recognised, and
//   readable everywhere.
// - `XMLDate`: year, month, day (zigzag varints) and the optional time zone offset in minutes.
//   `XMLYearMonth`: year, month and the optional offset.
// - `CurrencyAmount`: the `Decimal`, then the `CurrencyCode`.
// - Structures (`LedgerBooking`, `LedgerPayment`, `Traveller`, `PaymentOption`, …): their stored
//   fields in declaration order. `LedgerBooking` adds, after the total price, an optional booking
//   currency, present only when it differs from the total price's; its running totals are not
//   written but recomputed from its payments. `LedgerPayment` writes what it stores: identifier,
//   collection, scope, optional form of payment, currency, (format 2) the scale of the amounts
//   (the currency's minor units when written), amount and fee as zigzag varints of minor units
//   (exact; read in a format 1 record with today's ISO 4217 table, in format 2 rescaled exactly to
//   today's table, or refused when that is not exact), status, entry and settlement dates, transaction reference, authorisation
//   code, failure reason, service provider, cash holder and specialisation. Its attempt number is
//   not written: the fold counts the entries of each identifier. Whether it is in flight is the
//   event's tag (6 instead of 4). `PaymentProcessingResult`: booking and payment identifiers, the
//   attempt as a varint, status, date, reference, authorisation code, failure reason and whether
//   the failure is retryable.
// - `UnregisteredPayment` (tag 8): reference, source, payment date, optional accounting date,
//   method code, amount, optional fee type, optional fee amount, remittance text, optional payer
//   name, optional payer IBAN (its text), optional end-to-end identification. Its state is not
//   written: a payment is always received unassigned. Tag 9: reference, booking id, payment id.
//   Tag 10: reference, booking id, reason. Tag 11: reference, optional booking id.
// - Tag 20 (`cardPaymentPaidOut`): booking id, payment id, payout date, currency, the scale of the
//   amounts (as a payment's), fee and net amount as zigzag varints of minor units, optional payout
//   reference, report. Tag 21 (`cardSettlementExceptionRecorded`): the reason (one byte, see
//   `EnumerationTable`), detail, transaction reference, payout date, gross, fee and net amount
//   (decimals), currency, optional payout reference, report, line, optional booking id, optional
//   payment id.
// - `BookingDetailsChange` (tag 12): booking id, then the optional customer name, customer phone,
//   customer email, seller, agency, branch and account (strings; empty clears the field) and the
//   optional financed flag (a `Bool`). Tag 13: booking id, the comment's text and its stamp.
//   Tag 14: booking id, whether released (a `Bool`) and the decision's stamp. A stamp inside an
//   event (`AuditStamp`) is written as the record's: the actor as a string, then the time as a
//   zigzag varint of milliseconds.
// - `LedgerRefund` (tag 15, after the booking id): identifier, amount, method (a tag byte: 0 bank
//   transfer; 1 card, then the payment's identifier; 2 other, then its code as a string),
//   optional reference, optional forced reason, status (0 Requested, 1 Completed, 2 Failed),
//   requested date, optional resolved date, optional payout reference, optional failure reason,
//   whether in flight (a `Bool`). `RefundResolution` (tag 16): booking id, refund id, status,
//   date, optional payout reference, optional failure reason.
// - A booking's back-office data (customer name and phone, account, financed, comments, release
//   decision) is not part of `bookingCreated`: it follows in the same change as tags 12 to 14.
// - A card never has its number or security code written: the ledger does not keep them, and the
//   codec drops them should a value carry them.
// - `PaymentSpecialisation`: a tag byte (see `SpecialisationTag`) and the case's fields.
//   `unknown(type:extraElements:)` writes the type's namespace and local name only: the ledger never
//   stores such a payment, and it decodes with no extra elements.
//
// Decoding checks every read against the record's end, every tag, index, presence byte and
// length, and every value a failable initialiser refuses; any of these, and bytes left over after
// the event, is a `LedgerRecordDecodingError` naming the byte offset within the record.

import Foundation
import StringPayments
import XMLCoding

/// Why a journal record could not be decoded: truncated, malformed, or a value its type refuses.
struct LedgerRecordDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the field that could not be read.
    var message: String
    /// The offset within the record (0 is the version byte) of the value that could not be read.
    var byteOffset: Int

    /// A readable summary: the message and the offset.
    var description: String { "ledger record: \(message) (at byte \(byteOffset))" }
}

/// The binary codec of the ledger's journal records: one ``LedgerEvent`` per record.
///
/// The format is compact (varints, no field names, enumerations as one-byte indices) and fast to
/// read (one pass over the bytes, no Foundation formatters, no `Codable`); the header comment of
/// this file describes it byte by byte. `decode(encode(event)) == event` for every event, except
/// that the extra elements of an unknown payment specialisation, which the ledger never stores,
/// are not kept.
enum LedgerRecordCodec {
    /// The format version written: the first byte of every record.
    static let formatVersion: UInt8 = 2

    /// Encodes an event as one record.
    ///
    /// - Parameters:
    ///   - event: The event.
    ///   - stamp: Who made the change and when; `nil` writes ``LedgerActor/unknown`` at 1970.
    /// - Returns: The record: the format version, the stamp, the event's tag, then its fields.
    static func encode(_ event: LedgerEvent, stamp: AuditStamp? = nil) -> Data {
        var writer = RecordWriter(reservingCapacity: 256)
        writer.writeByte(formatVersion)
        writer.writeString((stamp?.actor ?? .unknown).rawValue)
        writer.writeSigned(stamp?.milliseconds ?? 0)
        writer.writeEvent(event)
        return Data(writer.bytes)
    }

    /// One decoded record: the event and its stamp (`nil` for a format 1 record).
    struct DecodedRecord {
        var event: LedgerEvent
        var stamp: AuditStamp?
    }

    /// Decodes one record with its stamp.
    static func decodeRecord(_ record: Data) throws(LedgerRecordDecodingError) -> DecodedRecord {
        var decoded: DecodedRecord?
        var failure: LedgerRecordDecodingError?
        record.withUnsafeBytes { bytes in
            var reader = RecordReader(bytes)
            do throws(LedgerRecordDecodingError) {
                let event = try reader.readRecord()
                decoded = DecodedRecord(event: event, stamp: reader.stamp)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard let decoded else {
            throw LedgerRecordDecodingError(message: "the record could not be read", byteOffset: 0)
        }
        return decoded
    }

    /// Decodes one record.
    ///
    /// - Parameter record: The record, exactly as ``encode(_:)`` produced it.
    /// - Returns: The event.
    /// - Throws: ``LedgerRecordDecodingError`` when the version is not ``formatVersion``, the
    ///   record is truncated or malformed, a value is invalid for its type, or bytes follow the
    ///   event.
    static func decode(_ record: Data) throws(LedgerRecordDecodingError) -> LedgerEvent {
        // The event is returned straight through `withUnsafeBytes`, without an optional or a
        // `Result` around it: an event is several hundred bytes, and every wrapper copies it.
        do {
            return try record.withUnsafeBytes { bytes throws(LedgerRecordDecodingError) in
                var reader = RecordReader(bytes)
                return try reader.readRecord(keepingStamp: false)
            }
        } catch let error as LedgerRecordDecodingError {
            throw error
        } catch {
            // `withUnsafeBytes` only rethrows what the closure throws; this is not reached.
            throw LedgerRecordDecodingError(message: "the record could not be read: \(error)", byteOffset: 0)
        }
    }
}

// MARK: - Tags and enumeration tables

/// The tag byte of each ``LedgerEvent`` case. Zero is no tag, so a zeroed record never decodes.
enum EventTag: UInt8 {
    case bookingCreated = 1
    case bookingModified = 2
    case bookingCancelled = 3
    case paymentEntered = 4
    case paymentStatusChanged = 5
    /// `paymentEntered` of a payment in flight: the same fields as tag 4.
    case paymentEnteredInFlight = 6
    case paymentProcessed = 7
    case unregisteredPaymentReceived = 8
    case unregisteredPaymentAssigned = 9
    case unregisteredPaymentUnassigned = 10
    case unregisteredPaymentReversed = 11
    case cardPaymentPaidOut = 20
    case cardSettlementExceptionRecorded = 21
    case bookingDetailsChanged = 12
    case bookingCommented = 13
    case releaseDecided = 14
    case refundRequested = 15
    case refundResolved = 16
    case servicesRecorded = 17
    // 24–29: GDS flight records (`GDSEvent+RecordCodec.swift`).
    case gdsRecordAdded = 24
    case gdsRecordEdited = 25
    // 30–39: autopay (`AutopayEvent+RecordCodec.swift`).
    case autopayReservationSet = 30
    case autopayCardStored = 31
    case autopayCardRemoved = 32
    case autopayPaymentsApproved = 33
    case autopayApprovalWithdrawn = 34
    case autopayMemoAdded = 35
    case autopayChargeStarted = 36
    case autopayMandateStored = 37
    case autopayMandateRevoked = 38
    // 40–49: one-time portal tokens (`PortalTokenEvent+RecordCodec.swift`).
    case portalTokenIssued = 40
    case portalTokenRedeemed = 41
    case portalTokenRevoked = 42
}

/// The tag byte of each `PaymentSpecialisation` case.
private enum SpecialisationTag: UInt8 {
    case unspecified = 0
    case invoice = 1
    case creditCard = 2
    case directDebit = 3
    case eBanking = 4
    case eWallet = 5
    case installment = 6
    case voucher = 7
    case unknown = 8
}

/// The tag byte of each `CashHolder` case.
private enum CashHolderTag: UInt8 {
    case assignedToBookingOwner = 0
    case assignedToTraveller = 1
    case ownerDetails = 2
}

/// The fixed index of every case of the enumerations a record holds. The tables are part of the
/// format: append new cases, never reorder.
private enum EnumerationTable {
    static func index(_ value: PaymentCollection) -> UInt8 {
        switch value {
        case .agency: 0
        case .tourOperator: 1
        case .onSite: 2
        case .mixed: 3
        }
    }

    static func paymentCollection(_ index: UInt8) -> PaymentCollection? {
        switch index {
        case 0: .agency
        case 1: .tourOperator
        case 2: .onSite
        case 3: .mixed
        default: nil
        }
    }

    static func index(_ value: PaymentScope) -> UInt8 {
        switch value {
        case .deposit: 0
        case .interim: 1
        case .balance: 2
        }
    }

    static func paymentScope(_ index: UInt8) -> PaymentScope? {
        switch index {
        case 0: .deposit
        case 1: .interim
        case 2: .balance
        default: nil
        }
    }

    static func index(_ value: FormOfPayment) -> UInt8 {
        switch value {
        case .creditCard: 0
        case .directDebit: 1
        case .eBanking: 2
        case .eWallet: 3
        case .invoice: 4
        case .installment: 5
        case .voucher: 6
        }
    }

    static func formOfPayment(_ index: UInt8) -> FormOfPayment? {
        switch index {
        case 0: .creditCard
        case 1: .directDebit
        case 2: .eBanking
        case 3: .eWallet
        case 4: .invoice
        case 5: .installment
        case 6: .voucher
        default: nil
        }
    }

    static func index(_ value: PaymentStatus) -> UInt8 {
        switch value {
        case .open: 0
        case .recorded: 1
        case .settled: 2
        case .failed: 3
        case .confirmed: 4
        }
    }

    static func paymentStatus(_ index: UInt8) -> PaymentStatus? {
        switch index {
        case 0: .open
        case 1: .recorded
        case 2: .settled
        case 3: .failed
        case 4: .confirmed
        default: nil
        }
    }

    static func index(_ value: CardSettlementException.Reason) -> UInt8 {
        switch value {
        case .unknownReference: 0
        case .ambiguousReference: 1
        case .refundOrChargeback: 2
        case .amountMismatch: 3
        case .currencyMismatch: 4
        case .invalidFee: 5
        case .notSettled: 6
        case .alreadyPaidOut: 7
        }
    }

    static func settlementExceptionReason(_ index: UInt8) -> CardSettlementException.Reason? {
        switch index {
        case 0: .unknownReference
        case 1: .ambiguousReference
        case 2: .refundOrChargeback
        case 3: .amountMismatch
        case 4: .currencyMismatch
        case 5: .invalidFee
        case 6: .notSettled
        case 7: .alreadyPaidOut
        default: nil
        }
    }

    static func index(_ value: BookingState) -> UInt8 {
        switch value {
        case .quoted: 0
        case .booked: 1
        case .cancelled: 2
        }
    }

    static func index(_ value: LedgerRefund.Status) -> UInt8 {
        switch value {
        case .requested: 0
        case .completed: 1
        case .failed: 2
        }
    }

    static func refundStatus(_ index: UInt8) -> LedgerRefund.Status? {
        switch index {
        case 0: .requested
        case 1: .completed
        case 2: .failed
        default: nil
        }
    }

    static func bookingState(_ index: UInt8) -> BookingState? {
        switch index {
        case 0: .quoted
        case 1: .booked
        case 2: .cancelled
        default: nil
        }
    }
}

// MARK: - Decimal storage

/// Every stored field of a `Decimal`, platform-independent.
///
/// Foundation keeps `Decimal`'s fields internal on Linux and Windows (swift-foundation), so they
/// are read from and written to the value's 20 bytes of storage. Both known layouts put the
/// exponent in byte 0, the reserved bits' lower 16 (swift-foundation) or upper 16 (Apple) in bytes
/// 2–3 and the eight mantissa words in bytes 4–19; they differ in byte 1. Which one this platform
/// has is checked once, against values built through public API.
private struct DecimalFields: Equatable {
    /// The power of ten, -128...127.
    var exponent: Int8
    /// The mantissa length in 16-bit words, 0...8.
    var length: UInt8
    /// Whether the value is negative (or, with length 0, NaN).
    var isNegative: Bool
    /// Foundation's “no trailing zero words” flag.
    var isCompact: Bool
    /// The 18 reserved bits.
    var reserved: UInt32
    /// Mantissa words 0–3.
    var mantissaLow: UInt64
    /// Mantissa words 4–7.
    var mantissaHigh: UInt64

    /// The largest mantissa length.
    static let maximumLength: UInt8 = 8
    /// The largest reserved value (18 bits).
    static let maximumReserved: UInt32 = 0x3_FFFF

    /// Where this platform's `Decimal` keeps its length, flags and reserved bits.
    enum Layout {
        /// swift-foundation: byte 1 holds the length in bits 4–7, the sign in bit 3, the compact
        /// flag in bit 2 and reserved bits 16–17 in bits 0–1; bytes 2–3 hold reserved bits 0–15.
        case swiftFoundation
        /// The C `NSDecimal` bit fields of little-endian Apple platforms: byte 1 holds the length
        /// in bits 0–3, the sign in bit 4, the compact flag in bit 5 and reserved bits 0–1 in
        /// bits 6–7; bytes 2–3 hold reserved bits 2–17.
        case appleBitFields

        /// This platform's layout, or `nil` when neither reads and writes the probe values right.
        static let current: Layout? = [Layout.swiftFoundation, .appleBitFields].first { $0.passesProbes }

        /// Whether the layout reads known values as their known fields and builds them back.
        private var passesProbes: Bool {
            guard MemoryLayout<Decimal>.size == 20 else { return false }
            let probes: [(Decimal, Int8, UInt8, Bool, UInt64, UInt64)] = [
                (Decimal(), 0, 0, false, 0, 0),
                (Decimal(UInt64(1)), 0, 1, false, 1, 0),
                (Decimal(Int64(-70001)), 0, 2, true, 70001, 0),
                (Decimal(sign: .minus, exponent: -7, significand: Decimal(UInt64(123))), -7, 1, true, 123, 0),
                (Decimal.greatestFiniteMagnitude, 127, 8, false, .max, .max),
            ]
            for (value, exponent, length, isNegative, low, high) in probes {
                let fields = DecimalFields(storageOf: value, layout: self)
                guard fields.exponent == exponent, fields.length == length, fields.isNegative == isNegative,
                    fields.reserved == 0, fields.mantissaLow == low, fields.mantissaHigh == high,
                    fields.decimal(layout: self) == value
                else { return false }
            }
            return true
        }
    }

    /// Reads the fields from a value's storage.
    init(storageOf value: Decimal, layout: Layout) {
        var words: (UInt16, UInt16, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeBytes(of: value) { raw in
            words.0 = UInt16(raw[0]) | UInt16(raw[1]) << 8
            words.1 = raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self)
            var low: UInt64 = 0
            var high: UInt64 = 0
            for index in 0..<4 {
                let shift = UInt64(16 * index)
                low |= UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self)) << shift
                high |= UInt64(raw.loadUnaligned(fromByteOffset: 12 + 2 * index, as: UInt16.self)) << shift
            }
            words.2 = low
            words.3 = high
        }
        let byte1 = UInt8(truncatingIfNeeded: words.0 >> 8)
        exponent = Int8(bitPattern: UInt8(truncatingIfNeeded: words.0))
        switch layout {
        case .swiftFoundation:
            length = byte1 >> 4
            isNegative = byte1 & 0x08 != 0
            isCompact = byte1 & 0x04 != 0
            reserved = UInt32(byte1 & 0x03) << 16 | UInt32(words.1)
        case .appleBitFields:
            length = byte1 & 0x0F
            isNegative = byte1 & 0x10 != 0
            isCompact = byte1 & 0x20 != 0
            reserved = UInt32(byte1 >> 6) | UInt32(words.1) << 2
        }
        mantissaLow = words.2
        mantissaHigh = words.3
    }

    /// Creates fields from their parts.
    init(
        exponent: Int8, length: UInt8, isNegative: Bool, isCompact: Bool, reserved: UInt32,
        mantissaLow: UInt64, mantissaHigh: UInt64
    ) {
        self.exponent = exponent
        self.length = length
        self.isNegative = isNegative
        self.isCompact = isCompact
        self.reserved = reserved
        self.mantissaLow = mantissaLow
        self.mantissaHigh = mantissaHigh
    }

    /// The value with exactly these fields. `length` must be at most 8 and `reserved` at most
    /// 18 bits.
    func decimal(layout: Layout) -> Decimal {
        let byte1: UInt8
        let reservedWord: UInt16
        switch layout {
        case .swiftFoundation:
            byte1 =
                length << 4 | (isNegative ? 0x08 : 0) | (isCompact ? 0x04 : 0)
                | UInt8(truncatingIfNeeded: reserved >> 16) & 0x03
            reservedWord = UInt16(truncatingIfNeeded: reserved)
        case .appleBitFields:
            byte1 =
                length & 0x0F | (isNegative ? 0x10 : 0) | (isCompact ? 0x20 : 0)
                | UInt8(truncatingIfNeeded: reserved & 0x03) << 6
            reservedWord = UInt16(truncatingIfNeeded: reserved >> 2)
        }
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            raw[0] = UInt8(bitPattern: exponent)
            raw[1] = byte1
            raw.storeBytes(of: reservedWord, toByteOffset: 2, as: UInt16.self)
            for index in 0..<4 {
                let shift = UInt64(16 * index)
                raw.storeBytes(
                    of: UInt16(truncatingIfNeeded: mantissaLow >> shift), toByteOffset: 4 + 2 * index, as: UInt16.self)
                raw.storeBytes(
                    of: UInt16(truncatingIfNeeded: mantissaHigh >> shift), toByteOffset: 12 + 2 * index,
                    as: UInt16.self)
            }
        }
        return value
    }

    /// The value these fields stand for, built through public API: the same number, not
    /// necessarily the same bits. For a platform whose storage layout is not known.
    var portableDecimal: Decimal {
        if length == 0 { return isNegative ? .nan : Decimal() }
        let twoTo64 = Decimal(UInt64.max) + 1
        let significand = Decimal(mantissaHigh) * twoTo64 + Decimal(mantissaLow)
        return Decimal(sign: isNegative ? .minus : .plus, exponent: Int(exponent), significand: significand)
    }
}

// MARK: - Writing

/// Appends a record's bytes.
struct RecordWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Primitives

    mutating func writeByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    mutating func writeSigned(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value &<< 1) ^ (value >> 63)))
    }

    mutating func writeInt(_ value: Int) {
        writeSigned(Int64(value))
    }

    mutating func writeCount(_ count: Int) {
        writeVarint(UInt64(UInt(bitPattern: count)))
    }

    mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func writeString(_ value: String) {
        let utf8 = value.utf8
        writeCount(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func writeOptional<Value>(_ value: Value?, _ write: (inout RecordWriter, Value) -> Void) {
        if let value {
            bytes.append(1)
            write(&self, value)
        } else {
            bytes.append(0)
        }
    }

    mutating func writeOptionalString(_ value: String?) {
        writeOptional(value) { $0.writeString($1) }
    }

    mutating func writeArray<Element>(_ elements: [Element], _ write: (inout RecordWriter, Element) -> Void) {
        writeCount(elements.count)
        for element in elements { write(&self, element) }
    }

    // MARK: Values

    mutating func writeIdentifier(_ identifier: Identifier) {
        writeString(identifier.value)
    }

    mutating func writeOptionalIdentifier(_ identifier: Identifier?) {
        writeOptional(identifier) { $0.writeIdentifier($1) }
    }

    /// Three ASCII letters, without length. A `CurrencyCode` always has exactly three; should one
    /// not, three zero bytes keep the record's shape and make its decoding fail.
    mutating func writeCurrency(_ currency: CurrencyCode) {
        let utf8 = currency.code.utf8
        if utf8.count == 3 {
            bytes.append(contentsOf: utf8)
        } else {
            bytes.append(contentsOf: [0, 0, 0] as [UInt8])
        }
    }

    /// Writes a `Decimal` as scale and scaled integer (format 2): exact, whatever the platform's
    /// `Decimal` storage.
    mutating func writeDecimal(_ value: Decimal) {
        if !value.isNaN {
            let scale = min(max(-value.exponent, 0), 18)
            if let scaled = XMLDecimal.scaledInteger(value, fractionDigits: scale),
                XMLDecimal.decimal(scaledInteger: scaled, fractionDigits: scale) == value
            {
                bytes.append(0x0E)
                writeVarint(UInt64(scale))
                writeSigned(scaled)
                return
            }
        }
        guard !value.isNaN else {
            bytes.append(0x0F)
            writeString("NaN")
            return
        }
        // Too many digits for 64 bits: sign, exponent and the significand's digits.
        bytes.append(0x0D)
        writeBool(value.sign == .minus)
        writeSigned(Int64(value.exponent))
        writeString(value.significand.magnitude.description)
    }

    mutating func writeStamp(_ stamp: AuditStamp) {
        writeString(stamp.actor.rawValue)
        writeSigned(stamp.milliseconds)
    }

    mutating func writeAmount(_ amount: CurrencyAmount) {
        writeDecimal(amount.amount)
        writeCurrency(amount.currency)
    }

    mutating func writeOptionalAmount(_ amount: CurrencyAmount?) {
        writeOptional(amount) { $0.writeAmount($1) }
    }

    mutating func writeOptionalInt(_ value: Int?) {
        writeOptional(value) { $0.writeInt($1) }
    }

    mutating func writeDate(_ date: XMLDate) {
        writeInt(date.year)
        writeInt(date.month)
        writeInt(date.day)
        writeOptionalInt(date.timeZoneOffsetMinutes)
    }

    mutating func writeOptionalDate(_ date: XMLDate?) {
        writeOptional(date) { $0.writeDate($1) }
    }

    mutating func writeYearMonth(_ value: XMLYearMonth) {
        writeInt(value.year)
        writeInt(value.month)
        writeOptionalInt(value.timeZoneOffsetMinutes)
    }

    mutating func writeTraveller(_ traveller: Traveller) {
        writeIdentifier(traveller.identifier)
        writeOptionalString(traveller.salutation)
        writeOptionalString(traveller.prename)
        writeString(traveller.surname)
        writeOptionalDate(traveller.birthDate)
        writeOptionalString(traveller.email)
    }

    mutating func writeAgency(_ agency: AgencyInformation) {
        writeString(agency.agency)
        writeOptional(agency.agentId) { $0.writeSigned(Int64($1)) }
    }

    mutating func writeServiceProvider(_ provider: PaymentServiceProvider) {
        writeString(provider.name)
        writeOptionalString(provider.logoURL)
        writeOptionalString(provider.description)
    }

    mutating func writePaymentOption(_ option: PaymentOption) {
        writeOptional(option.collection) { $0.writeByte(EnumerationTable.index($1)) }
        writeByte(EnumerationTable.index(option.formOfPayment))
        writeOptionalAmount(option.fixedFee)
        writeOptional(option.percentFee) { $0.writeDecimal($1.value) }
        writeArray(option.acceptedCardTypes) { $0.writeString($1) }
        writeOptional(option.paymentServiceProvider) { $0.writeServiceProvider($1) }
        writeOptionalString(option.description)
    }

    mutating func writePersonDetails(_ person: PersonDetails) {
        writeOptionalString(person.salutation)
        writeOptionalString(person.prename)
        writeString(person.surname)
        writeOptionalString(person.street)
        writeOptionalString(person.postalCode)
        writeOptionalString(person.city)
        writeOptional(person.countryCode) { $0.writeString($1.code) }
        writeOptionalString(person.email)
        writeOptionalString(person.phone)
    }

    mutating func writeCashHolder(_ holder: CashHolder) {
        switch holder {
        case .assignedToBookingOwner(let flag):
            writeByte(CashHolderTag.assignedToBookingOwner.rawValue)
            writeBool(flag)
        case .assignedToTraveller(let traveller):
            writeByte(CashHolderTag.assignedToTraveller.rawValue)
            writeIdentifier(traveller)
        case .ownerDetails(let person):
            writeByte(CashHolderTag.ownerDetails.rawValue)
            writePersonDetails(person)
        }
    }

    /// The card without its number and security code, which are never written.
    mutating func writeCreditCard(_ card: CreditCard) {
        writeString(card.cardType)
        writeOptionalString(card.maskedCardNumber)
        writeYearMonth(card.expiryDate)
        writeOptionalString(card.holderName)
    }

    mutating func writeSpecialisation(_ specialisation: PaymentSpecialisation) {
        switch specialisation {
        case .unspecified:
            writeByte(SpecialisationTag.unspecified.rawValue)
        case .invoice:
            writeByte(SpecialisationTag.invoice.rawValue)
        case .creditCard(let payment):
            writeByte(SpecialisationTag.creditCard.rawValue)
            writeOptional(payment.creditCard) { $0.writeCreditCard($1) }
            writeOptionalString(payment.pciToken)
            writeOptionalString(payment.pciTokenIssuer)
            writeOptionalString(payment.pciBin)
        case .directDebit(let payment):
            writeByte(SpecialisationTag.directDebit.rawValue)
            writeString(payment.iban.value)
            writeOptional(payment.bic) { $0.writeString($1.value) }
            writeString(payment.accountHolder)
            writeOptionalString(payment.mandateReference)
            writeOptionalDate(payment.mandateDate)
        case .eBanking(let payment):
            writeByte(SpecialisationTag.eBanking.rawValue)
            writeString(payment.provider)
            writeOptionalString(payment.transactionReference)
        case .eWallet(let payment):
            writeByte(SpecialisationTag.eWallet.rawValue)
            writeString(payment.provider)
            writeOptionalString(payment.accountId)
            writeOptionalString(payment.transactionReference)
        case .installment(let payment):
            writeByte(SpecialisationTag.installment.rawValue)
            writeArray(payment.installments) { writer, installment in
                writer.writeInt(installment.number)
                writer.writeDate(installment.dueDate)
                writer.writeAmount(installment.amount)
            }
        case .voucher(let payment):
            writeByte(SpecialisationTag.voucher.rawValue)
            writeString(payment.voucherCode)
            writeOptionalString(payment.voucherIssuer)
        case .unknown(let type, _):
            writeByte(SpecialisationTag.unknown.rawValue)
            writeOptionalString(type.namespace)
            writeString(type.localName)
        }
    }

    mutating func writePayment(_ payment: LedgerPayment) {
        writeIdentifier(payment.identifier)
        writeByte(EnumerationTable.index(payment.collection))
        writeByte(EnumerationTable.index(payment.scope))
        writeOptional(payment.formOfPayment) { $0.writeByte(EnumerationTable.index($1)) }
        writeCurrency(payment.currency)
        writeVarint(UInt64(payment.currency.minorUnits))
        writeSigned(payment.amountMinorUnits)
        writeSigned(payment.feeMinorUnits)
        writeByte(EnumerationTable.index(payment.status))
        writeOptionalDate(payment.entryDate)
        writeOptionalDate(payment.settlementDate)
        writeOptionalString(payment.transactionReference)
        writeOptionalString(payment.authorizationCode)
        writeOptionalString(payment.failureReason)
        writeOptional(payment.serviceProvider) { $0.writeServiceProvider($1) }
        writeOptional(payment.cashHolder) { $0.writeCashHolder($1) }
        writeSpecialisation(payment.specialisation)
    }

    mutating func writeScheduledPayment(_ scheduled: ScheduledPayment) {
        writeByte(EnumerationTable.index(scheduled.scope))
        writeDate(scheduled.dueDate)
        writeAmount(scheduled.amount)
        writeIdentifier(scheduled.identifier)
    }

    mutating func writeBooking(_ booking: LedgerBooking) {
        writeIdentifier(booking.id)
        writeByte(EnumerationTable.index(booking.state))
        writeOptional(booking.agency) { $0.writeAgency($1) }
        writeOptionalString(booking.seller)
        writeOptionalString(booking.branch)
        writeOptionalIdentifier(booking.leadTraveller)
        writeArray(booking.travellers) { $0.writeTraveller($1) }
        writeOptionalString(booking.customerEmail)
        writeDate(booking.departureDate)
        writeOptionalDate(booking.returnDate)
        writeDate(booking.createdOn)
        writeOptionalDate(booking.cancelledOn)
        writeAmount(booking.totalPrice)
        // The booking currency is the total price's at creation; kept only when they differ.
        writeOptional(booking.currency == booking.totalPrice.currency ? nil : booking.currency) {
            $0.writeCurrency($1)
        }
        writeByte(EnumerationTable.index(booking.collection))
        writeArray(booking.paymentOptions) { $0.writePaymentOption($1) }
        writeArray(booking.schedule) { $0.writeScheduledPayment($1) }
        writeArray(booking.payments) { $0.writePayment($1) }
    }

    mutating func writeEvent(_ event: LedgerEvent) {
        switch event {
        case .bookingCreated(let booking, let requestDigest):
            writeByte(EventTag.bookingCreated.rawValue)
            writeBooking(booking)
            writeOptionalString(requestDigest)
        case .bookingModified(let modification):
            writeByte(EventTag.bookingModified.rawValue)
            writeIdentifier(modification.bookingId)
            writeAmount(modification.totalPrice)
            writeDate(modification.departureDate)
            writeOptionalDate(modification.returnDate)
            writeArray(modification.travellers) { $0.writeTraveller($1) }
            writeOptionalIdentifier(modification.leadTraveller)
            writeOptionalString(modification.customerEmail)
            writeArray(modification.schedule) { $0.writeScheduledPayment($1) }
        case .bookingCancelled(let bookingId, let date, let chargedPrice):
            writeByte(EventTag.bookingCancelled.rawValue)
            writeIdentifier(bookingId)
            writeDate(date)
            writeAmount(chargedPrice)
        case .paymentEntered(let bookingId, let payment):
            writeByte((payment.isInFlight ? EventTag.paymentEnteredInFlight : EventTag.paymentEntered).rawValue)
            writeIdentifier(bookingId)
            writePayment(payment)
        case .paymentProcessed(let result):
            writeByte(EventTag.paymentProcessed.rawValue)
            writeIdentifier(result.bookingId)
            writeIdentifier(result.paymentId)
            writeVarint(UInt64(result.attempt))
            writeByte(EnumerationTable.index(result.status))
            writeDate(result.date)
            writeOptionalString(result.transactionReference)
            writeOptionalString(result.authorizationCode)
            writeOptionalString(result.failureReason)
            writeBool(result.retryable)
        case .paymentStatusChanged(let change):
            writeByte(EventTag.paymentStatusChanged.rawValue)
            writeIdentifier(change.bookingId)
            writeIdentifier(change.paymentId)
            writeByte(EnumerationTable.index(change.from))
            writeByte(EnumerationTable.index(change.to))
            writeDate(change.date)
            writeOptionalString(change.transactionReference)
            writeOptionalString(change.authorizationCode)
            writeOptionalString(change.failureReason)
        case .unregisteredPaymentReceived(let payment):
            writeByte(EventTag.unregisteredPaymentReceived.rawValue)
            writeString(payment.reference)
            writeString(payment.source)
            writeDate(payment.paymentDate)
            writeOptionalDate(payment.accountingDate)
            writeString(payment.methodCode)
            writeAmount(payment.amount)
            writeOptionalString(payment.feeType)
            writeOptionalAmount(payment.feeAmount)
            writeString(payment.remittanceText)
            writeOptionalString(payment.payerName)
            writeOptionalString(payment.payerIBAN?.value)
            writeOptionalString(payment.endToEndIdentification)
        case .unregisteredPaymentAssigned(let reference, let bookingId, let paymentId):
            writeByte(EventTag.unregisteredPaymentAssigned.rawValue)
            writeString(reference)
            writeIdentifier(bookingId)
            writeIdentifier(paymentId)
        case .unregisteredPaymentUnassigned(let reference, let bookingId, let reason):
            writeByte(EventTag.unregisteredPaymentUnassigned.rawValue)
            writeString(reference)
            writeIdentifier(bookingId)
            writeString(reason)
        case .unregisteredPaymentReversed(let reference, let bookingId):
            writeByte(EventTag.unregisteredPaymentReversed.rawValue)
            writeString(reference)
            writeOptionalIdentifier(bookingId)
        case .cardPaymentPaidOut(let bookingId, let paymentId, let payout):
            writeByte(EventTag.cardPaymentPaidOut.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(paymentId)
            writeDate(payout.payoutDate)
            writeCurrency(payout.currency)
            writeVarint(UInt64(payout.currency.minorUnits))
            writeSigned(payout.feeMinorUnits)
            writeSigned(payout.netMinorUnits)
            writeOptionalString(payout.payoutReference)
            writeString(payout.report)
        case .cardSettlementExceptionRecorded(let exception):
            writeByte(EventTag.cardSettlementExceptionRecorded.rawValue)
            writeByte(EnumerationTable.index(exception.reason))
            writeString(exception.detail)
            writeString(exception.transactionReference)
            writeDate(exception.payoutDate)
            writeDecimal(exception.grossAmount.amount)
            writeDecimal(exception.fee.amount)
            writeDecimal(exception.netAmount.amount)
            writeCurrency(exception.grossAmount.currency)
            writeOptionalString(exception.payoutReference)
            writeString(exception.report)
            writeInt(exception.line)
            writeOptionalIdentifier(exception.bookingId)
            writeOptionalIdentifier(exception.paymentId)
        case .bookingDetailsChanged(let change):
            writeByte(EventTag.bookingDetailsChanged.rawValue)
            writeIdentifier(change.bookingId)
            for field in change.textFields { writeOptionalString(field.value) }
            writeOptional(change.financed) { $0.writeBool($1) }
        case .bookingCommented(let bookingId, let comment):
            writeByte(EventTag.bookingCommented.rawValue)
            writeIdentifier(bookingId)
            writeString(comment.text)
            writeStamp(comment.stamp)
        case .releaseDecided(let bookingId, let decision):
            writeByte(EventTag.releaseDecided.rawValue)
            writeIdentifier(bookingId)
            writeBool(decision.isReleased)
            writeStamp(decision.stamp)
        case .refundRequested(let bookingId, let refund):
            writeByte(EventTag.refundRequested.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(refund.identifier)
            writeAmount(refund.amount)
            switch refund.method {
            case .bankTransfer:
                writeByte(0)
            case .card(let paymentId):
                writeByte(1)
                writeIdentifier(paymentId)
            case .other(let code):
                writeByte(2)
                writeString(code)
            }
            writeOptionalString(refund.reference)
            writeOptionalString(refund.forcedReason)
            writeByte(EnumerationTable.index(refund.status))
            writeDate(refund.requestedOn)
            writeOptionalDate(refund.resolvedOn)
            writeOptionalString(refund.payoutReference)
            writeOptionalString(refund.failureReason)
            writeBool(refund.isInFlight)
        case .refundResolved(let resolution):
            writeByte(EventTag.refundResolved.rawValue)
            writeIdentifier(resolution.bookingId)
            writeIdentifier(resolution.refundId)
            writeByte(EnumerationTable.index(resolution.status))
            writeDate(resolution.date)
            writeOptionalString(resolution.payoutReference)
            writeOptionalString(resolution.failureReason)
        case .autopay(let event):
            writeAutopayEvent(event)
        case .gds(let event):
            writeGDSEvent(event)
        case .portalToken(let event):
            writePortalTokenEvent(event)
        case .servicesRecorded(let event):
            writeBookedServicesEvent(event)
        }
    }
}

// MARK: - Reading

/// Reads a record's bytes front to back, checking every read against the end.
struct RecordReader {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var offset = 0

    /// The record's format version, once read.
    private(set) var version: UInt8 = LedgerRecordCodec.formatVersion
    /// The record's stamp (format 2), once read.
    private(set) var stamp: AuditStamp?

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private var remaining: Int { bytes.count &- offset }

    func failure(_ message: String, at offset: Int) -> LedgerRecordDecodingError {
        LedgerRecordDecodingError(message: message, byteOffset: offset)
    }

    // MARK: Record

    @inline(__always)
    /// Reads the version, the stamp (kept in ``stamp`` only when asked: replay skips it) and the
    /// event.
    mutating func readRecord(keepingStamp: Bool = true) throws(LedgerRecordDecodingError) -> LedgerEvent {
        version = try readByte("the format version")
        guard version == 1 || version == 2 else {
            throw failure("format version \(version) is not 1 or 2", at: 0)
        }
        if version >= 2, !keepingStamp {
            offset &+= try readCount("the actor")
            let millisecondsOffset = offset
            guard try readSigned("the time of the change").magnitude <= Self.latestMilliseconds.magnitude else {
                throw failure("the time of the change is beyond the year 9999", at: millisecondsOffset)
            }
        } else if version >= 2 {
            let actor = try readString("the actor")
            let millisecondsOffset = offset
            let milliseconds = try readSigned("the time of the change")
            guard milliseconds.magnitude <= Self.latestMilliseconds.magnitude else {
                throw failure("the time of the change is beyond the year 9999", at: millisecondsOffset)
            }
            stamp = AuditStamp(
                actor: LedgerActor(rawValue: actor), time: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        return try readEvent()
    }

    /// Throws unless the event just read ends the record. Called before the event is built, so
    /// that it is built once, in place.
    @inline(__always)
    func expectEnd() throws(LedgerRecordDecodingError) {
        guard remaining == 0 else { throw failure("\(remaining) bytes follow the event", at: offset) }
    }

    // MARK: Primitives

    @inline(__always)
    mutating func readByte(_ field: StaticString) throws(LedgerRecordDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw failure("the record ends before \(field)", at: offset) }
        let byte = bytes[offset]
        offset &+= 1
        return byte
    }

    @inline(__always)
    mutating func readVarint(_ field: StaticString) throws(LedgerRecordDecodingError) -> UInt64 {
        if offset < bytes.count {
            let first = bytes[offset]
            if first < 0x80 {
                offset &+= 1
                return UInt64(first)
            }
        }
        return try readLongVarint(field)
    }

    /// A varint of more than one byte, or the end of the record.
    @inline(never)
    private mutating func readLongVarint(_ field: StaticString) throws(LedgerRecordDecodingError) -> UInt64 {
        let start = offset
        guard offset < bytes.count else { throw failure("the record ends before \(field)", at: offset) }
        let first = bytes[offset]
        offset &+= 1
        var result = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        while true {
            guard offset < bytes.count else { throw failure("the record ends inside \(field)", at: start) }
            let byte = bytes[offset]
            offset &+= 1
            if shift == 63 && byte > 1 {
                throw failure("\(field) is a varint of more than 64 bits", at: start)
            }
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 {
                guard byte != 0 else { throw failure("\(field) is a varint not in its shortest form", at: start) }
                return result
            }
            shift &+= 7
        }
    }

    mutating func readSigned(_ field: StaticString) throws(LedgerRecordDecodingError) -> Int64 {
        let zigzag = try readVarint(field)
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    mutating func readInt(_ field: StaticString) throws(LedgerRecordDecodingError) -> Int {
        let start = offset
        let value = try readSigned(field)
        guard let result = Int(exactly: value) else { throw failure("\(field) \(value) is out of range", at: start) }
        return result
    }

    /// An element or byte count: at most the bytes left, as every element takes at least one.
    @inline(__always)
    mutating func readCount(_ field: StaticString) throws(LedgerRecordDecodingError) -> Int {
        let start = offset
        let count = try readVarint(field)
        guard count <= UInt64(remaining) else {
            throw failure("\(field) counts \(count), more than the \(remaining) bytes left", at: start)
        }
        return Int(count)
    }

    mutating func readBool(_ field: StaticString) throws(LedgerRecordDecodingError) -> Bool {
        let start = offset
        switch try readByte(field) {
        case 0: return false
        case 1: return true
        case let byte: throw failure("\(field) is \(byte), not a Boolean 0 or 1", at: start)
        }
    }

    @inline(__always)
    mutating func readPresence(_ field: StaticString) throws(LedgerRecordDecodingError) -> Bool {
        let start = offset
        switch try readByte(field) {
        case 0: return false
        case 1: return true
        case let byte: throw failure("the presence byte of \(field) is \(byte), not 0 or 1", at: start)
        }
    }

    mutating func readString(_ field: StaticString) throws(LedgerRecordDecodingError) -> String {
        let start = offset
        let count = try readCount(field)
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset &+ count)])
        offset &+= count
        // ASCII, the common case, is valid UTF-8: checked eight bytes at a time.
        var highBits: UInt64 = 0
        var index = 0
        while index &+ 8 <= count {
            highBits |= utf8.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < count {
            highBits |= UInt64(utf8[index])
            index &+= 1
        }
        if highBits & 0x8080_8080_8080_8080 == 0 { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw failure("\(field) is not valid UTF-8", at: start)
        }
        return text
    }

    @inline(__always)
    mutating func readOptional<Value>(
        _ field: StaticString, _ read: (inout RecordReader) throws(LedgerRecordDecodingError) -> Value
    ) throws(LedgerRecordDecodingError) -> Value? {
        guard try readPresence(field) else { return nil }
        return try read(&self)
    }

    @inline(__always)
    mutating func readOptionalString(_ field: StaticString) throws(LedgerRecordDecodingError) -> String? {
        guard try readPresence(field) else { return nil }
        return try readString(field)
    }

    mutating func readArray<Element>(
        _ field: StaticString, _ read: (inout RecordReader) throws(LedgerRecordDecodingError) -> Element
    ) throws(LedgerRecordDecodingError) -> [Element] {
        let count = try readCount(field)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try read(&self)) }
        return elements
    }

    // MARK: Enumerations

    mutating func readCollection(_ field: StaticString) throws(LedgerRecordDecodingError) -> PaymentCollection {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.paymentCollection(index) else {
            throw failure("\(field) index \(index) is no payment collection", at: start)
        }
        return value
    }

    mutating func readScope(_ field: StaticString) throws(LedgerRecordDecodingError) -> PaymentScope {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.paymentScope(index) else {
            throw failure("\(field) index \(index) is no payment scope", at: start)
        }
        return value
    }

    mutating func readFormOfPayment(_ field: StaticString) throws(LedgerRecordDecodingError) -> FormOfPayment {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.formOfPayment(index) else {
            throw failure("\(field) index \(index) is no form of payment", at: start)
        }
        return value
    }

    mutating func readStatus(_ field: StaticString) throws(LedgerRecordDecodingError) -> PaymentStatus {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.paymentStatus(index) else {
            throw failure("\(field) index \(index) is no payment status", at: start)
        }
        return value
    }

    mutating func readRefundStatus(_ field: StaticString) throws(LedgerRecordDecodingError) -> LedgerRefund.Status {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.refundStatus(index) else {
            throw failure("\(field) index \(index) is no refund status", at: start)
        }
        return value
    }

    mutating func readBookingState(_ field: StaticString) throws(LedgerRecordDecodingError) -> BookingState {
        let start = offset
        let index = try readByte(field)
        guard let value = EnumerationTable.bookingState(index) else {
            throw failure("\(field) index \(index) is no booking state", at: start)
        }
        return value
    }

    // MARK: Values

    /// An identifier exactly as written: any identifier the ledger holds reads back, including
    /// one a string literal made invalid, while text with uncollapsed white space, which no
    /// identifier has, is refused.
    mutating func readIdentifier(_ field: StaticString) throws(LedgerRecordDecodingError) -> Identifier {
        let start = offset
        let text = try readString(field)
        let identifier = Identifier(stringLiteral: text)
        guard identifier.value == text else {
            throw failure("\(field) is no identifier: its white space is not collapsed", at: start)
        }
        return identifier
    }

    mutating func readOptionalIdentifier(_ field: StaticString) throws(LedgerRecordDecodingError) -> Identifier? {
        guard try readPresence(field) else { return nil }
        return try readIdentifier(field)
    }

    mutating func readCurrency(_ field: StaticString) throws(LedgerRecordDecodingError) -> CurrencyCode {
        let start = offset
        guard remaining >= 3 else { throw failure("the record ends inside \(field)", at: start) }
        let letters = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset &+ 3)])
        offset &+= 3
        if letters[0] == 0x45, letters[1] == 0x55, letters[2] == 0x52 { return .eur }
        guard let currency = CurrencyCode(String(decoding: letters, as: UTF8.self)) else {
            throw failure("\(field) is not three letters A-Z", at: start)
        }
        return currency
    }

    mutating func readDecimal(_ field: StaticString) throws(LedgerRecordDecodingError) -> Decimal {
        let start = offset
        let header = try readByte(field)
        if header == 0x0E {
            let scale = try readVarint(field)
            guard scale <= 18 else { throw failure("\(field) has a scale of \(scale), more than 18", at: start) }
            let scaled = try readSigned(field)
            return XMLDecimal.decimal(scaledInteger: scaled, fractionDigits: Int(scale))
        }
        if header == 0x0D {
            let isNegative = try readBool(field)
            let exponent = try readSigned(field)
            guard exponent >= -128, exponent <= 127 else {
                throw failure("\(field) has exponent \(exponent), outside -128...127", at: start)
            }
            let digits = try readString(field)
            guard !digits.isEmpty, digits.utf8.count <= 40, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let significand = Decimal(string: digits, locale: nil)
            else { throw failure("\(field) has a malformed significand", at: start) }
            return Decimal(sign: isNegative ? .minus : .plus, exponent: Int(exponent), significand: significand)
        }
        guard version == 1 || header == 0x0F else {
            throw failure("\(field) is not written as a format \(version) decimal", at: start)
        }
        if header == 0x0F {
            let text = try readString(field)
            if text == "NaN" { return .nan }
            guard let value = Decimal(string: text, locale: nil) else {
                throw failure("\(field) is not a decimal number", at: start)
            }
            return value
        }
        let length = header & 0x0F
        guard length <= DecimalFields.maximumLength else {
            throw failure("\(field) has a mantissa of \(length) words, more than 8", at: start)
        }
        let exponent = try readSigned(field)
        guard let exponent8 = Int8(exactly: exponent) else {
            throw failure("\(field) has exponent \(exponent), outside -128...127", at: start)
        }
        let low = try readVarint(field)
        let high = header & 0x80 != 0 ? try readVarint(field) : 0
        let reserved = header & 0x40 != 0 ? try readVarint(field) : 0
        guard reserved <= UInt64(DecimalFields.maximumReserved) else {
            throw failure("\(field) has reserved bits beyond 18", at: start)
        }
        let fields = DecimalFields(
            exponent: exponent8, length: length, isNegative: header & 0x10 != 0, isCompact: header & 0x20 != 0,
            reserved: UInt32(truncatingIfNeeded: reserved), mantissaLow: low, mantissaHigh: high)
        guard let layout = DecimalFields.Layout.current else { return fields.portableDecimal }
        return fields.decimal(layout: layout)
    }

    /// A stamp inside an event: the actor, then milliseconds since 1970 within the years 0001–9999.
    mutating func readStamp(_ field: StaticString) throws(LedgerRecordDecodingError) -> AuditStamp {
        let actor = try readString(field)
        let millisecondsOffset = offset
        let milliseconds = try readSigned(field)
        guard milliseconds.magnitude <= Self.latestMilliseconds.magnitude else {
            throw failure("\(field) is beyond the year 9999", at: millisecondsOffset)
        }
        return AuditStamp(
            actor: LedgerActor(rawValue: actor), time: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The last millisecond of the year 9999 since 1970: no stamp is later (or as far before 1970).
    static let latestMilliseconds: Int64 = 253_402_300_799_999

    mutating func readAmount(_ field: StaticString) throws(LedgerRecordDecodingError) -> CurrencyAmount {
        let amount = try readDecimal(field)
        let currency = try readCurrency(field)
        return CurrencyAmount(amount: amount, currency: currency)
    }

    mutating func readOptionalAmount(_ field: StaticString) throws(LedgerRecordDecodingError) -> CurrencyAmount? {
        guard try readPresence(field) else { return nil }
        return try readAmount(field)
    }

    mutating func readOptionalInt(_ field: StaticString) throws(LedgerRecordDecodingError) -> Int? {
        guard try readPresence(field) else { return nil }
        return try readInt(field)
    }

    mutating func readDate(_ field: StaticString) throws(LedgerRecordDecodingError) -> XMLDate {
        let start = offset
        let year = try readInt(field)
        let month = try readInt(field)
        let day = try readInt(field)
        let offsetMinutes = try readOptionalInt(field)
        guard let date = XMLDate(year: year, month: month, day: day, timeZoneOffsetMinutes: offsetMinutes) else {
            throw failure("\(field) is no valid date (\(year)-\(month)-\(day))", at: start)
        }
        return date
    }

    mutating func readOptionalDate(_ field: StaticString) throws(LedgerRecordDecodingError) -> XMLDate? {
        guard try readPresence(field) else { return nil }
        return try readDate(field)
    }

    mutating func readYearMonth(_ field: StaticString) throws(LedgerRecordDecodingError) -> XMLYearMonth {
        let start = offset
        let year = try readInt(field)
        let month = try readInt(field)
        let offsetMinutes = try readOptionalInt(field)
        guard let value = XMLYearMonth(year: year, month: month, timeZoneOffsetMinutes: offsetMinutes) else {
            throw failure("\(field) is no valid year and month (\(year)-\(month))", at: start)
        }
        return value
    }

    mutating func readTraveller() throws(LedgerRecordDecodingError) -> Traveller {
        let identifier = try readIdentifier("a traveller's identifier")
        let salutation = try readOptionalString("a traveller's salutation")
        let prename = try readOptionalString("a traveller's prename")
        let surname = try readString("a traveller's surname")
        let birthDate = try readOptionalDate("a traveller's birth date")
        let email = try readOptionalString("a traveller's email")
        return Traveller(
            identifier: identifier, salutation: salutation, prename: prename, surname: surname,
            birthDate: birthDate, email: email)
    }

    mutating func readAgency() throws(LedgerRecordDecodingError) -> AgencyInformation {
        let agency = try readString("the agency")
        let agentId = try readOptional("the agent id") { reader throws(LedgerRecordDecodingError) in
            let start = reader.offset
            let value = try reader.readSigned("the agent id")
            guard let agentId = Int32(exactly: value) else {
                throw reader.failure("the agent id \(value) is out of range", at: start)
            }
            return agentId
        }
        return AgencyInformation(agency: agency, agentId: agentId)
    }

    mutating func readServiceProvider() throws(LedgerRecordDecodingError) -> PaymentServiceProvider {
        let name = try readString("the service provider's name")
        let logoURL = try readOptionalString("the service provider's logo URL")
        let description = try readOptionalString("the service provider's description")
        return PaymentServiceProvider(name: name, logoURL: logoURL, description: description)
    }

    mutating func readOptionalServiceProvider() throws(LedgerRecordDecodingError) -> PaymentServiceProvider? {
        guard try readPresence("a service provider") else { return nil }
        return try readServiceProvider()
    }

    mutating func readPaymentOption() throws(LedgerRecordDecodingError) -> PaymentOption {
        let collection = try readOptional("a payment option's collection") {
            reader throws(LedgerRecordDecodingError) in
            try reader.readCollection("a payment option's collection")
        }
        let formOfPayment = try readFormOfPayment("a payment option's form of payment")
        let fixedFee = try readOptionalAmount("a payment option's fixed fee")
        let percentFee = try readOptional("a payment option's percent fee") {
            reader throws(LedgerRecordDecodingError) in
            let start = reader.offset
            let value = try reader.readDecimal("a payment option's percent fee")
            guard let percentage = Percentage(value) else {
                throw reader.failure("a payment option's percent fee is no percentage", at: start)
            }
            return percentage
        }
        let acceptedCardTypes = try readArray("a payment option's accepted card types") {
            reader throws(LedgerRecordDecodingError) in
            try reader.readString("an accepted card type")
        }
        let provider = try readOptionalServiceProvider()
        let description = try readOptionalString("a payment option's description")
        return PaymentOption(
            collection: collection, formOfPayment: formOfPayment, fixedFee: fixedFee, percentFee: percentFee,
            acceptedCardTypes: acceptedCardTypes, paymentServiceProvider: provider, description: description)
    }

    mutating func readPersonDetails() throws(LedgerRecordDecodingError) -> PersonDetails {
        let salutation = try readOptionalString("the owner's salutation")
        let prename = try readOptionalString("the owner's prename")
        let surname = try readString("the owner's surname")
        let street = try readOptionalString("the owner's street")
        let postalCode = try readOptionalString("the owner's postal code")
        let city = try readOptionalString("the owner's city")
        let countryCode = try readOptional("the owner's country code") { reader throws(LedgerRecordDecodingError) in
            let start = reader.offset
            let text = try reader.readString("the owner's country code")
            guard let code = CountryCode(text) else {
                throw reader.failure("the owner's country code is not two letters A-Z", at: start)
            }
            return code
        }
        let email = try readOptionalString("the owner's email")
        let phone = try readOptionalString("the owner's phone")
        return PersonDetails(
            salutation: salutation, prename: prename, surname: surname, street: street, postalCode: postalCode,
            city: city, countryCode: countryCode, email: email, phone: phone)
    }

    mutating func readCashHolder() throws(LedgerRecordDecodingError) -> CashHolder {
        let start = offset
        let tag = try readByte("the cash holder")
        switch CashHolderTag(rawValue: tag) {
        case .assignedToBookingOwner:
            return .assignedToBookingOwner(try readBool("the booking-owner flag"))
        case .assignedToTraveller:
            return .assignedToTraveller(try readIdentifier("the cash holder's traveller"))
        case .ownerDetails:
            return .ownerDetails(try readPersonDetails())
        case nil:
            throw failure("the cash holder tag \(tag) is unknown", at: start)
        }
    }

    mutating func readCreditCard() throws(LedgerRecordDecodingError) -> CreditCard {
        let cardType = try readString("the card type")
        let masked = try readOptionalString("the masked card number")
        let expiryDate = try readYearMonth("the card's expiry date")
        let holderName = try readOptionalString("the card holder's name")
        return CreditCard(cardType: cardType, maskedCardNumber: masked, expiryDate: expiryDate, holderName: holderName)
    }

    mutating func readSpecialisation() throws(LedgerRecordDecodingError) -> PaymentSpecialisation {
        let start = offset
        let tag = try readByte("the payment specialisation")
        switch SpecialisationTag(rawValue: tag) {
        case .unspecified:
            return .unspecified
        case .invoice:
            return .invoice
        case .creditCard:
            let card = try readOptional("the credit card") { reader throws(LedgerRecordDecodingError) in
                try reader.readCreditCard()
            }
            let token = try readOptionalString("the PCI token")
            let issuer = try readOptionalString("the PCI token issuer")
            let bin = try readOptionalString("the PCI BIN")
            return .creditCard(
                CreditCardPayment(creditCard: card, pciToken: token, pciTokenIssuer: issuer, pciBin: bin))
        case .directDebit:
            let ibanStart = offset
            let ibanText = try readString("the IBAN")
            guard let iban = IBAN(ibanText) else { throw failure("the IBAN is malformed", at: ibanStart) }
            let bic = try readOptional("the BIC") { reader throws(LedgerRecordDecodingError) in
                let bicStart = reader.offset
                guard let bic = BIC(try reader.readString("the BIC")) else {
                    throw reader.failure("the BIC is malformed", at: bicStart)
                }
                return bic
            }
            let holder = try readString("the account holder")
            let reference = try readOptionalString("the mandate reference")
            let date = try readOptionalDate("the mandate date")
            return .directDebit(
                DirectDebitPayment(
                    iban: iban, bic: bic, accountHolder: holder, mandateReference: reference, mandateDate: date))
        case .eBanking:
            let provider = try readString("the e-banking provider")
            let reference = try readOptionalString("the e-banking transaction reference")
            return .eBanking(EBankingPayment(provider: provider, transactionReference: reference))
        case .eWallet:
            let provider = try readString("the e-wallet provider")
            let account = try readOptionalString("the e-wallet account id")
            let reference = try readOptionalString("the e-wallet transaction reference")
            return .eWallet(EWalletPayment(provider: provider, accountId: account, transactionReference: reference))
        case .installment:
            let installments = try readArray("the instalments") { reader throws(LedgerRecordDecodingError) in
                let number = try reader.readInt("an instalment's number")
                let dueDate = try reader.readDate("an instalment's due date")
                let amount = try reader.readAmount("an instalment's amount")
                return Installment(number: number, dueDate: dueDate, amount: amount)
            }
            return .installment(InstallmentPayment(installments: installments))
        case .voucher:
            let code = try readString("the voucher code")
            let issuer = try readOptionalString("the voucher issuer")
            return .voucher(VoucherPayment(voucherCode: code, voucherIssuer: issuer))
        case .unknown:
            let namespace = try readOptionalString("the unknown payment type's namespace")
            let localName = try readString("the unknown payment type's local name")
            return .unknown(type: XMLQualifiedName(namespace: namespace, localName: localName), extraElements: [])
        case nil:
            throw failure("the payment specialisation tag \(tag) is unknown", at: start)
        }
    }

    mutating func readPayment() throws(LedgerRecordDecodingError) -> LedgerPayment {
        let identifier = try readIdentifier("the payment's identifier")
        let collection = try readCollection("the payment's collection")
        let scope = try readScope("the payment's scope")
        let formOfPayment = try readOptional("the payment's form of payment") {
            reader throws(LedgerRecordDecodingError) in
            try reader.readFormOfPayment("the payment's form of payment")
        }
        let currency = try readCurrency("the payment's currency")
        let scaleOffset = offset
        let scale = version >= 2 ? try readVarint("the scale of the payment's amounts") : UInt64(currency.minorUnits)
        let amountOffset = offset
        let amountMinorUnits = try rescale(
            try readSigned("the payment's amount"), from: scale, to: currency.minorUnits, at: amountOffset,
            scaleAt: scaleOffset)
        let feeOffset = offset
        let feeMinorUnits = try rescale(
            try readSigned("the payment's fee"), from: scale, to: currency.minorUnits, at: feeOffset,
            scaleAt: scaleOffset)
        let status = try readStatus("the payment's status")
        let entryDate = try readOptionalDate("the payment's entry date")
        let settlementDate = try readOptionalDate("the payment's settlement date")
        let transactionReference = try readOptionalString("the payment's transaction reference")
        let authorizationCode = try readOptionalString("the payment's authorisation code")
        let failureReason = try readOptionalString("the payment's failure reason")
        let serviceProvider = try readOptionalServiceProvider()
        let cashHolder = try readOptional("the cash holder") { reader throws(LedgerRecordDecodingError) in
            try reader.readCashHolder()
        }
        let specialisation = try readSpecialisation()
        // The initialiser that takes the stored minor units: exact, and like the public one it
        // drops a card's number and security code.
        return LedgerPayment(
            identifier: identifier, collection: collection, scope: scope, formOfPayment: formOfPayment,
            currency: currency, amountMinorUnits: amountMinorUnits, feeMinorUnits: feeMinorUnits, status: status,
            entryDate: entryDate, settlementDate: settlementDate, transactionReference: transactionReference,
            authorizationCode: authorizationCode, failureReason: failureReason, serviceProvider: serviceProvider,
            cashHolder: cashHolder, specialisation: specialisation)
    }

    /// Minor units written at one scale, in today's minor units of the currency: exact, or refused.
    private func rescale(
        _ units: Int64, from scale: UInt64, to minorUnits: Int, at offset: Int, scaleAt scaleOffset: Int
    ) throws(LedgerRecordDecodingError) -> Int64 {
        guard scale <= 18 else { throw failure("the amounts' scale \(scale) is more than 18", at: scaleOffset) }
        let from = Int(scale)
        if from == minorUnits { return units }
        var factor: Int64 = 1
        for _ in 0..<abs(minorUnits - from) { factor &*= 10 }
        if minorUnits > from {
            let (result, overflow) = units.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw failure("the amount does not fit today's minor units", at: offset) }
            return result
        }
        guard units % factor == 0 else {
            throw failure(
                "the amount has \(from) fraction digits; today's ISO 4217 table allows \(minorUnits)", at: offset)
        }
        return units / factor
    }

    mutating func readScheduledPayment() throws(LedgerRecordDecodingError) -> ScheduledPayment {
        let scope = try readScope("a scheduled payment's scope")
        let dueDate = try readDate("a scheduled payment's due date")
        let amount = try readAmount("a scheduled payment's amount")
        let identifier = try readIdentifier("a scheduled payment's identifier")
        return ScheduledPayment(scope: scope, dueDate: dueDate, amount: amount, identifier: identifier)
    }

    mutating func readTravellers() throws(LedgerRecordDecodingError) -> [Traveller] {
        try readArray("the travellers") { reader throws(LedgerRecordDecodingError) in try reader.readTraveller() }
    }

    mutating func readSchedule() throws(LedgerRecordDecodingError) -> [ScheduledPayment] {
        try readArray("the schedule") { reader throws(LedgerRecordDecodingError) in
            try reader.readScheduledPayment()
        }
    }

    mutating func readBooking() throws(LedgerRecordDecodingError) -> LedgerBooking {
        let id = try readIdentifier("the booking id")
        let state = try readBookingState("the booking state")
        let agency = try readOptional("the agency") { reader throws(LedgerRecordDecodingError) in
            try reader.readAgency()
        }
        let seller = try readOptionalString("the seller")
        let branch = try readOptionalString("the branch")
        let leadTraveller = try readOptionalIdentifier("the lead traveller")
        let travellers = try readTravellers()
        let customerEmail = try readOptionalString("the customer email")
        let departureDate = try readDate("the departure date")
        let returnDate = try readOptionalDate("the return date")
        let createdOn = try readDate("the creation date")
        let cancelledOn = try readOptionalDate("the cancellation date")
        let totalPrice = try readAmount("the total price")
        let currency = try readOptional("the booking currency") { reader throws(LedgerRecordDecodingError) in
            try reader.readCurrency("the booking currency")
        }
        let collection = try readCollection("the booking's collection")
        let paymentOptions = try readArray("the payment options") { reader throws(LedgerRecordDecodingError) in
            try reader.readPaymentOption()
        }
        let schedule = try readSchedule()
        let payments = try readArray("the payments") { reader throws(LedgerRecordDecodingError) in
            try reader.readPayment()
        }
        var booking = LedgerBooking(
            id: id, state: state, agency: agency, seller: seller, branch: branch, leadTraveller: leadTraveller,
            travellers: travellers, customerEmail: customerEmail, departureDate: departureDate,
            returnDate: returnDate, createdOn: createdOn, cancelledOn: cancelledOn,
            totalPrice: currency.map { CurrencyAmount(amount: totalPrice.amount, currency: $0) } ?? totalPrice,
            collection: collection, paymentOptions: paymentOptions, schedule: schedule, payments: payments)
        if currency != nil { booking.totalPrice = totalPrice }
        return booking
    }

    @inline(__always)
    mutating func readEvent() throws(LedgerRecordDecodingError) -> LedgerEvent {
        let start = offset
        let tag = try readByte("the event tag")
        switch EventTag(rawValue: tag) {
        case .bookingCreated:
            let booking = try readBooking()
            let digest = try readOptionalString("the request digest")
            try expectEnd()
            return .bookingCreated(booking, requestDigest: digest)
        case .bookingModified:
            let bookingId = try readIdentifier("the booking id")
            let totalPrice = try readAmount("the new total price")
            let departureDate = try readDate("the new departure date")
            let returnDate = try readOptionalDate("the new return date")
            let travellers = try readTravellers()
            let leadTraveller = try readOptionalIdentifier("the new lead traveller")
            let customerEmail = try readOptionalString("the new customer email")
            let schedule = try readSchedule()
            try expectEnd()
            return .bookingModified(
                BookingModification(
                    bookingId: bookingId, totalPrice: totalPrice, departureDate: departureDate,
                    returnDate: returnDate, travellers: travellers, leadTraveller: leadTraveller,
                    customerEmail: customerEmail, schedule: schedule))
        case .bookingCancelled:
            let bookingId = try readIdentifier("the booking id")
            let date = try readDate("the cancellation date")
            let chargedPrice = try readAmount("the charged price")
            try expectEnd()
            return .bookingCancelled(bookingId: bookingId, on: date, chargedPrice: chargedPrice)
        case .paymentEntered, .paymentEnteredInFlight:
            let bookingId = try readIdentifier("the booking id")
            var payment = try readPayment()
            try expectEnd()
            if EventTag(rawValue: tag) == .paymentEnteredInFlight {
                guard payment.status == .open else {
                    throw failure("a payment in flight must be Open", at: start)
                }
                payment.isInFlight = true
            }
            return .paymentEntered(bookingId: bookingId, payment: payment)
        case .paymentProcessed:
            let bookingId = try readIdentifier("the booking id")
            let paymentId = try readIdentifier("the payment id")
            let attemptOffset = offset
            guard let attempt = UInt32(exactly: try readVarint("the attempt")), attempt > 0 else {
                throw failure("the attempt is out of range", at: attemptOffset)
            }
            let status = try readStatus("the status after processing")
            let date = try readDate("the date of the result")
            let transactionReference = try readOptionalString("the transaction reference")
            let authorizationCode = try readOptionalString("the authorisation code")
            let failureReason = try readOptionalString("the failure reason")
            let retryable = try readBool("whether the failure is retryable")
            try expectEnd()
            return .paymentProcessed(
                PaymentProcessingResult(
                    bookingId: bookingId, paymentId: paymentId, attempt: attempt, status: status, date: date,
                    transactionReference: transactionReference, authorizationCode: authorizationCode,
                    failureReason: failureReason, retryable: retryable))
        case .paymentStatusChanged:
            let bookingId = try readIdentifier("the booking id")
            let paymentId = try readIdentifier("the payment id")
            let from = try readStatus("the status before")
            let to = try readStatus("the status after")
            let date = try readDate("the date of the change")
            let transactionReference = try readOptionalString("the transaction reference")
            let authorizationCode = try readOptionalString("the authorisation code")
            let failureReason = try readOptionalString("the failure reason")
            try expectEnd()
            return .paymentStatusChanged(
                PaymentStatusChange(
                    bookingId: bookingId, paymentId: paymentId, from: from, to: to, date: date,
                    transactionReference: transactionReference, authorizationCode: authorizationCode,
                    failureReason: failureReason))
        case .unregisteredPaymentReceived:
            let reference = try readString("the bank reference")
            let source = try readString("the source")
            let paymentDate = try readDate("the payment date")
            let accountingDate = try readOptionalDate("the accounting date")
            let methodCode = try readString("the method code")
            let amount = try readAmount("the amount")
            let feeType = try readOptionalString("the fee type")
            let feeAmount = try readOptionalAmount("the fee amount")
            let remittanceText = try readString("the remittance text")
            let payerName = try readOptionalString("the payer name")
            let ibanStart = offset
            let ibanText = try readOptionalString("the payer IBAN")
            var payerIBAN: IBAN?
            if let ibanText {
                guard let iban = IBAN(ibanText) else { throw failure("the payer IBAN is malformed", at: ibanStart) }
                payerIBAN = iban
            }
            let endToEnd = try readOptionalString("the end-to-end identification")
            try expectEnd()
            return .unregisteredPaymentReceived(
                UnregisteredPayment(
                    reference: reference, source: source, paymentDate: paymentDate, accountingDate: accountingDate,
                    methodCode: methodCode, amount: amount, feeType: feeType, feeAmount: feeAmount,
                    remittanceText: remittanceText, payerName: payerName, payerIBAN: payerIBAN,
                    endToEndIdentification: endToEnd))
        case .unregisteredPaymentAssigned:
            let reference = try readString("the bank reference")
            let bookingId = try readIdentifier("the booking id")
            let paymentId = try readIdentifier("the payment id")
            try expectEnd()
            return .unregisteredPaymentAssigned(reference: reference, bookingId: bookingId, paymentId: paymentId)
        case .unregisteredPaymentUnassigned:
            let reference = try readString("the bank reference")
            let bookingId = try readIdentifier("the booking id")
            let reason = try readString("the reason")
            try expectEnd()
            return .unregisteredPaymentUnassigned(reference: reference, bookingId: bookingId, reason: reason)
        case .unregisteredPaymentReversed:
            let reference = try readString("the bank reference")
            let bookingId = try readOptionalIdentifier("the booking id")
            try expectEnd()
            return .unregisteredPaymentReversed(reference: reference, bookingId: bookingId)
        case .cardPaymentPaidOut:
            let bookingId = try readIdentifier("the booking id")
            let paymentId = try readIdentifier("the payment id")
            let payoutDate = try readDate("the payout date")
            let currency = try readCurrency("the payout's currency")
            let scaleOffset = offset
            let scale = try readVarint("the scale of the payout's amounts")
            let feeOffset = offset
            let fee = try rescale(
                try readSigned("the acquirer's fee"), from: scale, to: currency.minorUnits, at: feeOffset,
                scaleAt: scaleOffset)
            let netOffset = offset
            let net = try rescale(
                try readSigned("the net amount"), from: scale, to: currency.minorUnits, at: netOffset,
                scaleAt: scaleOffset)
            let payoutReference = try readOptionalString("the payout reference")
            let report = try readString("the report")
            try expectEnd()
            return .cardPaymentPaidOut(
                bookingId: bookingId, paymentId: paymentId,
                payout: AcquirerPayout(
                    payoutDate: payoutDate, currency: currency, feeMinorUnits: fee, netMinorUnits: net,
                    payoutReference: payoutReference, report: report))
        case .cardSettlementExceptionRecorded:
            let reasonOffset = offset
            guard
                let reason = EnumerationTable.settlementExceptionReason(
                    try readByte("the reason of the settlement exception"))
            else { throw failure("the reason of the settlement exception is unknown", at: reasonOffset) }
            let detail = try readString("the detail")
            let transactionReference = try readString("the transaction reference")
            let payoutDate = try readDate("the payout date")
            let gross = try readDecimal("the gross amount")
            let fee = try readDecimal("the fee")
            let net = try readDecimal("the net amount")
            let currency = try readCurrency("the currency")
            let payoutReference = try readOptionalString("the payout reference")
            let report = try readString("the report")
            let line = try readInt("the line")
            let bookingId = try readOptionalIdentifier("the booking id")
            let paymentId = try readOptionalIdentifier("the payment id")
            try expectEnd()
            return .cardSettlementExceptionRecorded(
                CardSettlementException(
                    reason: reason, detail: detail, transactionReference: transactionReference,
                    payoutDate: payoutDate, grossAmount: SignedCurrencyAmount(amount: gross, currency: currency),
                    fee: SignedCurrencyAmount(amount: fee, currency: currency),
                    netAmount: SignedCurrencyAmount(amount: net, currency: currency), payoutReference: payoutReference,
                    report: report, line: line, bookingId: bookingId, paymentId: paymentId))
        case .bookingDetailsChanged:
            let bookingId = try readIdentifier("the booking id")
            let customerName = try readOptionalString("the customer name")
            let customerPhone = try readOptionalString("the customer phone")
            let customerEmail = try readOptionalString("the customer email")
            let seller = try readOptionalString("the seller")
            let agency = try readOptionalString("the agency")
            let branch = try readOptionalString("the branch")
            let account = try readOptionalString("the account")
            let financed = try readOptional("the financed flag") { reader throws(LedgerRecordDecodingError) in
                try reader.readBool("the financed flag")
            }
            try expectEnd()
            return .bookingDetailsChanged(
                BookingDetailsChange(
                    bookingId: bookingId, customerName: customerName, customerPhone: customerPhone,
                    customerEmail: customerEmail, seller: seller, agency: agency, branch: branch, account: account,
                    financed: financed))
        case .bookingCommented:
            let bookingId = try readIdentifier("the booking id")
            let text = try readString("the comment")
            let stamp = try readStamp("the comment's stamp")
            try expectEnd()
            return .bookingCommented(bookingId: bookingId, comment: BookingComment(text: text, stamp: stamp))
        case .releaseDecided:
            let bookingId = try readIdentifier("the booking id")
            let isReleased = try readBool("the release decision")
            let stamp = try readStamp("the release decision's stamp")
            try expectEnd()
            return .releaseDecided(
                bookingId: bookingId, decision: ReleaseDecision(isReleased: isReleased, stamp: stamp))
        case .refundRequested:
            let bookingId = try readIdentifier("the booking id")
            let identifier = try readIdentifier("the refund id")
            let amount = try readAmount("the refund amount")
            let methodOffset = offset
            let method: RefundMethod
            switch try readByte("the refund method") {
            case 0: method = .bankTransfer
            case 1: method = .card(paymentId: try readIdentifier("the refunded payment"))
            case 2: method = .other(try readString("the refund method code"))
            case let tag: throw failure("the refund method tag \(tag) is unknown", at: methodOffset)
            }
            let reference = try readOptionalString("the refund reference")
            let forcedReason = try readOptionalString("the forced reason")
            let status = try readRefundStatus("the refund status")
            let requestedOn = try readDate("the request date")
            let resolvedOn = try readOptionalDate("the resolution date")
            let payoutReference = try readOptionalString("the payout reference")
            let failureReason = try readOptionalString("the failure reason")
            let isInFlight = try readBool("whether the refund is in flight")
            try expectEnd()
            return .refundRequested(
                bookingId: bookingId,
                refund: LedgerRefund(
                    identifier: identifier, amount: amount, method: method, reference: reference,
                    forcedReason: forcedReason, status: status, requestedOn: requestedOn, resolvedOn: resolvedOn,
                    payoutReference: payoutReference, failureReason: failureReason, isInFlight: isInFlight))
        case .refundResolved:
            let bookingId = try readIdentifier("the booking id")
            let refundId = try readIdentifier("the refund id")
            let status = try readRefundStatus("the refund status")
            let date = try readDate("the resolution date")
            let payoutReference = try readOptionalString("the payout reference")
            let failureReason = try readOptionalString("the failure reason")
            try expectEnd()
            return .refundResolved(
                RefundResolution(
                    bookingId: bookingId, refundId: refundId, status: status, date: date,
                    payoutReference: payoutReference, failureReason: failureReason))
        case .autopayReservationSet, .autopayCardStored, .autopayCardRemoved, .autopayPaymentsApproved,
            .autopayApprovalWithdrawn, .autopayMemoAdded, .autopayChargeStarted, .autopayMandateStored,
            .autopayMandateRevoked:
            let event = try readAutopayEvent(tag: tag, at: start)
            try expectEnd()
            return .autopay(event)
        case .gdsRecordAdded, .gdsRecordEdited:
            let event = try readGDSEvent(tag: tag)
            try expectEnd()
            return .gds(event)
        case .portalTokenIssued, .portalTokenRedeemed, .portalTokenRevoked:
            let event = try readPortalTokenEvent(tag: tag)
            try expectEnd()
            return .portalToken(event)
        case .servicesRecorded:
            let event = try readBookedServicesEvent()
            try expectEnd()
            return .servicesRecorded(event)
        case nil:
            throw failure("the event tag \(tag) is unknown", at: start)
        }
    }
}
