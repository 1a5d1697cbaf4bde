public import Foundation

/// A server-side web session: who is logged in (if anyone), its CSRF token and its times.
///
/// Sessions live only in the server's memory (``SessionStore``), keyed by the SHA-256 of the
/// identifier the cookie carries; the identifier itself is not kept.
public struct WebSession: Sendable, Hashable {
    /// Who the session belongs to, such as `customer:BK-1` or `staff:alice`; `nil` before login
    /// (a session that only carries the login form's CSRF token).
    public var subject: String?
    /// The token every form of the session carries and every POST must send back.
    public let csrfToken: String
    /// When the session started; it ends ``SessionStore/absoluteLifetime`` after.
    public let createdAt: Date
    /// When the session was last used; it ends ``SessionStore/idleLifetime`` after.
    public var lastSeenAt: Date
    /// Small per-session values (chosen language, staff role, …).
    public var attributes: [String: String]

    /// Creates a session.
    ///
    /// - Parameters:
    ///   - subject: Who is logged in; `nil` for none.
    ///   - csrfToken: The CSRF token.
    ///   - createdAt: The start.
    ///   - attributes: Values to keep. Default none.
    public init(subject: String?, csrfToken: String, createdAt: Date, attributes: [String: String] = [:]) {
        self.subject = subject
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = createdAt
        self.attributes = attributes
    }
}
