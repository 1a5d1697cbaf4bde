internal import CLibXML2

/// Process-wide libxml2 set-up, done once and never undone.
///
/// The library never touches libxml2's global state beyond `xmlInitParser()`: no global error
/// handler, no global entity loader, no `xmlCleanupParser()` (Foundation in the same process uses
/// libxml2 too).
enum LibXML2 {
    private static let initialization: Void = { xmlInitParser() }()

    /// Initialises libxml2 once; a `static let` initialiser runs exactly once, thread-safely.
    static func ensureInitialized() {
        _ = initialization
    }

    /// The parser options for untrusted input.
    ///
    /// `NONET` forbids network access; `NOCDATA` merges CDATA into text; `HUGE` lifts libxml2's
    /// fixed 10 MB text-node limit, which is safe because DTDs (and so entity expansion) are
    /// refused outright and the input size is capped before parsing. Never `NOENT`, `DTDLOAD`,
    /// `DTDATTR`, `DTDVALID`, `XINCLUDE` or `RECOVER`.
    static func parserOptions(ignoringDeclaredEncoding: Bool) -> Int32 {
        var options =
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue
        if ignoringDeclaredEncoding { options |= XML_PARSE_IGNORE_ENC.rawValue }
        return Int32(bitPattern: options)
    }

    /// A message from libxml2 without its trailing newline.
    static func message(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var text = String(cString: pointer)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return text
    }
}
