/// The building blocks of the back-office pages: tables, forms, the navigation.
enum AdminHTML {
    /// A table with a caption, column heads and rows of cells (already safe markup).
    static func table(caption: String, titles: [String], numeric: Set<Int> = [], rows: [[SafeHTML]]) -> SafeHTML {
        let head = SafeHTML.join(
            titles.enumerated().map { index, title in
                numeric.contains(index)
                    ? "<th scope=\"col\" class=\"number\">\(title)</th>" : "<th scope=\"col\">\(title)</th>"
            }, separator: "")
        let body = SafeHTML.join(
            rows.map { row in
                let cells = SafeHTML.join(
                    row.enumerated().map { index, cell in
                        numeric.contains(index) ? "<td class=\"number\">\(cell)</td>" : "<td>\(cell)</td>"
                    }, separator: "")
                return "<tr>\(cells)</tr>"
            })
        if rows.isEmpty {
            return "<p class=\"empty\">\(caption): none.</p>"
        }
        return """
            <div class="table-wrap"><table>
            <caption>\(caption)</caption>
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(body)
            </tbody>
            </table></div>
            """
    }

    /// A link to a booking's page.
    static func bookingLink(_ id: String) -> SafeHTML {
        "<a href=\"/admin/bookings/\(percentEncoded(id))\">\(id)</a>"
    }

    /// A select element with options (value, label) and one selected.
    static func select(name: String, label: String, options: [(String, String)], selected: String?) -> SafeHTML {
        let items = SafeHTML.join(
            options.map { value, text in
                value == (selected ?? "")
                    ? "<option value=\"\(value)\" selected>\(text)</option>"
                    : "<option value=\"\(value)\">\(text)</option>"
            }, separator: "")
        return "<label for=\"f-\(name)\">\(label)</label><select id=\"f-\(name)\" name=\"\(name)\">\(items)</select>"
    }

    /// A text or date input with its label.
    static func input(name: String, label: String, type: String = "text", value: String?) -> SafeHTML {
        "<label for=\"f-\(name)\">\(label)</label><input id=\"f-\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\">"
    }

    /// A checkbox with its label.
    static func checkbox(name: String, label: String, checked: Bool) -> SafeHTML {
        let mark: SafeHTML = checked ? " checked" : ""
        return
            "<input id=\"f-\(name)\" name=\"\(name)\" type=\"checkbox\" value=\"1\"\(mark)><label for=\"f-\(name)\">\(label)</label>"
    }

    /// A form that posts to `action` with the CSRF field and a submit button.
    static func postForm(
        action: String, csrf: SafeHTML, fields: SafeHTML = "", button: String, className: String = ""
    )
        -> SafeHTML
    {
        "<form method=\"post\" action=\"\(action)\" class=\"\(className)\">\(csrf)\(fields)<button type=\"submit\">\(button)</button></form>"
    }

    /// The back office's navigation.
    static func navigation(current: String) -> SafeHTML {
        let items: [(String, String)] = [
            ("/admin", "Dashboard"), ("/admin/unpaid", "Unpaid bookings"),
            ("/admin/negative-balances", "Negative balances"),
            ("/admin/unregistered", "Unregistered payments"), ("/admin/refunds", "Pending refunds"),
            ("/admin/settlement-exceptions", "Card settlement exceptions"),
            ("/admin/bank-statements", "Bank statement upload"),
            ("/admin/runs", "Scheduled runs"),
        ]
        let links = SafeHTML.join(
            items.map { href, text in
                href == current
                    ? "<li><a href=\"\(href)\" aria-current=\"page\">\(text)</a></li>"
                    : "<li><a href=\"\(href)\">\(text)</a></li>"
            }, separator: "")
        return "<nav aria-label=\"Back office\"><ul class=\"admin-nav\">\(links)</ul></nav>"
    }

    /// Percent-encodes a path segment or query value (unreserved characters stay).
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (byte < 16 ? "0" + hex : hex)
            }
        }
        return result
    }
}
