import Foundation
import PaymentLedger
import PaymentServer
import StringPayments
import Testing
import XMLCoding

/// Bookings, a composer and a small MIME reader for the mail tests.
enum MailTestKit {
    static let operatorName = "Sonnenreisen Köln"

    /// A ledger with booking `MAIL-1` (1,234.56 EUR, customer Jürgen Müller with email, deposit
    /// 300.00 recorded by the agency) and `MAIL-2` (no email).
    static func ledger() throws -> Ledger {
        let ledger = try Ledger()
        let departure = ledger.today.adding(days: 20)
        for (id, email) in [("MAIL-1", "juergen@example.com"), ("MAIL-2", nil)] as [(Identifier, String?)] {
            _ = try ledger.createBooking(
                BookingDraft(
                    id: id, agency: AgencyInformation(agency: "111111"), seller: "S-1", leadTraveller: "T1",
                    travellers: [Traveller(identifier: "T1", prename: "Jürgen", surname: "Müller", email: email)],
                    departureDate: departure, returnDate: departure.adding(days: 14),
                    totalPrice: CurrencyAmount(minorUnitCount: 123_456, currency: .eur)))
        }
        _ = try ledger.enterPayments(
            [
                Payment(
                    identifier: "P1", collection: .agency, paymentScope: .deposit,
                    paymentAmount: CurrencyAmount(minorUnitCount: 30_000, currency: .eur),
                    cashHolder: .assignedToBookingOwner(true))
            ], bookingId: "MAIL-1")
        return ledger
    }

    /// An approval of every scheduled payment of the booking, as the portal makes them.
    static func approvals(of booking: LedgerBooking) -> [AutopayApproval] {
        booking.schedule.map {
            AutopayApproval(
                scheduleId: $0.identifier, amount: $0.amount, dueDate: $0.dueDate, cardId: "C1", channel: "portal",
                approvedBy: .customer(booking.id.value), approvedAt: Date())
        }
    }

    /// A composer whose mails are English unless the caller names another language.
    static func composer(
        logo: String? = "https://cdn.example.com/logo.png", language: WebLanguage = .en
    ) throws -> MailComposer {
        try MailComposer(
            from: try MailAddress("payments@sonnenreisen.example", name: operatorName),
            branding: MailBranding(operatorName: operatorName, logoURL: logo, brandColour: "#AA3300"),
            defaultLanguage: language)
    }

    /// A message read back: unfolded headers and the decoded text of each part by content type.
    struct ReadMessage {
        var headers: [String: String]
        var parts: [String: String]
        var raw: String

        init(_ raw: String) throws {
            self.raw = raw
            let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
            guard let split = normalized.range(of: "\n\n") else { throw ReadError("no blank line after the headers") }
            headers = Self.headers(String(normalized[..<split.lowerBound]))
            let contentType = headers["content-type"] ?? ""
            guard let boundaryStart = contentType.range(of: "boundary=\"") else { throw ReadError("no boundary") }
            let boundary = String(contentType[boundaryStart.upperBound...].prefix { $0 != "\"" })
            parts = [:]
            for section in normalized[split.upperBound...].components(separatedBy: "--" + boundary).dropFirst() {
                guard let end = section.range(of: "\n\n") else { continue }
                let partHeaders = Self.headers(String(section[..<end.lowerBound]))
                guard let type = partHeaders["content-type"]?.split(separator: ";").first else { continue }
                #expect(partHeaders["content-transfer-encoding"] == "quoted-printable")
                var body = String(section[end.upperBound...])
                if body.hasSuffix("\n") { body.removeLast() }
                parts[String(type)] = Self.decodeQuotedPrintable(body)
            }
        }

        static func headers(_ text: String) -> [String: String] {
            var result: [String: String] = [:]
            var last: String?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(" ") || line.hasPrefix("\t"), let last {
                    result[last, default: ""] += String(line)
                } else if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].lowercased()
                    result[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    last = name
                }
            }
            return result
        }

        static func decodeQuotedPrintable(_ text: String) -> String {
            var bytes: [UInt8] = []
            let source = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
            var index = 0
            while index < source.count {
                if source[index] == UInt8(ascii: "="), index + 2 < source.count,
                    let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                {
                    bytes.append(value)
                    index += 3
                } else {
                    bytes.append(source[index])
                    index += 1
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// An RFC 2047 header decoded (the `B` encoding the composer writes).
        static func decodeWords(_ header: String) -> String {
            var result = ""
            for word in header.split(separator: " ") {
                if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                    let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
                {
                    result += String(decoding: data, as: UTF8.self)
                } else {
                    result += (result.isEmpty ? "" : " ") + word
                }
            }
            return result
        }
    }

    struct ReadError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
