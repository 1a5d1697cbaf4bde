public import Foundation
public import StringPayments

/// The configuration of autopay: distribution channels, payment term sets, retries, run windows
/// and whether the ledger is production.
///
/// It is kept as the JSON file ``fileName`` in the ledger's directory, beside the journal,
/// because it is configuration of the tour operator rather than a fact about a booking: it
/// is edited by the `drv-payments channel`, `term-set` and `autopay config` commands (or by
/// hand) and read by every run. The file is input the ledger did not write, so
/// ``decode(_:)`` trusts nothing in it: it refuses a file over 1 MiB, unknown keys, duplicate
/// identifiers and values out of range, naming the key.
///
/// ```json
/// {
///   "production": true,
///   "retryCount": 5,
///   "lookbackDays": 0,
///   "instalmentWindow": { "fromHour": 1, "toHour": 5 },
///   "resellerWindow": { "fromHour": 0, "toHour": 23 },
///   "channels": [ { "id": "WEB", "autopay": true, "payer": "Guest" } ],
///   "termSets": [ { "id": "STANDARD", "autopay": true } ]
/// }
/// ```
public struct AutopaySettings: Hashable, Sendable {
    /// A distribution channel: whether autopay charges its bookings, and in whose name.
    public struct Channel: Hashable, Sendable {
        /// The channel's identifier, as bookings name it.
        public var id: Identifier
        /// Whether autopay is switched on for the channel.
        public var autopay: Bool
        /// The party in whose name a successful charge is entered; autopay needs one.
        public var payer: String?

        /// Creates a channel.
        ///
        /// - Parameters:
        ///   - id: The identifier.
        ///   - autopay: The autopay switch.
        ///   - payer: The autopay payer.
        public init(id: Identifier, autopay: Bool, payer: String?) {
            self.id = id
            self.autopay = autopay
            self.payer = payer
        }
    }

    /// A payment term set: whether its instalments are charged by autopay.
    public struct TermSet: Hashable, Sendable {
        /// The term set's identifier, as bookings name it.
        public var id: Identifier
        /// Whether autopay is switched on for the term set.
        public var autopay: Bool

        /// Creates a term set.
        ///
        /// - Parameters:
        ///   - id: The identifier.
        ///   - autopay: The autopay switch.
        public init(id: Identifier, autopay: Bool) {
            self.id = id
            self.autopay = autopay
        }
    }

    /// The hours of the day (UTC) in which a run may start, both included.
    public struct Window: Hashable, Sendable {
        /// The first hour, 0...23.
        public var fromHour: Int
        /// The last hour, `fromHour`...23.
        public var toHour: Int

        /// Creates a window.
        ///
        /// - Parameters:
        ///   - fromHour: The first hour.
        ///   - toHour: The last hour.
        public init(fromHour: Int, toHour: Int) {
            self.fromHour = fromHour
            self.toHour = toHour
        }

        /// Whether the hour lies in the window.
        public func contains(hour: Int) -> Bool { (fromHour...max(fromHour, toHour)).contains(hour) }
    }

    /// The file's name in the ledger directory: `autopay.json`.
    public static let fileName = "autopay.json"
    /// The largest file read: 1 MiB, which protects against a runaway file.
    public static let maximumFileSize = 1 << 20

    /// Whether the ledger is production: runs on any other are refused unless forced. The
    /// default is `false`, so that a test ledger never charges by itself.
    public var production = false
    /// How many declined attempts autopay makes for one instalment before it gives up,
    /// 1...100. The default is 5, the seed's. Attempts that failed for a technical reason (a run
    /// interrupted, an answer lost) do not count, up to three times this number of attempts in all.
    public var retryCount = 5
    /// How many days before yesterday instalmet autopay still looks for due instalments it has
    /// never tried (a run missed), 0...31. The default is 0: only yesterday's.
    public var lookbackDays = 0
    /// When instalment autopay runs: the default is 01:00 to 05:00 UTC, five hourly runs.
    public var instalmentWindow = Window(fromHour: 1, toHour: 5)
    /// When reseller autopay runs: the default is every hour.
    public var resellerWindow = Window(fromHour: 0, toHour: 23)
    /// SEPA direct debit: the creditor, the pain.008 version and the lead times; `nil` (the
    /// default) when the tour operator does not collect by direct debit.
    public var directDebit: DirectDebitSettings?
    /// The distribution channels.
    public var channels: [Channel] = []
    /// The payment term sets.
    public var termSets: [TermSet] = []

