public import XMLCoding

/// The state of a payment, set by the tour operator in responses: STRING's `PaymentStatusType`.
///
/// The status flow, as ``transition(to:)`` enforces it:
///
/// | From | Allowed next states |
/// |---|---|
/// | ``open`` | ``recorded`` (agency debiting: the agency entered the payment), ``settled`` (tour-operator debiting), ``failed`` |
/// | ``recorded`` | ``settled`` (the tour operator received the money), ``failed`` |
/// | ``settled`` | ``confirmed`` (the tour operator confirmed receipt), ``failed`` |
/// | ``failed`` | ``open`` (the payment is requested again) |
/// | ``confirmed`` | none: final |
///
/// "Any non-final state → Failed": the STRING flow calls only ``confirmed`` final, so a
/// ``settled`` payment may still fail (a chargeback or a returned direct debit before the tour
/// operator confirms). Staying in the same state is not a transition and is refused, as is
/// every change not in the table.
public enum PaymentStatus: String, XMLEnumeration, Hashable {
    /// Expected or requested, not paid yet.
    case open = "Open"
    /// Entered by the agency (agency debiting); paid from the customer's view.
    case recorded = "Recorded"
    /// The tour operator received the money.
    case settled = "Settled"
    /// The payment failed; the tour operator or the agency must clear it with the cash holder.
    case failed = "Failed"
    /// The tour operator confirmed receipt. Final.
    case confirmed = "Confirmed"

    /// Whether no transition leaves this state (only ``confirmed``).
    public var isFinal: Bool { self == .confirmed }

    /// Whether the payment counts towards a booking's `PaidAmount` (``recorded``, ``settled``,
    /// ``confirmed``).
    public var countsAsPaid: Bool {
        switch self {
        case .recorded, .settled, .confirmed: true
        case .open, .failed: false
        }
    }

    /// Whether the payment counts towards a booking's `SettledAmount` (``settled``,
    /// ``confirmed``).
    public var countsAsSettled: Bool {
        switch self {
        case .settled, .confirmed: true
        case .open, .recorded, .failed: false
        }
    }

    /// The states the status flow allows after a state, in declaration order.
    ///
    /// - Parameter status: The current state.
    /// - Returns: The allowed next states; empty for ``confirmed``.
    public static func allowedTransitions(from status: PaymentStatus) -> [PaymentStatus] {
        switch status {
        case .open: [.recorded, .settled, .failed]
        case .recorded: [.settled, .failed]
        case .settled: [.failed, .confirmed]
        case .failed: [.open]
        case .confirmed: []
        }
    }

    /// Whether the status flow allows moving from this state to `next`.
    ///
    /// - Parameter next: The proposed next state.
    /// - Returns: `true` when ``allowedTransitions(from:)`` contains `next`.
    public func canTransition(to next: PaymentStatus) -> Bool {
        Self.allowedTransitions(from: self).contains(next)
    }

    /// Moves to the next state if the status flow allows it.
    ///
    /// - Parameter next: The proposed next state.
    /// - Returns: `next`.
    /// - Throws: ``StringPaymentsError`` with code
    ///   ``StringPaymentsError/Code/invalidStatusTransition`` naming both states, for every
    ///   transition the flow does not allow, including staying in the same state.
    public func transition(to next: PaymentStatus) throws(StringPaymentsError) -> PaymentStatus {
        guard canTransition(to: next) else {
            let allowed = Self.allowedTransitions(from: self).map(\.rawValue)
            let hint =
                allowed.isEmpty
                ? "\(rawValue) is final"
                : "from \(rawValue) only \(allowed.joined(separator: ", ")) may follow"
            throw StringPaymentsError(
                code: .invalidStatusTransition,
                message: "a payment cannot change from \(rawValue) to \(next.rawValue); \(hint)")
        }
        return next
    }
}
