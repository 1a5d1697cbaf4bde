import Foundation
import PaymentLedger
import StringPayments
import XMLCoding

/// The back-office booking page: payments, schedule, refunds, booked services, history, memos, comments, GDS
/// records (with edit), the release switch and the refund button (which leads to a
/// confirmation step).
enum BookingPage {
    static func render(_ booking: LedgerBooking, ledger: Ledger, csrf: SafeHTML, notice: String?) -> ListPages.Page {
        let id = booking.id.value
        let base = "/admin/bookings/\(AdminHTML.percentEncoded(id))"
        let notes: SafeHTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let summary: SafeHTML = """
            <dl class="facts">
            <dt>Agency</dt><dd>\(booking.agency?.agency ?? "—")</dd>
            <dt>Seller</dt><dd>\(booking.seller ?? "—")</dd>
            <dt>Customer</dt><dd>\(booking.displayCustomerName ?? "—")</dd>
            <dt>Travel</dt><dd>\(booking.departureDate.xmlLexicalForm) – \(booking.returnDate?.xmlLexicalForm ?? "")</dd>
            <dt>State</dt><dd>\(String(describing: booking.state))</dd>
            <dt>Total</dt><dd>\(booking.totalPrice.description)</dd>
            <dt>Paid</dt><dd>\(booking.paidAmount.description)</dd>
            <dt>Open</dt><dd>\(booking.openAmount.description)</dd>
            <dt>Refundable</dt><dd>\(booking.refundableAmount.description)</dd>
            <dt>Payment released</dt><dd>\(booking.isReleased ? "yes" : "no")</dd>
            <dt>Financed</dt><dd>\(booking.isFinanced ? "yes" : "no")</dd>
            </dl>
            """
        let releaseForm = AdminHTML.postForm(
            action: "\(base)/release", csrf: csrf,
            fields: "<input type=\"hidden\" name=\"released\" value=\"\(booking.isReleased ? "0" : "1")\">",
            button: booking.isReleased ? "Withdraw release" : "Release payment", className: "inline")
        let refundLink: SafeHTML =
            booking.refundableAmount.isZero
            ? "" : "<a class=\"button\" href=\"\(base)/refund\">Refund \(booking.refundableAmount.description)…</a>"
        let payments = AdminHTML.table(
            caption: "Payments",
            titles: ["Payment", "Scope", "Form", "Amount", "Status", "Entered", "Settled", "Reference"], numeric: [3],
            rows: booking.payments.map { payment in
                [
                    .text(payment.identifier.value), .text(payment.scope.rawValue),
                    .text(payment.formOfPayment?.rawValue ?? ""), .text(payment.amount.description),
                    .text(payment.status.rawValue + (payment.isInFlight ? " (in flight)" : "")),
                    .text(payment.entryDate?.xmlLexicalForm ?? ""), .text(payment.settlementDate?.xmlLexicalForm ?? ""),
                    .text(payment.transactionReference ?? ""),
                ]
            })
        let schedule = AdminHTML.table(
            caption: "Schedule", titles: ["Instalment", "Scope", "Due", "Amount"], numeric: [3],
            rows: booking.schedule.map { item in
                [
                    .text(item.identifier.value), .text(item.scope.rawValue), .text(item.dueDate.xmlLexicalForm),
                    .text(item.amount.description),
                ]
            })
        let refunds = AdminHTML.table(
            caption: "Refunds", titles: ["Refund", "Status", "Requested", "Method", "Amount"], numeric: [4],
            rows: booking.refunds.map { refund in
                [
                    .text(refund.identifier.value), .text(refund.status.rawValue),
                    .text(refund.requestedOn.xmlLexicalForm),
                    .text(refund.method.description), .text(refund.amount.description),
                ]
            })
        let memos = AdminHTML.table(
            caption: "Memos", titles: ["Time", "By", "Kind", "Memo"],
            rows: (ledger.autopay(of: booking.id)?.memos ?? []).map { memo in
                [.text(timeText(memo.time)), .text(memo.actor.rawValue), .text(memo.kind.rawValue), .text(memo.text)]
            })
        let comments = AdminHTML.table(
            caption: "Comments", titles: ["Time", "By", "Comment"],
            rows: booking.comments.map { comment in
                [.text(timeText(comment.stamp.time)), .text(comment.stamp.actor.rawValue), .text(comment.text)]
            })
        let commentForm = AdminHTML.postForm(
            action: "\(base)/comments", csrf: csrf,
            fields:
                "<label for=\"f-comment\">New comment</label><textarea id=\"f-comment\" name=\"text\" required maxlength=\"2000\"></textarea>",
            button: "Add comment")
        let services = AdminHTML.table(
            caption: booking.servicesRecorded.map {
                "Booked services (recorded \(timeText($0.time)) by \($0.actor.rawValue))"
            } ?? "Booked services",
            titles: ["Kind", "Code", "Description", "From", "To", "Travellers"],
            rows: booking.services.map { service in
                [
                    .text(service.kind), .text(service.code ?? ""), .text(service.description),
                    .text(service.startDate?.xmlLexicalForm ?? ""), .text(service.endDate?.xmlLexicalForm ?? ""),
                    .text(service.travellers.map(\.value).joined(separator: " ")),
                ]
            })
        let gds = SafeHTML.join(booking.gdsRecords.map { gdsRecord($0, base: base, csrf: csrf) })
        let history: [LedgerHistoryEntry] = (try? ledger.history(of: booking.id)) ?? []
        let historyTable = AdminHTML.table(
            caption: "History", titles: ["Time", "By", "Change"],
            rows: history.map { entry in
                [
                    .text(entry.stamp.map { timeText($0.time) } ?? ""), .text(entry.stamp?.actor.rawValue ?? ""),
                    .text(eventName(entry.event)),
                ]
            })
        let body: SafeHTML = """
            \(notes)
            \(summary)
            <div class="actions">\(releaseForm) \(refundLink)</div>
            \(payments)
            \(schedule)
            \(refunds)
            \(services)
            <h2>GDS records</h2>
            \(booking.gdsRecords.isEmpty ? "<p class=\"empty\">No GDS records.</p>" : gds)
            \(memos)
            \(comments)
            \(commentForm)
            \(historyTable)
            """
        return ListPages.Page(title: "Booking \(id)", body: body)
    }