    /// Creates the default settings: not production, 5 attempts, the seed's windows, no channels.
    public init() {}

    /// The channel with the identifier.
    public func channel(_ id: Identifier) -> Channel? { channels.first { $0.id == id } }

    /// The term set with the identifier.
    public func termSet(_ id: Identifier) -> TermSet? { termSets.first { $0.id == id } }

    /// The window of a kind of run.
    public func window(for kind: AutopayKind) -> Window {
        kind == .reseller ? resellerWindow : instalmentWindow
    }

    /// Adds or replaces a channel, keeping the order.
    public mutating func setChannel(_ channel: Channel) {
        if let index = channels.firstIndex(where: { $0.id == channel.id }) {
            channels[index] = channel
        } else {
            channels.append(channel)
        }
    }

    /// Adds or replaces a term set, keeping the order.
    public mutating func setTermSet(_ termSet: TermSet) {
        if let index = termSets.firstIndex(where: { $0.id == termSet.id }) {
            termSets[index] = termSet
        } else {
            termSets.append(termSet)
        }
    }

    // MARK: - Files

    /// Reads the settings of a ledger directory; the defaults when it has no file.
    ///
    /// - Parameter directory: The ledger's directory.
    /// - Returns: The settings.
    /// - Throws: ``AutopayError`` with code `configuration-unreadable` or `configuration-invalid`.
    public static func load(fromLedger directory: URL) throws(AutopayError) -> AutopaySettings {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return AutopaySettings() }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw AutopayError(
                code: .configurationUnreadable, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        guard data.count <= maximumFileSize else {
            throw AutopayError(
                code: .configurationUnreadable, message: "\(url.path) is larger than \(maximumFileSize) bytes")
        }
        return try decode(data)
    }

