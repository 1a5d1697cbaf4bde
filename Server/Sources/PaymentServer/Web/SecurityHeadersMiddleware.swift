public import HTTPTypes
public import Hummingbird

/// Adds the web pages' security headers to every response of a route group.
///
/// - `Content-Security-Policy`: nothing by default; styles, images and form targets from this
///   server only (plus the logo's `https:` origin), no script at all, no framing, no `<base>`.
/// - `X-Frame-Options: DENY` for browsers that predate `frame-ancestors`.
/// - `Referrer-Policy: no-referrer`, so URLs (a magic link's token) never leak to other sites.
/// - `X-Content-Type-Options: nosniff`.
/// - `Cache-Control: no-store` on private pages, so a shared computer's back button or a proxy
///   does not keep a customer's booking.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy sent.
    public let contentSecurityPolicy: String
    /// Whether responses are private (`Cache-Control: no-store`).
    public let privatePages: Bool

    /// Creates the middleware.
    ///
    /// - Parameters:
    ///   - branding: The branding, whose logo origin the policy allows.
    ///   - privatePages: Whether to send `Cache-Control: no-store`. Default `true`.
    public init(branding: Branding, privatePages: Bool = true) {
        self.contentSecurityPolicy = Self.policy(branding: branding)
        self.privatePages = privatePages
    }

    /// The Content-Security-Policy for a branding.
    ///
    /// - Parameter branding: The branding.
    /// - Returns: The header's value.
    public static func policy(branding: Branding) -> String {
        let images = ["'self'", branding.logoOrigin].compactMap { $0 }.joined(separator: " ")
        return "default-src 'none'; style-src 'self'; img-src \(images); form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    /// Runs the route and adds the headers.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        apply(to: &response.headers)
        return response
    }

    /// Adds the headers to a set of fields.
    ///
    /// - Parameter headers: The fields.
    public func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        if let name = HTTPField.Name("X-Frame-Options") { headers[name] = "DENY" }
        if let name = HTTPField.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        if let name = HTTPField.Name("X-Content-Type-Options") { headers[name] = "nosniff" }
        if privatePages { headers[.cacheControl] = "no-store" }
    }
}
