import PaymentLedger

extension HistoryCommand {
    /// A GDS event as one history line: `flight record F1 added: LH FRA-PMI 2027-06-14 08:10, K7Q4MZ, 2 passengers, 412.00 EUR`.
    static func describe(_ event: GDSEvent) -> String {
        let details = event.details
        return "flight record \(event.recordId) \(event.kind == .added ? "added" : "edited"): "
            + "\(details.airline) \(details.departureAirport)-\(details.arrivalAirport) "
            + "\(details.departureDate.xmlLexicalForm) \(details.departureTime), \(details.pnr), "
            + "\(details.passengers) passenger\(details.passengers == 1 ? "" : "s"), "
            + "\(details.costPrice.formattedAmount) \(details.costPrice.currency.code)"
    }
}
