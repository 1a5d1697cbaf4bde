import NIOCore

/// Cuts the bytes an SMTP server sends into replies: lines ending in CRLF (a bare LF is taken
/// too), `250-` lines continued by more of the same code, the last one `250 ` or just `250`.
///
/// A line longer than 4,096 bytes, a reply of more than 100 lines, a line without a three-digit
/// code or a continuation with another code is a ``MailError`` with code `protocol-violation`:
/// the relay's answers are bounded input like any other.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let maximumLineLength = 4096
    static let maximumLines = 100

    private var pendingCode: Int?
    private var pendingLines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            guard buffer.readableBytes <= Self.maximumLineLength else {
                throw MailError(code: .protocolViolation, message: "the relay sent a line of more than 4096 bytes")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard length <= Self.maximumLineLength, var bytes = buffer.readBytes(length: length) else {
            throw MailError(code: .protocolViolation, message: "the relay sent a line of more than 4096 bytes")
        }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let digits = bytes.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else {
            throw MailError(
                code: .protocolViolation,
                message:
                    "the relay sent a line that is not an SMTP reply: \(MailAddress.printable(String(decoding: bytes.prefix(80), as: UTF8.self)))"
            )
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if let pendingCode, pendingCode != code {
            throw MailError(
                code: .protocolViolation, message: "a reply continued with code \(code) after \(pendingCode)")
        }
        pendingLines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
        guard pendingLines.count <= Self.maximumLines else {
            throw MailError(code: .protocolViolation, message: "the relay sent a reply of more than 100 lines")
        }
        if bytes.count > 3, bytes[3] == UInt8(ascii: "-") {
            pendingCode = code
        } else {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: pendingLines)))
            pendingCode = nil
            pendingLines = []
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
