import CLibXML2Bench

/// The floor: libxml2's SAX2 parser with empty callbacks, set up exactly as ``XMLDecoder`` sets up
/// its own parse (memory parser context, the same options, the handler copied into the context).
///
/// Nothing that binds XML to values can be faster than this, so every other measurement is
/// reported against it.
enum LibXML2SAXFloor {
    private static let initialization: Void = { xmlInitParser() }()

    /// The libxml2 version the benchmark was compiled against, such as `2.9.14`.
    static var version: String { LIBXML_DOTTED_VERSION }

    /// The library's parser options: `NONET | NOERROR | NOWARNING | NOCDATA | HUGE`.
    private static let options = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)

    /// Parses the document, doing nothing in the callbacks.
    ///
    /// - Returns: Whether libxml2 found the document well-formed.
    static func parse(_ bytes: [UInt8]) -> Bool {
        _ = initialization
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count <= Int(Int32.max),
                let context = base.withMemoryRebound(
                    to: CChar.self, capacity: buffer.count, { xmlCreateMemoryParserCtxt($0, Int32(buffer.count)) })
            else { return false }
            defer { xmlFreeParserCtxt(context) }
            _ = xmlCtxtUseOptions(context, options)
            context.pointee.sax.pointee = makeHandler()
            _ = xmlParseDocument(context)
            return context.pointee.wellFormed != 0
        }
    }

    /// A zeroed SAX2 handler with empty element and text callbacks; built per parse because C
    /// structs holding function pointers cannot be shared as `static let` in Swift 6.
    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        return handler
    }
}
