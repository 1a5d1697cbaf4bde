import Foundation

/// A bar chart drawn on the server as SVG, with the table of its figures beside it: no script,
/// every text escaped, accessible (`role="img"`, `<title>` and `<desc>` named by
/// `aria-labelledby`, a `<title>` on every bar, and the same figures in a table).
struct BarChart: Sendable, Hashable {
    /// One group of bars: a label and one value per series.
    struct Group: Sendable, Hashable {
        /// The label under the bars, and the row head of the table.
        var label: String
        /// The values, one per series; geometry only, money stays `Decimal`.
        var values: [Decimal]
        /// The values as people read them, one per series.
        var texts: [String]
        /// A shorter label under the bars (`12-07` for a week), or `nil` for ``label``.
        var axisLabel: String? = nil
    }

    /// A stable id, unique on the page (`[a-z0-9-]`).
    var id: String
    /// The chart's title.
    var title: String
    /// What the chart shows, for screen readers.
    var summary: String
    /// The series' names (the table's column heads).
    var series: [String]
    /// The head of the table's first column.
    var groupHeading: String
    /// The groups, left to right.
    var groups: [Group]

    static let width = 640.0
    static let height = 260.0
    static let left = 16.0
    static let top = 24.0
    static let bottom = 44.0
    static let fills = ["#1f5f8b", "#b5452f", "#5b7f2b"]

    /// The SVG element.
    var svg: String {
        let e = MarkupEscaping.escape
        let plotWidth = Self.width - 2 * Self.left
        let plotHeight = Self.height - Self.top - Self.bottom
        let baseline = Self.top + plotHeight
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"\(Self.number(Self.width))\" "
                + "height=\"\(Self.number(Self.height))\" viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(Self.height))\" "
                + "aria-labelledby=\"\(id)-title \(id)-desc\">",
            "<title id=\"\(id)-title\">\(e(title))</title>",
            "<desc id=\"\(id)-desc\">\(e(summary))</desc>",
        ]
        let maximum = groups.flatMap(\.values).max() ?? 0
        if groups.isEmpty || maximum <= 0 {
            lines.append(
                "<text x=\"\(Self.number(Self.width / 2))\" y=\"\(Self.number(Self.height / 2))\" "
                    + "text-anchor=\"middle\" font-size=\"14\">No figures</text>")
        } else {
            let scale = plotHeight / Self.double(maximum)
            let slot = plotWidth / Double(groups.count)
            let seriesCount = Double(max(series.count, 1))
            let barWidth = slot * 0.8 / seriesCount
            for (index, group) in groups.enumerated() {
                let start = Self.left + slot * Double(index) + slot * 0.1
                lines.append("<g>")
                for (number, value) in group.values.enumerated() {
                    let height = max(0, Self.double(value) * scale)
                    let x = start + barWidth * Double(number)
                    let text = number < group.texts.count ? group.texts[number] : ""
                    let name = number < series.count ? series[number] : ""
                    lines.append(
                        "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(baseline - height))\" "
                            + "width=\"\(Self.number(barWidth))\" height=\"\(Self.number(height))\" "
                            + "fill=\"\(Self.fills[number % Self.fills.count])\">"
                            + "<title>\(e(group.label)) \(e(name)): \(e(text))</title></rect>")
                }
                lines.append(
                    "<text x=\"\(Self.number(start + slot * 0.4))\" y=\"\(Self.number(baseline + 16))\" "
                        + "text-anchor=\"middle\" font-size=\"11\">\(e(group.axisLabel ?? group.label))</text>")
                lines.append("</g>")
            }
            lines.append(
                "<line x1=\"\(Self.number(Self.left))\" y1=\"\(Self.number(baseline))\" "
                    + "x2=\"\(Self.number(Self.width - Self.left))\" y2=\"\(Self.number(baseline))\" stroke=\"#333\"/>")
            if series.count > 1 {
                for (number, name) in series.enumerated() {
                    let x = Self.left + 120 * Double(number)
                    lines.append(
                        "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(Self.height - 16))\" width=\"10\" height=\"10\" "
                            + "fill=\"\(Self.fills[number % Self.fills.count])\"/>"
                            + "<text x=\"\(Self.number(x + 14))\" y=\"\(Self.number(Self.height - 7))\" "
                            + "font-size=\"11\">\(e(name))</text>")
                }
            }
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// The table of the figures, for people and screen readers.
    var table: String {
        let e = MarkupEscaping.escape
        var lines = [
            "<table class=\"chart-table\" id=\"\(id)-table\">", "<caption>\(e(title))</caption>",
            "<thead><tr><th scope=\"col\">\(e(groupHeading))</th>"
                + series.map { "<th scope=\"col\" class=\"number\">\(e($0))</th>" }.joined() + "</tr></thead>",
            "<tbody>",
        ]
        for group in groups {
            lines.append(
                "<tr><th scope=\"row\">\(e(group.label))</th>"
                    + group.texts.map { "<td class=\"number\">\(e($0))</td>" }.joined() + "</tr>")
        }
        lines += ["</tbody>", "</table>"]
        return lines.joined(separator: "\n")
    }

    /// The chart and its table in one figure.
    var html: String {
        "<figure class=\"chart-figure\" aria-labelledby=\"\(id)-caption\">\n"
            + "<figcaption id=\"\(id)-caption\">\(MarkupEscaping.escape(title))</figcaption>\n"
            + svg + "\n" + table + "\n</figure>"
    }

    /// A coordinate with one decimal, the same on every machine.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e12 else { return "0" }
        let whole = Int64(tenths)
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// A value as a `Double`, for geometry only.
    static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}