    /// Writes the settings into a ledger directory, atomically (a new file renamed over the old).
    ///
    /// - Parameter directory: The ledger's directory.
    /// - Throws: ``AutopayError`` with code `configuration-unreadable` when the file cannot be written.
    public func save(toLedger directory: URL) throws(AutopayError) {
        let url = directory.appendingPathComponent(Self.fileName)
        do {
            try encoded().write(to: url, options: .atomic)
        } catch {
            throw AutopayError(
                code: .configurationUnreadable, message: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The settings as JSON: keys in a fixed order, two-space indentation, a final line feed.
    public func encoded() -> Data {
        func string(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }
        func window(_ window: Window) -> String { "{ \"fromHour\": \(window.fromHour), \"toHour\": \(window.toHour) }" }
        let channelLines = channels.map { channel in
            "    { \"id\": \(string(channel.id.value)), \"autopay\": \(channel.autopay), \"payer\": "
                + (channel.payer.map(string) ?? "null") + " }"
        }
        var directDebitText = ""
        if let directDebit {
            directDebitText =
                "\n  \"directDebit\": { \"creditorName\": \(string(directDebit.creditor.name)), "
                + "\"creditorIBAN\": \(string(directDebit.creditor.iban.value)), \"creditorBIC\": "
                + (directDebit.creditor.bic.map { string($0.value) } ?? "null")
                + ", \"creditorId\": \(string(directDebit.creditor.creditorId)), "
                + "\"version\": \(string(directDebit.version.rawValue)), "
                + "\"submissionLeadDays\": \(directDebit.submissionLeadDays), "
                + "\"preNotificationDays\": \(directDebit.preNotificationDays) },"
        }
        let termSetLines = termSets.map { "    { \"id\": \(string($0.id.value)), \"autopay\": \($0.autopay) }" }
        func list(_ lines: [String]) -> String {
            lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n  ]"
        }
        let text = """
            {
              "production": \(production),
              "retryCount": \(retryCount),
              "lookbackDays": \(lookbackDays),
              "instalmentWindow": \(window(instalmentWindow)),
              "resellerWindow": \(window(resellerWindow)),\(directDebitText)
              "channels": \(list(channelLines)),
              "termSets": \(list(termSetLines))
            }

            """
        return Data(text.utf8)
    }

    /// Reads settings from JSON, checking every key and value.
    ///
    /// - Parameter data: The file's contents.
    /// - Returns: The settings; keys left out keep their defaults.
    /// - Throws: ``AutopayError`` with code `configuration-invalid`, naming the key.
    public static func decode(_ data: Data) throws(AutopayError) -> AutopaySettings {
        do {
            return try JSONDecoder().decode(StrictSettings.self, from: data).settings
        } catch let error as AutopayError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.keyNotFound(_, context), let DecodingError.dataCorrupted(context)
        {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            let trimmed = path.hasPrefix(".") ? String(path.dropFirst()) : path
            throw AutopayError(
                code: .configurationInvalid,
                message: (trimmed.isEmpty ? "" : "\(trimmed): ")
                    + (context.codingPath.isEmpty
                        ? "the file is not a JSON object" : "a value of the wrong type or missing"))
        } catch {
            throw AutopayError(code: .configurationInvalid, message: "the file is not valid JSON")
        }
    }
}

/// The strict reading of the settings file: every object refuses keys it does not know, and
/// every value is checked where it is read, so the error names its key.
private struct StrictSettings: Decodable {
    var settings = AutopaySettings()

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func invalid(_ container: KeyedDecodingContainer<Key>, _ key: String, _ message: String) -> AutopayError {
        let path = (container.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue } + ["." + key])
            .joined()
        return AutopayError(code: .configurationInvalid, message: String(path.dropFirst()) + ": " + message)
    }

    static func container(
        _ decoder: any Decoder, keys: Set<String>
    ) throws -> KeyedDecodingContainer<Key> {
        let container = try decoder.container(keyedBy: Key.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !keys.contains($0) }) {
            throw invalid(container, unknown, "unknown key")
        }
        return container
    }

