public import StringPayments

/// The services of a booking recorded: the journal event that keeps what a `Book` or `Modify`
/// request booked (see ``LedgerEvent/servicesRecorded(_:)``).
///
/// The services replace the booking's earlier ones. A journal written before the ledger kept
/// services has no such event, and its bookings simply have none.
public struct BookedServicesEvent: Hashable, Sendable {
    /// The booking.
    public var bookingId: Identifier
    /// The booking's services after the event, in the request's order.
    public var services: [BookedService]
    /// The request's `Services` content exactly as sent (namespaces, attributes, order, text),
    /// which Retrieve, Modify and Cancel answer with; `nil` when the services were not recorded
    /// from a request (the back office's), and then the answer is rendered from ``services``.
    public var content: Services?
    /// Who recorded the services (the agency whose request booked them) and when.
    public var stamp: AuditStamp

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - services: The services, replacing the booking's earlier ones.
    ///   - content: The request's `Services` as sent; `nil` for none. Default `nil`.
    ///   - stamp: Who and when.
    public init(bookingId: Identifier, services: [BookedService], content: Services? = nil, stamp: AuditStamp) {
        self.bookingId = bookingId
        self.services = services
        self.content = content
        self.stamp = stamp
    }

    /// Checks the services: at most ``BookedService/maximumCount``, each within the limits of
    /// ``BookedService``, and the verbatim ``content`` within ``BookedServicesEvent/maximumContentNodes``
    /// and ``BookedServicesEvent/maximumContentDepth``.
    ///
    /// - Throws: ``LedgerError`` with code `invalid-booking-details`.
    func validate() throws(LedgerError) {
        guard services.count <= BookedService.maximumCount else {
            throw LedgerError(
                code: .invalidBookingDetails,
                message: "booking \(bookingId) has \(services.count) services; at most \(BookedService.maximumCount)",
                bookingId: bookingId)
        }
        for (offset, service) in services.enumerated() {
            try service.validate(bookingId: bookingId, position: offset + 1)
        }
        if let content { try Self.validateContent(content, bookingId: bookingId) }
    }
}
