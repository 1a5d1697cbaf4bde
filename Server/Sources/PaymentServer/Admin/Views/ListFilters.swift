import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The filters of the list pages, read from the query string (`?seller=Anna&departureFrom=…`).
/// Unknown or malformed values fall back to "no filter" rather than failing the page; the page
/// shows what was applied.
struct ListFilters: Sendable {
    let parameters: [String: String]

    init(_ parameters: [String: String]) { self.parameters = parameters }

    /// The parameters of a query string as a form sends it (`+` is a space, `%XX` a byte);
    /// the first value of a name wins, undecodable pairs are skipped.
    static func parse(query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&").prefix(64) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts.first.flatMap(decode), !name.isEmpty else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if let value, result[name] == nil { result[name] = value }
        }
        return result
    }

    func text(_ name: String) -> String? {
        guard let value = parameters[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }

    func date(_ name: String) -> XMLDate? { text(name).flatMap { XMLDate(xmlLexicalForm: $0) } }

    func flag(_ name: String) -> Bool { ["1", "on", "true"].contains(parameters[name] ?? "") }

    /// The unpaid bookings query of the filters.
    var unpaid: UnpaidBookingsQuery {
        UnpaidBookingsQuery(
            departure: DateRange(from: date("departureFrom"), to: date("departureTo")),
            due: DateRange(from: date("dueFrom"), to: date("dueTo")),
            dueKind: text("dueKind").flatMap(UnpaidBookingsQuery.DueKind.init(rawValue:)) ?? .any,
            seller: text("seller"), agency: text("agency"), onlyDueNow: flag("dueNow"),
            sort: text("sort").flatMap(UnpaidBookingsQuery.SortKey.init(rawValue:)) ?? .departure,
            descending: flag("descending"))
    }

    /// The negative balances query of the filters.
    var negativeBalances: NegativeBalanceQuery {
        NegativeBalanceQuery(
            seller: text("seller"), releasedOnly: flag("releasedOnly"),
            sort: text("sort").flatMap(NegativeBalanceQuery.SortKey.init(rawValue:)) ?? .booking,
            descending: flag("descending"))
    }

    /// The query string of the filters with `format=csv` added, for the CSV link.
    var csvQuery: String {
        let pairs = parameters.filter { $0.key != "format" }.sorted { $0.key < $1.key }
            .map { AdminHTML.percentEncoded($0.key) + "=" + AdminHTML.percentEncoded($0.value) }
        return (pairs + ["format=csv"]).joined(separator: "&")
    }
}
