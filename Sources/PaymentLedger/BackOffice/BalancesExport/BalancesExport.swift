public import Foundation
import StringPayments
import XMLCoding

/// Writes the balances owing of a ledger as one XML document of the balances-owing format
/// (``BalancesSchemas``): per client, each departure that owes money. See <doc:BackOffice>.
///
/// A client is the customer behind a booking: bookings with the same customer email (compared
/// without regard to case), else with the same customer name (likewise), are one client; a
/// booking with neither is a client of its own. A client with several departures has one
/// `Departure` per booking, in departure-date order. Only booked bookings (not quoted, not
/// cancelled) that owe money (``LedgerBooking/openAmount`` above zero) are written; a balance of
/// zero or less is left out.
///
/// The document is streamed: the writer hands it to the sink in chunks of about 64 KiB and
/// keeps nothing of it. To group clients it sorts one 8-byte entry (a hash of the client and
/// the booking's position) per owing booking, well under 1% of what the ledger itself holds per
/// booking.
///
/// ```swift
/// let export = BalancesExport(options: BalancesExportOptions(
///     paymentLinkTemplate: "https://pay.example.com/balance?ref={reference}"))
/// let summary = try export.write(ledger, to: URL(fileURLWithPath: "balances.xml"))
/// print(summary.departureCount)
/// ```
public struct BalancesExport: Sendable {
    /// How to write.
    public var options: BalancesExportOptions

    /// Creates an export.
    ///
    /// - Parameter options: How to write. The default writes every owing booking as of the
    ///   ledger's today, pretty-printed, without payment links.
    public init(options: BalancesExportOptions = BalancesExportOptions()) {
        self.options = options
    }

