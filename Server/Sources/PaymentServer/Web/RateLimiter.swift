public import Foundation
import Synchronization

/// Counts attempts per key (a client address, a booking reference, a user name) in fixed
/// windows and refuses when a key is over its limit: the logins' guard against guessing.
///
/// ```swift
/// switch limiter.admit(["client:\(address)", "booking:\(reference)"], now: now) {
/// case .allowed: … check the credentials …
/// case .limited(let retryAfter): … 429 with Retry-After …
/// }
/// ```
/// An attempt is counted against every key at once, and only when none is over the limit, so a
/// refused attempt does not extend the lock-out. At most ``capacity`` keys are kept: expired
/// windows are dropped first, then the oldest, so memory stays bounded under a flood of addresses.
public final class RateLimiter: Sendable {
    /// The answer to an attempt.
    public enum Decision: Hashable, Sendable {
        /// The attempt may go ahead (and was counted).
        case allowed
        /// Refused; the seconds until the earliest window ends.
        case limited(retryAfter: Int)
    }

    /// Attempts allowed per key and window.
    public let limit: Int
    /// The window's length in seconds.
    public let window: TimeInterval
    /// The most keys kept.
    public let capacity: Int

    private struct Window {
        var start: Date
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - limit: Attempts per key and window.
    ///   - window: The window in seconds.
    ///   - capacity: The most keys kept. Default 100,000.
    public init(limit: Int, window: TimeInterval, capacity: Int = 100_000) {
        self.limit = max(1, limit)
        self.window = window
        self.capacity = max(1, capacity)
    }

    /// Counts an attempt against every key, unless one of them is over the limit.
    ///
    /// - Parameters:
    ///   - keys: The keys, such as `client:ADDRESS` and `booking:REF`.
    ///   - now: The time.
    /// - Returns: Whether the attempt may go ahead.
    public func admit(_ keys: [String], now: Date) -> Decision {
        windows.withLock { windows in
            var retryAfter = 0
            for key in keys {
                if let current = windows[key], now.timeIntervalSince(current.start) < window, current.count >= limit {
                    let left = window - now.timeIntervalSince(current.start)
                    retryAfter = max(retryAfter, Int(left.rounded(.up)))
                }
            }
            if retryAfter > 0 { return .limited(retryAfter: max(1, retryAfter)) }
            if windows.count + keys.count > capacity {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
                let excess = windows.count + keys.count - capacity
                if excess > 0 {
                    for key in windows.sorted(by: { $0.value.start < $1.value.start }).prefix(excess).map(\.key) {
                        windows[key] = nil
                    }
                }
            }
            for key in keys {
                if let current = windows[key], now.timeIntervalSince(current.start) < window {
                    windows[key] = Window(start: current.start, count: current.count + 1)
                } else {
                    windows[key] = Window(start: now, count: 1)
                }
            }
            return .allowed
        }
    }

    /// Forgets a key's attempts (after a successful login, for its booking or user).
    ///
    /// - Parameter key: The key.
    public func reset(_ key: String) {
        _ = windows.withLock { $0.removeValue(forKey: key) }
    }
}
