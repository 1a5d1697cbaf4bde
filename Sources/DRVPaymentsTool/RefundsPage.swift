import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The printable pending-refunds report of `refunds list --print`: one self-contained HTML
/// document, every value escaped, with print styles (A4 landscape, repeated table header, no
/// page break inside a row).
enum RefundsPage {
    /// The page.
    ///
    /// - Parameters:
    ///   - rows: The refunds, as ``RefundsCommand`` lists them.
    ///   - today: The report's date.
    ///   - all: Whether every refund is listed rather than the pending ones.
    /// - Returns: The HTML document, ending in a line feed.
    static func html(_ rows: [BookingRefund], today: XMLDate, all: Bool) -> String {
        let title = all ? "Refunds" : "Pending refunds"
        var totals: [String: (CurrencyCode, Decimal)] = [:]
        for row in rows {
            let amount = row.refund.amount
            totals[amount.currency.code, default: (amount.currency, 0)].1 += amount.amount
        }
        let header = RefundsCommand.titles.map { "<th>\(escape($0))</th>" }.joined()
        let body = rows.map { row in
            let cells = RefundsCommand.cells(row).enumerated().map { index, cell in
                RefundsCommand.titles[index] == "Amount"
                    ? "<td class=\"amount\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
            }
            return "      <tr>" + cells.joined() + "</tr>\n"
        }.joined()
        let sums = totals.keys.sorted().compactMap { code -> String? in
            guard let (currency, sum) = totals[code] else { return nil }
            return escape(CurrencyAmount(amount: sum, currency: currency).formattedAmount + " " + code)
        }.joined(separator: ", ")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title)) \(today.xmlLexicalForm)</title>
            <style>
              body { font: 10pt/1.3 system-ui, sans-serif; margin: 1.5em; color: #000; }
              h1 { font-size: 14pt; margin: 0 0 0.2em; }
              p.meta { margin: 0 0 1em; color: #333; }
              table { border-collapse: collapse; width: 100%; }
              th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
              th { background: #eee; }
              td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
              @page { size: A4 landscape; margin: 12mm; }
              @media print {
                body { margin: 0; }
                thead { display: table-header-group; }
                tr { page-break-inside: avoid; break-inside: avoid; }
                th { background: none; }
              }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="meta">\(today.xmlLexicalForm) · \(rows.count) refund\(rows.count == 1 ? "" : "s")\(sums.isEmpty ? "" : " · " + sums)</p>
            <table>
              <thead><tr>\(header)</tr></thead>
              <tbody>
            \(body)  </tbody>
            </table>
            </body>
            </html>

            """
    }

    /// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