    static func int(_ container: KeyedDecodingContainer<Key>, _ key: String, in range: ClosedRange<Int>) throws -> Int?
    {
        // Read as a number and checked here, so that 2.5 is refused naming its key.
        guard let number = try container.decodeIfPresent(Double.self, forKey: Key(key)) else { return nil }
        guard let value = Int(exactly: number), range.contains(value) else {
            throw invalid(container, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func identifier(_ container: KeyedDecodingContainer<Key>, _ key: String) throws -> Identifier {
        let text = try container.decode(String.self, forKey: Key(key))
        guard let id = Identifier(text), id.value == text else {
            throw invalid(container, key, "must be an identifier of 1 to 64 characters")
        }
        return id
    }

    struct WindowValue: Decodable {
        var window: AutopaySettings.Window
        init(from decoder: any Decoder) throws {
            let container = try StrictSettings.container(decoder, keys: ["fromHour", "toHour"])
            let from = try StrictSettings.int(container, "fromHour", in: 0...23)
            let to = try StrictSettings.int(container, "toHour", in: 0...23)
            guard let from, let to else {
                throw StrictSettings.invalid(container, "fromHour", "needs toHour beside it")
            }
            guard from <= to else { throw StrictSettings.invalid(container, "toHour", "is before fromHour") }
            window = AutopaySettings.Window(fromHour: from, toHour: to)
        }
    }

    struct ChannelValue: Decodable {
        var channel: AutopaySettings.Channel
        init(from decoder: any Decoder) throws {
            let container = try StrictSettings.container(decoder, keys: ["id", "autopay", "payer"])
            let id = try StrictSettings.identifier(container, "id")
            let autopay = try container.decodeIfPresent(Bool.self, forKey: Key("autopay")) ?? false
            let payer = try container.decodeIfPresent(String.self, forKey: Key("payer"))
            if let payer, payer.isEmpty || payer.utf8.count > 200 {
                throw StrictSettings.invalid(container, "payer", "must have 1 to 200 bytes, or be null")
            }
            channel = AutopaySettings.Channel(id: id, autopay: autopay, payer: payer)
        }
    }

    struct DirectDebitValue: Decodable {
        var value: DirectDebitSettings
        init(from decoder: any Decoder) throws {
            let container = try StrictSettings.container(
                decoder,
                keys: [
                    "creditorName", "creditorIBAN", "creditorBIC", "creditorId", "version", "submissionLeadDays",
                    "preNotificationDays",
                ])
            let name = try container.decode(String.self, forKey: Key("creditorName"))
            guard !name.isEmpty, name.count <= 70 else {
                throw StrictSettings.invalid(container, "creditorName", "must have 1 to 70 characters")
            }
            guard let iban = IBAN(normalizing: try container.decode(String.self, forKey: Key("creditorIBAN"))) else {
                throw StrictSettings.invalid(container, "creditorIBAN", "is not a valid IBAN")
            }
            var bic: BIC?
            if let text = try container.decodeIfPresent(String.self, forKey: Key("creditorBIC")) {
                guard let value = BIC(text) else {
                    throw StrictSettings.invalid(container, "creditorBIC", "is not a BIC")
                }
                bic = value
            }
            let creditorId = try container.decode(String.self, forKey: Key("creditorId"))
            guard DirectDebitMandate.isSEPAText(creditorId, maximum: 35), !creditorId.contains(" ") else {
                throw StrictSettings.invalid(container, "creditorId", "must be 1 to 35 characters without spaces")
            }
            var version = Pain008Version.v08
            if let text = try container.decodeIfPresent(String.self, forKey: Key("version")) {
                guard let value = Pain008Version(rawValue: text) else {
                    throw StrictSettings.invalid(container, "version", "must be 001.02 or 001.08")
                }
                version = value
            }
            value = DirectDebitSettings(
                creditor: DirectDebitCreditor(name: name, iban: iban, bic: bic, creditorId: creditorId),
                version: version,
                submissionLeadDays: try StrictSettings.int(container, "submissionLeadDays", in: 1...30) ?? 1,
                preNotificationDays: try StrictSettings.int(container, "preNotificationDays", in: 0...60) ?? 14)
        }
    }

    struct TermSetValue: Decodable {
        var termSet: AutopaySettings.TermSet
        init(from decoder: any Decoder) throws {
            let container = try StrictSettings.container(decoder, keys: ["id", "autopay"])
            termSet = AutopaySettings.TermSet(
                id: try StrictSettings.identifier(container, "id"),
                autopay: try container.decodeIfPresent(Bool.self, forKey: Key("autopay")) ?? false)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try Self.container(
            decoder,
            keys: [
                "production", "retryCount", "lookbackDays", "instalmentWindow", "resellerWindow", "channels",
                "termSets", "directDebit",
            ])
        settings.directDebit = try container.decodeIfPresent(DirectDebitValue.self, forKey: Key("directDebit"))?.value
        settings.production = try container.decodeIfPresent(Bool.self, forKey: Key("production")) ?? false
        settings.retryCount = try Self.int(container, "retryCount", in: 1...100) ?? settings.retryCount
        settings.lookbackDays = try Self.int(container, "lookbackDays", in: 0...31) ?? settings.lookbackDays
        if let window = try container.decodeIfPresent(WindowValue.self, forKey: Key("instalmentWindow")) {
            settings.instalmentWindow = window.window
        }
        if let window = try container.decodeIfPresent(WindowValue.self, forKey: Key("resellerWindow")) {
            settings.resellerWindow = window.window
        }
        for channel in try container.decodeIfPresent([ChannelValue].self, forKey: Key("channels")) ?? [] {
            guard settings.channel(channel.channel.id) == nil else {
                throw Self.invalid(container, "channels", "channel \(channel.channel.id) is listed twice")
            }
            settings.channels.append(channel.channel)
        }
        for termSet in try container.decodeIfPresent([TermSetValue].self, forKey: Key("termSets")) ?? [] {
            guard settings.termSet(termSet.termSet.id) == nil else {
                throw Self.invalid(container, "termSets", "term set \(termSet.termSet.id) is listed twice")
            }
            settings.termSets.append(termSet.termSet)
        }
    }
}
