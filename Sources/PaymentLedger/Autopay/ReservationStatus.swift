public import StringPayments

/// Where a reservation stands in the property system's sense, in a fixed order:
/// `REQUEST` < `OPTIONAL` < `PROVISIONAL` < `DEFINITIVE` < `CHECKIN` < `CHECKOUT` < `CANCELLED`.
///
/// Instalment autopay selects bookings from `PROVISIONAL` through `CHECKIN`, both included
/// (``instalmentAutopayRange``). A booking without a status set by
/// ``Ledger/setReservation(_:status:channel:termSet:)`` has the status its STRING
/// ``/StringPayments/BookingState`` maps to (``init(bookingState:)``).
public enum ReservationStatus: String, CaseIterable, Comparable, Hashable, Sendable {
    /// Asked for, not yet confirmed by the property.
    case request = "REQUEST"
    /// Held as an option.
    case optional = "OPTIONAL"
    /// Booked provisionally.
    case provisional = "PROVISIONAL"
    /// Booked for good.
    case definitive = "DEFINITIVE"
    /// The guests have arrived.
    case checkin = "CHECKIN"
    /// The guests have left.
    case checkout = "CHECKOUT"
    /// Cancelled.
    case cancelled = "CANCELLED"

    /// The statuses instalment autopay charges: `PROVISIONAL` through `CHECKIN`.
    public static let instalmentAutopayRange: ClosedRange<ReservationStatus> = .provisional ... .checkin

    /// The status a STRING booking state stands for: `Quoted` → `REQUEST`, `Booked` →
    /// `DEFINITIVE`, `Cancelled` → `CANCELLED`.
    ///
    /// - Parameter bookingState: The booking's state.
    public init(bookingState: BookingState) {
        switch bookingState {
        case .quoted: self = .request
        case .booked: self = .definitive
        case .cancelled: self = .cancelled
        }
    }

    /// The position in the order, 0 for `REQUEST`.
    public var rank: Int {
        switch self {
        case .request: 0
        case .optional: 1
        case .provisional: 2
        case .definitive: 3
        case .checkin: 4
        case .checkout: 5
        case .cancelled: 6
        }
    }

    /// Orders by ``rank``.
    public static func < (lhs: ReservationStatus, rhs: ReservationStatus) -> Bool { lhs.rank < rhs.rank }
}
