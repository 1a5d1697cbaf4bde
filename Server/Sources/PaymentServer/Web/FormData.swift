import Foundation
public import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body, read within limits.
///
/// ```swift
/// let form = try await FormData.read(request)
/// let reference = form["reference"] ?? ""
/// ```
public struct FormData: Sendable, Hashable {
    /// Why a body is not a usable form.
    public enum Failure: Error, Hashable, Sendable {
        /// The `Content-Type` is not `application/x-www-form-urlencoded` (415).
        case unsupportedContentType
        /// The body is longer than the limit (413).
        case tooLarge(limit: Int)
        /// More fields than the limit, or a field not percent-decodable (400).
        case malformed(String)

        /// The HTTP status to answer with.
        public var status: HTTPResponse.Status {
            switch self {
            case .unsupportedContentType: .unsupportedMediaType
            case .tooLarge: .contentTooLarge
            case .malformed: .badRequest
            }
        }
    }

    /// The largest body read by default: 16 KiB, which protects memory; the forms are short.
    public static let defaultMaxBytes = 16 << 10
    /// The most fields by default: 64.
    public static let defaultMaxFields = 64

    /// The fields in the order sent.
    public let fields: [(name: String, value: String)]

    /// Decodes a body.
    ///
    /// - Parameters:
    ///   - body: The body's text.
    ///   - maxFields: The most fields accepted.
    /// - Throws: ``Failure/malformed(_:)`` for too many fields or bad percent-encoding.
    public init(decoding body: String, maxFields: Int = FormData.defaultMaxFields) throws(Failure) {
        var fields: [(name: String, value: String)] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            guard fields.count < maxFields else { throw .malformed("more than \(maxFields) fields") }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.unescape(parts[0]) else { throw .malformed("a field name is not percent-encoded") }
            guard let value = parts.count > 1 ? Self.unescape(parts[1]) : "" else {
                throw .malformed("the value of \(name) is not percent-encoded")
            }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// Reads and decodes a request's body.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - maxBytes: The largest body read.
    ///   - maxFields: The most fields accepted.
    /// - Returns: The form.
    /// - Throws: ``Failure``.
    public static func read(
        _ request: Request, maxBytes: Int = defaultMaxBytes, maxFields: Int = defaultMaxFields
    ) async throws(Failure) -> FormData {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { throw .unsupportedContentType }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch {
            throw .tooLarge(limit: maxBytes)
        }
        return try FormData(decoding: String(decoding: buffer.readableBytesView, as: UTF8.self), maxFields: maxFields)
    }

    /// The first value of a field.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of a field, in order.
    ///
    /// - Parameter name: The field.
    /// - Returns: The values.
    public func values(of name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    private static func unescape(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Equal when the same fields in the same order.
    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    /// Hashes the fields.
    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}
