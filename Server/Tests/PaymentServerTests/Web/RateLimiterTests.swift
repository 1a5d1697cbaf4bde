import Foundation
import PaymentServer
import Testing

@Suite struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func allowsTheLimitThenRefusesUntilTheWindowEnds() {
        let limiter = RateLimiter(limit: 3, window: 60)
        for _ in 0..<3 { #expect(limiter.admit(["client:1"], now: start) == .allowed) }
        #expect(limiter.admit(["client:1"], now: start.addingTimeInterval(10)) == .limited(retryAfter: 50))
        #expect(limiter.admit(["client:2"], now: start.addingTimeInterval(10)) == .allowed)
        #expect(limiter.admit(["client:1"], now: start.addingTimeInterval(60)) == .allowed)
    }

    @Test func anyLimitedKeyRefusesAndARefusedAttemptCountsAgainstNoKey() {
        let limiter = RateLimiter(limit: 2, window: 60)
        // Two clients try the same booking: the booking's key runs out for both.
        #expect(limiter.admit(["client:1", "booking:A"], now: start) == .allowed)
        #expect(limiter.admit(["client:2", "booking:A"], now: start) == .allowed)
        #expect(limiter.admit(["client:3", "booking:A"], now: start) == .limited(retryAfter: 60))
        // client:3 was not counted: it can still try another booking twice.
        #expect(limiter.admit(["client:3", "booking:B"], now: start) == .allowed)
        #expect(limiter.admit(["client:3", "booking:C"], now: start) == .allowed)
        #expect(limiter.admit(["client:3", "booking:D"], now: start) == .limited(retryAfter: 60))
    }

    @Test func resetForgetsAKey() {
        let limiter = RateLimiter(limit: 1, window: 60)
        #expect(limiter.admit(["booking:A"], now: start) == .allowed)
        #expect(limiter.admit(["booking:A"], now: start) != .allowed)
        limiter.reset("booking:A")
        #expect(limiter.admit(["booking:A"], now: start) == .allowed)
    }

    @Test func capacityBoundsTheKeysKept() {
        let limiter = RateLimiter(limit: 1, window: 60, capacity: 10)
        for index in 0..<50 { #expect(limiter.admit(["client:\(index)"], now: start) == .allowed) }
        // The most recent key is still counted.
        #expect(limiter.admit(["client:49"], now: start) != .allowed)
    }
}
