public import Foundation
public import Hummingbird

/// The check every state-changing form makes: the form's `csrf` field must equal the session's
/// token, compared in constant time.
///
/// Together with `SameSite=Strict` cookies this stops another site from posting forms with the
/// customer's session; the token is per session, in a hidden field, never in a URL.
public enum CSRFProtection {
    /// The name of the hidden form field.
    public static let fieldName = "csrf"

    /// Whether a form carries the session's token.
    ///
    /// - Parameters:
    ///   - form: The decoded form.
    ///   - session: The session.
    /// - Returns: `true` when the field is present and equal to the session's token.
    public static func isValid(_ form: FormData, for session: WebSession) -> Bool {
        guard let sent = form[fieldName], !sent.isEmpty else { return false }
        return SecretHash.constantTimeEquals(sent, session.csrfToken)
    }
}

extension CSRFProtection {
    /// A POSTed form with its session, once both are checked: the session is live and the form
    /// carries its CSRF token.
    public struct CheckedForm: Sendable {
        /// The session's identifier (from the cookie).
        public let sessionId: String
        /// The session.
        public let session: WebSession
        /// The form.
        public let form: FormData
    }

    /// Reads a POSTed form and checks its session and CSRF token.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - store: The area's sessions.
    ///   - now: The time.
    /// - Returns: The checked form, or the response to send instead: 403 without a live session
    ///   or with a missing or wrong token; 415, 413 or 400 for a body that is not a short form.
    public static func checkedForm(
        _ request: Request, store: SessionStore, now: Date
    ) async -> Result<CheckedForm, ResponseRefusal> {
        let form: FormData
        do {
            form = try await FormData.read(request)
        } catch {
            return .failure(ResponseRefusal(response: WebResponse.refusal(error)))
        }
        guard let (id, session) = store.session(for: request, now: now) else {
            return .failure(
                ResponseRefusal(
                    response: WebResponse.text(
                        .forbidden, "your session has ended or cookies are off; reload the page and try again")))
        }
        guard isValid(form, for: session) else {
            return .failure(
                ResponseRefusal(
                    response: WebResponse.text(
                        .forbidden, "the form's security token is missing or wrong; reload the page")))
        }
        return .success(CheckedForm(sessionId: id, session: session, form: form))
    }
}

/// A response sent instead of running a handler (a refused form).
public struct ResponseRefusal: Error, Sendable {
    /// The response.
    public let response: Response
}