    static func gdsRecord(_ record: GDSFlightRecord, base: String, csrf: SafeHTML) -> SafeHTML {
        let details = record.details
        let prefix = "gds-\(AdminHTML.percentEncoded(record.id.value))"
        func field(_ name: String, _ label: String, _ value: String?) -> SafeHTML {
            "<div class=\"field\"><label for=\"\(prefix)-\(name)\">\(label)</label><input id=\"\(prefix)-\(name)\" name=\"\(name)\" value=\"\(value)\"></div>"
        }
        let fields = SafeHTML.join([
            field("pnr", "PNR", details.pnr), field("airline", "Airline", details.airline),
            field("departureAirport", "From", details.departureAirport),
            field("arrivalAirport", "To", details.arrivalAirport), field("phone", "Phone", details.phone),
            field("paymentComment", "Payment comment", details.paymentComment),
            field("adminComment", "Admin comment", details.adminComment),
        ])
        return """
            <section class="gds"><h3>\(record.id.value): \(details.airline) \(details.departureAirport)–\(details.arrivalAirport) \
            on \(details.departureDate.xmlLexicalForm), \(details.passengers) passengers, cost \(details.costPrice.description)</h3>
            \(AdminHTML.postForm(action: "\(base)/gds/\(AdminHTML.percentEncoded(record.id.value))", csrf: csrf, fields: fields, button: "Save GDS record"))
            </section>
            """
    }

    /// The confirmation step of a refund: what will be paid back, how, and the button that does it.
    static func refundConfirmation(_ booking: LedgerBooking, csrf: SafeHTML) -> ListPages.Page {
        let base = "/admin/bookings/\(AdminHTML.percentEncoded(booking.id.value))"
        let cards = booking.payments.filter {
            $0.formOfPayment == .creditCard && ($0.status == .settled || $0.status == .confirmed)
        }
        let methods =
            [("bank-transfer", "Bank transfer")]
            + cards.map { ("card:\($0.identifier.value)", "Card payment \($0.identifier.value)") }
        let fields: SafeHTML = """
            <p>Refund <strong>\(booking.refundableAmount.description)</strong> of booking \(booking.id.value) \
            (paid \(booking.paidAmount.description), total \(booking.totalPrice.description)).</p>
            <input type="hidden" name="amount" value="\(booking.refundableAmount.formattedAmount)">
            <input type="hidden" name="confirm" value="1">
            <div class="field">\(AdminHTML.select(name: "method", label: "Pay back by", options: methods, selected: "bank-transfer"))</div>
            <div class="field">\(AdminHTML.input(name: "reference", label: "Reference (optional)", value: nil))</div>
            """
        let form = AdminHTML.postForm(action: "\(base)/refund", csrf: csrf, fields: fields, button: "Confirm refund")
        return ListPages.Page(
            title: "Refund booking \(booking.id.value)",
            body: "\(form)<p><a href=\"\(base)\">Cancel</a></p>")
    }

    /// `bookingCreated` for an event: the case name, enough to follow a booking's history.
    static func eventName(_ event: LedgerEvent) -> String {
        let text = String(describing: event)
        return String(text.prefix { $0 != "(" })
    }

    static func timeText(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
