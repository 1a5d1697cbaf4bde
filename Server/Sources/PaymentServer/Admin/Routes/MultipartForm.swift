import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578), enough for a file upload form: each
/// part's field name, file name and bytes. Malformed bodies give `nil`, never a crash.
struct MultipartForm: Sendable {
    /// One part.
    struct Part: Sendable {
        var name: String
        var fileName: String?
        var data: Data
    }

    /// The parts, in order.
    let parts: [Part]

    /// The boundary of a `Content-Type` header value, or `nil` when it is not multipart/form-data.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            guard (1...70).contains(value.count) else { return nil }
            return value
        }
        return nil
    }

    /// Parses a body.
    ///
    /// - Parameters:
    ///   - body: The body bytes.
    ///   - boundary: The boundary from the `Content-Type`.
    init?(body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        var parts: [Part] = []
        while cursor < body.endIndex {
            // After a delimiter: "--" ends the body, "\r\n" starts a part.
            let rest = body[cursor...]
            if rest.starts(with: Data("--".utf8)) { break }
            guard rest.starts(with: Data("\r\n".utf8)) else { return nil }
            let headerStart = cursor + 2
            guard let headerEnd = body.range(of: separator, in: headerStart..<body.endIndex) else { return nil }
            let contentStart = headerEnd.upperBound
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: contentStart..<body.endIndex) else {
                return nil
            }
            guard let headers = String(data: body[headerStart..<headerEnd.lowerBound], encoding: .utf8) else {
                return nil
            }
            var name: String?
            var fileName: String?
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                fileName = Self.parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, fileName: fileName, data: Data(body[contentStart..<next.lowerBound])))
            cursor = next.upperBound
            guard parts.count <= 100 else { return nil }
        }
        self.parts = parts
    }

    /// The first part with a field name.
    func part(named name: String) -> Part? { parts.first { $0.name == name } }

    /// A `name="value"` parameter of a header line.
    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard piece.lowercased().hasPrefix(key + "=") else { continue }
            var value = String(piece.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
