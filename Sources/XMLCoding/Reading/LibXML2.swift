internal import CLibXML2

/// Process-wide libxml2 set-up, done once and never undone.
///
/// The library never touches libxml2's process-wide state beyond `xmlInitParser()`: no global
/// entity loader, no `xmlCleanupParser()` (Foundation in the same process uses libxml2 too). The
/// only shared state it sets is libxml2's *per-thread* error handlers, for the duration of one
/// call and on the calling thread only (see ``routingErrors(to:context:_:)``).
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

    /// Runs `body` with libxml2's per-thread error handlers pointing at `handler`, then restores
    /// the handlers that were installed before.
    ///
    /// libxml2 reports some errors without a parser context: encoding conversion failures
    /// ("input conversion failed due to input error, bytes …", quoting input bytes), and messages
    /// of code that only has a schema or I/O context. Those go to the thread's structured error
    /// handler, else to the generic error function, whose default writes to standard error. With
    /// threads enabled (as in every distribution's libxml2) both are thread-local, so setting them
    /// around a synchronous call on the calling thread affects no other thread; restoring them
    /// leaves Foundation's or the application's own handlers in place.
    ///
    /// The generic error function is set to one that discards the message: it is only reached by
    /// direct `xmlGenericError` calls, which libxml2 2.9 makes for internal debugging output, since
    /// every reported error goes to the structured handler when one is set.
    static func routingErrors<T, E: Error>(
        to handler: xmlStructuredErrorFunc, context: UnsafeMutableRawPointer?, _ body: () throws(E) -> T
    ) throws(E) -> T {
        ensureInitialized()
        let structured = __xmlStructuredError()
        let structuredContext = __xmlStructuredErrorContext()
        let generic = __xmlGenericError()
        let genericContext = __xmlGenericErrorContext()
        let saved = (structured?.pointee, structuredContext?.pointee, generic?.pointee, genericContext?.pointee)
        structured?.pointee = handler
        structuredContext?.pointee = context
        generic?.pointee = discardingGenericError
        genericContext?.pointee = nil
        defer {
            structured?.pointee = saved.0
            structuredContext?.pointee = saved.1
            generic?.pointee = saved.2
            genericContext?.pointee = saved.3
        }
        return try body()
    }

    /// A generic error function that drops the message.
    ///
    /// libxml2's `xmlGenericErrorFunc` is variadic, which Swift cannot define; this function takes
    /// the two fixed arguments only. Calling it through the variadic pointer is sound on the
    /// supported ABIs (x86-64 System V, AArch64): fixed arguments travel in the same registers
    /// whether the callee is variadic or not, and the variadic ones are never read.
    private static var discardingGenericError: OpaquePointer {
        let function: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
        return unsafeBitCast(function, to: OpaquePointer.self)
    }

    /// A message from libxml2 without its trailing newline.
    static func message(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var text = String(cString: pointer)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return text
    }
}
