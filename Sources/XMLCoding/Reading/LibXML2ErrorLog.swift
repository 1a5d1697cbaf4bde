internal import CLibXML2

/// Collects the libxml2 errors that arrive through the per-thread handlers rather than a parser,
/// schema or validation context, so that none of them reaches standard error.
///
/// Used with ``LibXML2/routingErrors(to:context:_:)`` for the duration of one call.
final class LibXML2ErrorLog {
    /// One error, with its message already made safe to show.
    struct Entry {
        var domain: Int32
        var code: Int32
        var line: Int
        /// libxml2's text, except for encoding errors, whose text quotes input bytes.
        var message: String
        var isEncodingError: Bool
    }

    private(set) var entries: [Entry] = []

    /// The handler to install; its context is this log, unretained.
    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<LibXML2ErrorLog>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
    }

    /// The context to install with ``handler``; valid while the log is alive.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The first encoding conversion error recorded.
    var firstEncodingError: Entry? { entries.first(where: \.isEncodingError) }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, entries.count < 100 else { return }
        let isEncodingError = error.domain == Int32(XML_FROM_I18N.rawValue)
        // "input conversion failed due to input error, bytes 0x.. 0x.." quotes the input: never
        // pass input bytes on, they may be a card number.
        let message =
            isEncodingError
            ? "the input's bytes cannot be converted from its encoding"
            : LibXML2.message(error.message)
        entries.append(
            Entry(
                domain: error.domain, code: error.code, line: Int(error.line), message: message,
                isEncodingError: isEncodingError))
    }

    /// Runs `body` with every context-less libxml2 error of the calling thread recorded here.
    func capturing<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try withExtendedLifetime(self) { () throws(E) -> T in
            try LibXML2.routingErrors(to: Self.handler, context: context, body)
        }
    }
}