    /// Writes the document to a file: first to a temporary file beside it, then renamed over
    /// it, so a reader (an upload, a web server) never sees half a document.
    ///
    /// - Parameters:
    ///   - ledger: The ledger; one snapshot of it is written.
    ///   - url: A `file:` URL.
    /// - Returns: What was written.
    /// - Throws: ``BalancesExportError`` with code `invalid-payment-link` or `write-failed`.
    @discardableResult
    public func write(_ ledger: Ledger, to url: URL) throws(BalancesExportError) -> BalancesExportSummary {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw BalancesExportError(code: .writeFailed, message: "cannot create \(temporary.path)")
        }
        var renamed = false
        defer { if !renamed { try? FileManager.default.removeItem(at: temporary) } }
        let summary: BalancesExportSummary
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            summary = try write(ledger) { chunk in try handle.write(contentsOf: chunk) }
            try handle.synchronize()
        } catch let error as BalancesExportError {
            throw error
        } catch {
            throw BalancesExportError(code: .writeFailed, message: "cannot write \(temporary.path): \(error)")
        }
        // rename(2) replaces the target in one step; FileManager's replace is not atomic everywhere.
        guard rename(temporary.path, url.path) == 0 else {
            throw BalancesExportError(
                code: .writeFailed, message: "cannot move the export to \(url.path): error \(errno)")
        }
        renamed = true
        return summary
    }

    /// Writes the document to a sink, chunk by chunk.
    ///
    /// - Parameters:
    ///   - ledger: The ledger; one snapshot of it is written.
    ///   - sink: Called with each chunk of UTF-8 bytes, in order; an error it throws stops the export.
    /// - Returns: What was written.
    /// - Throws: ``BalancesExportError`` with code `invalid-payment-link`, or `write-failed`
    ///   wrapping the sink's error.
    @discardableResult
    public func write(
        _ ledger: Ledger, to sink: @escaping (Data) throws -> Void
    ) throws(BalancesExportError) -> BalancesExportSummary {
        let link = try PaymentLink(template: options.paymentLinkTemplate)
        let asOf = options.asOf ?? ledger.today
        let generatedAt = options.generatedAt ?? ledger.configuration.clock.now()
        do {
            return try Self.write(
                ledger.bookings, asOfDay: LedgerPayment.day(asOf), generatedAt: generatedAt, link: link,
                prettyPrinted: options.prettyPrinted, sink: sink)
        } catch let error as BalancesExportError {
            throw error
        } catch {
            throw BalancesExportError(code: .writeFailed, message: "cannot write the export: \(error)")
        }
    }

    /// One owing booking in 8 bytes: 32 bits of its client's hash above its position in the
    /// snapshot, so a plain integer sort groups clients. Clients whose hashes collide are told
    /// apart by their keys when they are written.
    private static func entry(hash: UInt64, position: Int) -> UInt64 {
        (hash >> 32) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
    }

    private static func write(
        _ bookings: [LedgerBooking], asOfDay: Int32, generatedAt: Date, link: PaymentLink?, prettyPrinted: Bool,
        sink: @escaping (Data) throws -> Void
    ) throws -> BalancesExportSummary {
        var entries: [UInt64] = []
        entries.reserveCapacity(bookings.count)
        for position in bookings.indices where bookings[position].state == .booked {
            let booking = bookings[position]
            guard booking.openMinorUnits > 0 else { continue }
            entries.append(entry(hash: clientKey(of: booking).stableHash, position: position))
        }
        entries.sort()

        var writer = BalancesXMLWriter(prettyPrinted: prettyPrinted, sink: sink)
        writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BalancesOwing xmlns=\"")
        writer.raw(BalancesSchemas.namespace)
        writer.raw("\" Version=\"1\" AsOf=\"")
        writer.raw(XMLDate(daysSinceEpoch: Int(asOfDay)).xmlLexicalForm)
        writer.raw("\" GeneratedAt=\"")
        writer.raw(timestamp(generatedAt))
        writer.raw("\">")
        var clients = 0
        var totals: [CurrencyCode: (count: Int, minorUnits: Int64)] = [:]
        var start = entries.startIndex
        while start < entries.endIndex {
            var end = start + 1
            while end < entries.endIndex, entries[end] >> 32 == entries[start] >> 32 { end += 1 }
            // Bookings whose clients' hashes collide are told apart by the key itself.
            var groups: [(key: ClientKey, bookings: [LedgerBooking])] = []
            for entry in entries[start..<end] {
                let booking = bookings[Int(entry & 0xFFFF_FFFF)]
                let key = clientKey(of: booking)
                if let index = groups.firstIndex(where: { $0.key == key }) {
                    groups[index].bookings.append(booking)
                } else {
                    groups.append((key, [booking]))
                }
            }
            for group in groups.sorted(by: { $0.key.text < $1.key.text }) {
                let departures = group.bookings.sorted {
                    $0.profile.value.departureDay != $1.profile.value.departureDay
                        ? $0.profile.value.departureDay < $1.profile.value.departureDay : $0.id < $1.id
                }
                writeClient(departures, asOfDay: asOfDay, link: link, to: &writer)
                clients += 1
                for booking in departures {
                    totals[booking.currency, default: (0, 0)].count += 1
                    totals[booking.currency, default: (0, 0)].minorUnits &+= booking.openMinorUnits
                }
                try writer.flush()
            }
            start = end
        }
        writer.newline(depth: 1)
        writer.raw("<Summary Clients=\"\(clients)\" Departures=\"\(entries.count)\">")
        for (currency, total) in totals.sorted(by: { $0.key < $1.key }) {
            writer.newline(depth: 2)
            writer.raw("<CurrencyTotal Currency=\"\(currency.code)\" Departures=\"\(total.count)\" Owing=\"")
            writer.raw(MoneyText.format(total.minorUnits, currency))
            writer.raw("\"/>")
        }
        writer.newline(depth: 1)
        writer.raw("</Summary>")
        writer.newline(depth: 0)
        writer.raw("</BalancesOwing>\n")
        try writer.flush(force: true)
        return BalancesExportSummary(clientCount: clients, departureCount: entries.count, byteCount: writer.byteCount)
    }

    private static func writeClient(
        _ departures: [LedgerBooking], asOfDay: Int32, link: PaymentLink?, to writer: inout BalancesXMLWriter
    ) {
        writer.newline(depth: 1)
        writer.startTag("Client")
        let first = departures[0]
        if let name = first.displayCustomerName, !name.isEmpty { writer.element("Name", name, depth: 2) }
        if let email = first.customerEmail, !email.isEmpty { writer.element("Email", email, depth: 2) }
        for booking in departures {
            let currency = booking.currency
            let digits = currency.minorUnits
            writer.newline(depth: 2)
            writer.startTag("Departure")
            writer.element("BookingReference", booking.id.value, depth: 3)
            writer.element("DepartureDate", booking.departureDate.xmlLexicalForm, depth: 3)
            writer.element("Currency", currency.code, depth: 3)
            for (name, minorUnits): (StaticString, Int64) in [
                ("Total", booking.priceMinorUnits), ("Fees", booking.totals.fees), ("Paid", booking.totals.paid),
                ("Owing", booking.openMinorUnits),
            ] {
                writer.element(name, bytes: { MoneyText.append(minorUnits, fractionDigits: digits, to: &$0) }, depth: 3)
            }
            let facts = BookingScheduleFacts(booking, asOfDay: asOfDay)
            if let day = facts.nextDueDay {
                writer.newline(depth: 3)
                writer.startTag("NextDue")
                writer.element("DueDate", XMLDate(daysSinceEpoch: Int(day)).xmlLexicalForm, depth: 4)
                writer.element(
                    "Amount", bytes: { MoneyText.append(facts.nextDueMinorUnits, fractionDigits: digits, to: &$0) },
                    depth: 4)
                writer.newline(depth: 3)
                writer.endTag("NextDue")
            }
            if let link { writer.element("PaymentLink", link.url(for: booking.id.value), depth: 3) }
            writer.newline(depth: 2)
            writer.endTag("Departure")
        }
        writer.newline(depth: 1)
        writer.endTag("Client")
    }

    /// Who a booking's client is: the customer email, else the customer name, else the booking.
    static func clientKey(of booking: LedgerBooking) -> ClientKey {
        if let email = booking.customerEmail, !email.isEmpty { return ClientKey(text: "e:" + email.lowercased()) }
        if let name = booking.displayCustomerName, !name.isEmpty { return ClientKey(text: "n:" + name.lowercased()) }
        return ClientKey(text: "b:" + booking.id.value)
    }

    /// `2026-11-23T10:15:00Z`.
    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// A client's identity in the export.
struct ClientKey: Hashable {
    var text: String

    /// FNV-1a over the UTF-8 bytes: the same in every process, unlike `Hasher`, so the export's
    /// order is reproducible.
    var stableHash: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// The payment link of a departure: the template with the booking reference, percent-encoded.
struct PaymentLink {
    let template: String

    /// Checks a template.
    ///
    /// - Returns: `nil` when there is no template.
    /// - Throws: ``BalancesExportError`` with code `invalid-payment-link` unless the template,
    ///   with a reference filled in, is an `http` or `https` URL with a host.
    init?(template: String?) throws(BalancesExportError) {
        guard let template else { return nil }
        self.template = template
        let sample = template.replacingOccurrences(of: BalancesExportOptions.referencePlaceholder, with: "X")
        guard let url = URL(string: sample), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else {
            throw BalancesExportError(
                code: .invalidPaymentLink,
                message: "the payment link template '\(template)' is not an http or https URL")
        }
    }

    /// The link for a booking reference.
    func url(for reference: String) -> String {
        let encoded = reference.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? reference
        return template.replacingOccurrences(of: BalancesExportOptions.referencePlaceholder, with: encoded)
    }

    /// RFC 3986 unreserved characters: letters, digits, `-`, `.`, `_`, `~`.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
