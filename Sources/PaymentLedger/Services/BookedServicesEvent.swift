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
    /// Who recorded the services (the agency whose request booked them) and when.
    public var stamp: AuditStamp

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - bookingId: The booking.
    ///   - services: The services, replacing the booking's earlier ones.
    ///   - stamp: Who and when.
    public init(bookingId: Identifier, services: [BookedService], stamp: AuditStamp) {
        self.bookingId = bookingId
        self.services = services
        self.stamp = stamp
    }

    /// Checks the services: at most ``BookedService/maximumCount``, each within the limits of
    /// ``BookedService``.
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
    }
}
