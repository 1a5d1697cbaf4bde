import PaymentLedger
import StringPayments
import XMLCoding

/// The booking page's values: travel, travellers, services, money, payments and schedule, in
/// the customer's language, every amount formatted from the ledger's exact minor units.
struct PortalBookingView {
    let booking: LedgerBooking
    let autopay: BookingAutopay?
    let today: XMLDate
    let language: WebLanguage

    /// The page's Mustache context.
    func context(csrf: String) -> [String: Any] {
        let words = PortalText.words(language)
        func money(_ amount: CurrencyAmount) -> String { LocalizedFormat.money(amount, language) }
        let overview = booking.overview(today: today)
        let open = overview.openAmount
        let cancelled = booking.state == .cancelled
        let card = autopay?.usableGuestCard(on: today)
        let expected = booking.expectedPayments(today: today)
        let uncovered = booking.uncoveredAmount
        let schedule: [[String: Any]] = expected.map { entry in
            let remaining = entry.remaining
            return [
                "id": entry.scheduled.identifier.value,
                "due": LocalizedFormat.date(entry.scheduled.dueDate, language),
                "scope": words[entry.scheduled.scope.rawValue] ?? entry.scheduled.scope.rawValue,
                "amount": money(entry.scheduled.amount), "remaining": money(remaining),
                "open": !remaining.isZero && !cancelled && !uncovered.isZero, "overdue": entry.isOverdue,
                "approved": !remaining.isZero && autopay?.approval(for: entry.scheduled.identifier) != nil,
            ]
        }
        let travellers = booking.travellers.map(Self.name)
        let lead = booking.travellers.first { $0.identifier == booking.leadTraveller } ?? booking.travellers.first
        let services = booking.services.isEmpty ? gdsFlights(words) : bookedServices(words)
        let payments: [[String: Any]] = booking.payments.map { payment in
            [
                "date": payment.entryDate.map { LocalizedFormat.date($0, language) } ?? "",
                "amount": money(payment.amount),
                "status": (words[payment.status.rawValue] ?? payment.status.rawValue)
                    + (payment.isInFlight ? " …" : ""),
            ]
        }
        let canApprove = !cancelled && card != nil && schedule.contains { ($0["open"] as? Bool) == true }
        var context: [String: Any] = [
            "t": words, "csrf": csrf, "reference": booking.id.value,
            "departure": LocalizedFormat.date(booking.departureDate, language),
            "state": words[cancelled ? "cancelled" : "active"] ?? "",
            "lead": lead.map(Self.name) ?? "", "travellers": travellers,
            "services": services, "hasServices": !services.isEmpty,
            "totalPrice": money(booking.totalPrice), "paid": money(overview.paidAmount),
            "remainingLabel": words[open.amount < 0 ? "overpaid" : "remaining"] ?? "",
            "remaining": LocalizedFormat.money(
                SignedCurrencyAmount(amount: abs(open.amount), currency: open.currency), language),
            "uncovered": money(uncovered), "canPay": !cancelled && !uncovered.isZero,
            "settledUp": open.amount <= 0,
            "payments": payments, "hasPayments": !payments.isEmpty,
            "schedule": schedule.map { row in row.merging(["hasCard": card != nil]) { $1 } },
            "canApprove": canApprove, "canAddCard": !cancelled && card == nil,
        ]
        if let returnDate = booking.returnDate { context["returnDate"] = LocalizedFormat.date(returnDate, language) }
        if !booking.totalFees.isZero { context["fees"] = money(booking.totalFees) }
        if let card { context["card"] = "\(card.cardType) \(card.maskedNumber)" }
        return context
    }

    /// The booked services (``LedgerBooking/services``): kind, code, description, dates and the
    /// travellers each is for, by name.
    private func bookedServices(_ words: [String: String]) -> [[String: Any]] {
        booking.services.map { service in
            var dates = [service.startDate, service.endDate].compactMap { $0 }.map {
                LocalizedFormat.date($0, language)
            }
            if dates.count == 2, dates[0] == dates[1] { dates.removeLast() }
            let names = service.travellers.map { id in
                booking.travellers.first { $0.identifier == id }.map(Self.name) ?? id.value
            }
            return [
                "kind": words["service." + service.kind] ?? service.kind, "code": service.code ?? "",
                "description": service.description, "dates": dates.joined(separator: " – "),
                "for": names.joined(separator: ", "),
            ]
        }
    }

    /// A booking made without services but booked through a GDS shows its flight records.
    private func gdsFlights(_ words: [String: String]) -> [[String: Any]] {
        booking.gdsRecords.map { record in
            let flight = record.details
            return [
                "kind": words["service.Flight"] ?? "Flight", "code": "\(flight.airline) \(flight.pnr)",
                "description": "\(flight.departureAirport) → \(flight.arrivalAirport)",
                "dates": LocalizedFormat.date(flight.departureDate, language), "for": "",
            ]
        }
    }

    static func name(_ traveller: Traveller) -> String {
        [traveller.salutation, traveller.prename, traveller.surname].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
