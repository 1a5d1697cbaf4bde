import Synchronization

/// The payment-page outcomes a receipt was sent for, so that replaying the return address does
/// not send a second receipt. Bounded: the oldest are forgotten past ``capacity``.
final class ReceiptLog: Sendable {
    let capacity: Int
    private let state = Mutex<(seen: Set<String>, order: [String])>(([], []))

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// Marks a nonce; `true` the first time.
    func firstTime(_ nonce: String) -> Bool {
        state.withLock { state in
            guard state.seen.insert(nonce).inserted else { return false }
            state.order.append(nonce)
            if state.order.count > capacity {
                let excess = state.order.count - capacity
                for old in state.order.prefix(excess) { state.seen.remove(old) }
                state.order.removeFirst(excess)
            }
            return true
        }
    }
}
