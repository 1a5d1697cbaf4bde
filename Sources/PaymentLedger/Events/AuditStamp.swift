public import Foundation

/// Who made a change: `agency:123456`, `user:anna`, `system:autopay`, `customer:7KQ4M2XG`, ….
///
/// The ledger stamps every change with the actor bound to the calling task
/// (``Ledger/actor``) or, when none is bound, with ``LedgerConfiguration/defaultActor``. The
/// message handler binds `agency:` and the agency number of each request.
public struct LedgerActor: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The actor as text: a kind, a colon and a name.
    public let rawValue: String

    /// Creates an actor from its text; control characters are replaced and the text is cut at
    /// 200 characters.
    ///
    /// - Parameter rawValue: Such as `user:anna`.
    public init(rawValue: String) {
        // The common case, printable ASCII within the limit, is kept as it is without a copy:
        // replay reads one actor per record.
        let utf8 = rawValue.utf8
        if utf8.count <= 200, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            self.rawValue = rawValue
            return
        }
        var cleaned = String.UnicodeScalarView()
        for scalar in rawValue.unicodeScalars.prefix(200) {
            cleaned.append(scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar)
        }
        self.rawValue = String(cleaned)
    }

    /// Creates an actor from a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// An agency, by its number.
    public static func agency(_ number: String) -> LedgerActor { LedgerActor(rawValue: "agency:" + number) }
    /// A member of staff, by login.
    public static func user(_ login: String) -> LedgerActor { LedgerActor(rawValue: "user:" + login) }
    /// A part of the system, such as `autopay`.
    public static func system(_ name: String) -> LedgerActor { LedgerActor(rawValue: "system:" + name) }
    /// A customer, by booking reference.
    public static func customer(_ booking: String) -> LedgerActor { LedgerActor(rawValue: "customer:" + booking) }
    /// The actor of changes journaled before actors were recorded (format 1 records).
    public static let unknown: LedgerActor = "unknown"

    /// The text.
    public var description: String { rawValue }
}

/// Who made a change and when: every event of the change carries it.
public struct AuditStamp: Hashable, Sendable {
    /// Who.
    public var actor: LedgerActor
    /// When, to the millisecond, in UTC.
    public var time: Date

    /// Creates a stamp.
    ///
    /// - Parameters:
    ///   - actor: Who.
    ///   - time: When; kept to the millisecond.
    public init(actor: LedgerActor, time: Date) {
        self.actor = actor
        self.time = Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    var milliseconds: Int64 {
        let value = (time.timeIntervalSince1970 * 1000).rounded()
        return Int64(exactly: value) ?? 0
    }
}

/// One event of a booking's history, with its stamp.
public struct LedgerHistoryEntry: Hashable, Sendable {
    /// The event.
    public let event: LedgerEvent
    /// Who and when; `nil` for events journaled before stamps were recorded.
    public let stamp: AuditStamp?
    /// The record's byte offset in the journal, where known.
    public let byteOffset: Int?
}

extension LedgerHistoryEntry {
    /// Reads one record of a ledger's journal (the bytes a ``LedgerJournal`` stores), as a
    /// journal store that keeps records of several writers needs to tell which record entered a
    /// payment in flight.
    ///
    /// - Parameters:
    ///   - journalRecord: One record, as the ledger handed it to the journal.
    ///   - byteOffset: Where the record is stored, if the store has offsets. Default `nil`.
    /// - Returns: `nil` when the bytes are not a record this library reads.
    public init?(journalRecord: Data, byteOffset: Int? = nil) {
        guard let decoded = try? LedgerRecordCodec.decodeRecord(journalRecord) else { return nil }
        self.init(event: decoded.event, stamp: decoded.stamp, byteOffset: byteOffset)
    }
}
