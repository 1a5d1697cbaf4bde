public import Foundation
public import Hummingbird
import Synchronization

/// The sessions of one area of the web pages (the portal, the back office), in memory, with
/// their cookie.
///
/// - Identifiers are 32 bytes from the system's secure generator (``SecretHash/newToken()``);
///   the store keys sessions by the identifier's SHA-256, so a memory dump does not yield a
///   usable cookie.
/// - A session ends after ``idleLifetime`` without use and ``absoluteLifetime`` after it began,
///   whichever comes first; ``rotate(_:subject:now:)`` gives a new identifier at login (no
///   session fixation) and ``end(_:)`` removes it at logout.
/// - The cookie is `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` when configured.
/// - At most ``capacity`` sessions are kept: expired ones are dropped first, then the least
///   recently used, so a flood of anonymous visits cannot exhaust memory.
public final class SessionStore: Sendable {
    /// The cookie's name, such as `drv_portal`.
    public let cookieName: String
    /// How long a session lasts without use.
    public let idleLifetime: TimeInterval
    /// How long a session lasts at most.
    public let absoluteLifetime: TimeInterval
    /// Whether the cookie carries `Secure` (behind TLS).
    public let secureCookies: Bool
    /// The most sessions kept.
    public let capacity: Int

    private let sessions = Mutex<[String: WebSession]>([:])

    /// Creates a store.
    ///
    /// - Parameters:
    ///   - cookieName: The cookie's name; letters, digits and `_` only.
    ///   - idleLifetime: Seconds without use before a session ends.
    ///   - absoluteLifetime: Seconds after its start before a session ends.
    ///   - secureCookies: Whether cookies carry `Secure`.
    ///   - capacity: The most sessions kept. Default 100,000, which bounds memory to tens of MB.
    public init(
        cookieName: String, idleLifetime: TimeInterval, absoluteLifetime: TimeInterval, secureCookies: Bool,
        capacity: Int = 100_000
    ) {
        self.cookieName = cookieName
        self.idleLifetime = idleLifetime
        self.absoluteLifetime = absoluteLifetime
        self.secureCookies = secureCookies
        self.capacity = max(1, capacity)
    }

    /// How many sessions are kept (live or not yet purged).
    public var count: Int { sessions.withLock { $0.count } }

    /// Starts a session and returns its identifier (for the cookie) and the session.
    ///
    /// - Parameters:
    ///   - subject: Who is logged in; `nil` for an anonymous session.
    ///   - attributes: Values to keep.
    ///   - now: The time.
    /// - Returns: The new identifier and session.
    public func start(
        subject: String?, attributes: [String: String] = [:], now: Date
    ) -> (
        id: String, session: WebSession
    ) {
        let id = SecretHash.newToken()
        let session = WebSession(
            subject: subject, csrfToken: SecretHash.newToken(), createdAt: now, attributes: attributes)
        let key = SecretHash.sha256Hex(id)
        sessions.withLock { sessions in
            if sessions.count >= capacity { evict(&sessions, now: now) }
            sessions[key] = session
        }
        return (id, session)
    }

    /// The live session of an identifier, marked as used now; `nil` when unknown or expired
    /// (an expired session is removed).
    ///
    /// - Parameters:
    ///   - id: The identifier from the cookie.
    ///   - now: The time.
    /// - Returns: The session.
    public func session(id: String, now: Date) -> WebSession? {
        let key = SecretHash.sha256Hex(id)
        return sessions.withLock { sessions in
            guard var session = sessions[key] else { return nil }
            guard isLive(session, now: now) else {
                sessions[key] = nil
                return nil
            }
            session.lastSeenAt = now
            sessions[key] = session
            return session
        }
    }

    /// The live session a request's cookie names.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - now: The time.
    /// - Returns: The identifier and session, or `nil`.
    public func session(for request: Request, now: Date) -> (id: String, session: WebSession)? {
        guard let id = request.cookies[cookieName]?.value, !id.isEmpty, id.count <= 128 else { return nil }
        return session(id: id, now: now).map { (id, $0) }
    }

    /// Changes a live session's attributes.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - change: The change.
    public func update(_ id: String, _ change: (inout [String: String]) -> Void) {
        let key = SecretHash.sha256Hex(id)
        sessions.withLock { sessions in
            guard var session = sessions[key] else { return }
            change(&session.attributes)
            sessions[key] = session
        }
    }

    /// Replaces a session (or none) with a new one for a subject: the login step. The old
    /// identifier stops working; its attributes carry over.
    ///
    /// - Parameters:
    ///   - oldId: The identifier before login, if any.
    ///   - subject: Who logged in.
    ///   - now: The time.
    /// - Returns: The new identifier and session.
    public func rotate(_ oldId: String?, subject: String, now: Date) -> (id: String, session: WebSession) {
        let attributes = oldId.map { id in
            sessions.withLock { $0.removeValue(forKey: SecretHash.sha256Hex(id))?.attributes ?? [:] }
        }
        return start(subject: subject, attributes: attributes ?? [:], now: now)
    }

    /// Ends a session.
    ///
    /// - Parameter id: The identifier.
    public func end(_ id: String) {
        let key = SecretHash.sha256Hex(id)
        _ = sessions.withLock { $0.removeValue(forKey: key) }
    }

    /// Ends every session of a subject (a customer's or staff member's other browsers).
    ///
    /// - Parameter subject: The subject.
    public func endAll(of subject: String) {
        sessions.withLock { sessions in sessions = sessions.filter { $0.value.subject != subject } }
    }

    /// The cookie that carries an identifier.
    ///
    /// - Parameter id: The identifier.
    /// - Returns: An `HttpOnly`, `SameSite=Strict` cookie for the whole site, `Secure` when
    ///   configured; a session cookie (no `Max-Age`) whose server side expires on its own.
    public func cookie(for id: String) -> Cookie {
        Cookie(name: cookieName, value: id, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that removes the session cookie from the browser.
    public var removalCookie: Cookie {
        Cookie(
            name: cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    private func isLive(_ session: WebSession, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) < idleLifetime
            && now.timeIntervalSince(session.createdAt) < absoluteLifetime
    }

    private func evict(_ sessions: inout [String: WebSession], now: Date) {
        sessions = sessions.filter { isLive($0.value, now: now) }
        while sessions.count >= capacity,
            let oldest = sessions.min(by: { $0.value.lastSeenAt < $1.value.lastSeenAt })?.key
        {
            sessions[oldest] = nil
        }
    }
}
