import Foundation
import Hummingbird
import PaymentServer
import Testing

@Suite struct SessionStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func store(capacity: Int = 100) -> SessionStore {
        SessionStore(
            cookieName: "drv_test", idleLifetime: 900, absoluteLifetime: 3_600, secureCookies: false,
            capacity: capacity)
    }

    @Test func newSessionsHaveDistinctRandomIdsAndTokens() {
        let sessions = store()
        let a = sessions.start(subject: nil, now: start)
        let b = sessions.start(subject: nil, now: start)
        #expect(a.id != b.id)
        #expect(a.session.csrfToken != b.session.csrfToken)
        #expect(a.id.count == 43)  // 32 bytes, URL-safe Base64
        #expect(a.id != a.session.csrfToken)
    }

    @Test func idleExpiryEndsAnUnusedSessionAndUseKeepsItAlive() {
        let sessions = store()
        let (id, _) = sessions.start(subject: "customer:A", now: start)
        #expect(sessions.session(id: id, now: start.addingTimeInterval(800))?.subject == "customer:A")
        #expect(sessions.session(id: id, now: start.addingTimeInterval(1_600))?.subject == "customer:A")
        #expect(sessions.session(id: id, now: start.addingTimeInterval(2_501)) == nil)
        #expect(sessions.count == 0)
    }

    @Test func absoluteExpiryEndsABusySession() {
        let sessions = store()
        let (id, _) = sessions.start(subject: "customer:A", now: start)
        for minute in stride(from: 10, through: 59, by: 10) {
            #expect(sessions.session(id: id, now: start.addingTimeInterval(Double(minute * 60))) != nil)
        }
        #expect(sessions.session(id: id, now: start.addingTimeInterval(3_600)) == nil)
    }

    @Test func rotationAtLoginGivesANewIdAndEndsTheOld() {
        let sessions = store()
        let (anonymous, before) = sessions.start(subject: nil, attributes: ["lang": "de"], now: start)
        let (id, after) = sessions.rotate(anonymous, subject: "customer:A", now: start)
        #expect(id != anonymous)
        #expect(after.csrfToken != before.csrfToken)
        #expect(after.attributes["lang"] == "de")
        #expect(sessions.session(id: anonymous, now: start) == nil)
        #expect(sessions.session(id: id, now: start)?.subject == "customer:A")
    }

    @Test func logoutEndsTheSessionAndEndAllEndsEverySessionOfTheSubject() {
        let sessions = store()
        let (one, _) = sessions.start(subject: "customer:A", now: start)
        let (two, _) = sessions.start(subject: "customer:A", now: start)
        let (other, _) = sessions.start(subject: "customer:B", now: start)
        sessions.end(one)
        #expect(sessions.session(id: one, now: start) == nil)
        sessions.endAll(of: "customer:A")
        #expect(sessions.session(id: two, now: start) == nil)
        #expect(sessions.session(id: other, now: start) != nil)
    }

    @Test func theStoreKeepsOnlyTheHashOfTheIdAndAnUnknownIdFindsNothing() {
        let sessions = store()
        let (id, _) = sessions.start(subject: "customer:A", now: start)
        #expect(sessions.session(id: SecretHash.sha256Hex(id), now: start) == nil)
        #expect(sessions.session(id: id + "x", now: start) == nil)
    }

    @Test func capacityDropsExpiredThenLeastRecentlyUsed() {
        let sessions = store(capacity: 3)
        let first = sessions.start(subject: "a", now: start).id
        let second = sessions.start(subject: "b", now: start.addingTimeInterval(1)).id
        let third = sessions.start(subject: "c", now: start.addingTimeInterval(2)).id
        _ = sessions.session(id: first, now: start.addingTimeInterval(3))
        let fourth = sessions.start(subject: "d", now: start.addingTimeInterval(4)).id
        #expect(sessions.count == 3)
        #expect(sessions.session(id: second, now: start.addingTimeInterval(5)) == nil)
        for id in [first, third, fourth] { #expect(sessions.session(id: id, now: start.addingTimeInterval(5)) != nil) }
    }

    @Test func cookiesAreHttpOnlySameSiteStrictAndSecureWhenConfigured() {
        let plain = store().cookie(for: "abc")
        #expect(plain.httpOnly && plain.sameSite == .strict && !plain.secure && plain.path == "/")
        let secure = SessionStore(cookieName: "drv_test", idleLifetime: 1, absoluteLifetime: 1, secureCookies: true)
        #expect(secure.cookie(for: "abc").secure)
        #expect(secure.cookie(for: "abc").description.contains("SameSite=Strict"))
        #expect(secure.removalCookie.maxAge == 0)
    }
}
