public import Hummingbird

/// The responses of the web pages: HTML, redirects after POST, plain refusals.
public enum WebResponse {
    /// An HTML page.
    ///
    /// - Parameters:
    ///   - status: The status. Default 200.
    ///   - html: The page.
    /// - Returns: The response, `text/html; charset=utf-8`.
    public static func html(_ status: HTTPResponse.Status = .ok, _ html: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` to a path on this server (or a URL the server made).
    ///
    /// - Parameter location: Where to.
    /// - Returns: The response.
    public static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// A plain-text refusal, such as 403 for a missing CSRF token.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - text: What went wrong, for people.
    /// - Returns: The response.
    public static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// The answer to a form that could not be read.
    ///
    /// - Parameter failure: Why.
    /// - Returns: 415, 413 or 400 with a short text.
    public static func refusal(_ failure: FormData.Failure) -> Response {
        switch failure {
        case .unsupportedContentType: text(failure.status, "send the form as application/x-www-form-urlencoded")
        case .tooLarge(let limit): text(failure.status, "the form is larger than \(limit) bytes")
        case .malformed(let why): text(failure.status, "the form cannot be read: \(why)")
        }
    }
}
