public import NIOCore
public import NIOPosix

/// Delivers messages to an SMTP relay over a plain TCP connection, with SwiftNIO.
///
/// One connection per message: greeting (220), `EHLO` (250; `HELO` when the relay does not
/// know `EHLO`), `MAIL FROM` (250), `RCPT TO` for each recipient (250 or 251), `DATA` (354), the
/// message with CRLF line breaks and dot stuffing, the final `.` (250), then `QUIT`. Every reply
/// code is checked; a refusal is a ``MailError`` with code `rejected` and the relay's code.
///
/// The client does not speak STARTTLS or authenticate: it is meant for a relay on the same host
/// or network (Postfix, an MTA sidecar) that takes mail from it and does the hard part — TLS to
/// the world, queueing, retries. Point it at a relay that needs neither.
///
/// The message is 7-bit (see ``MailMessage/rendered()``), so neither `8BITMIME` nor
/// `SMTPUTF8` is needed; addresses are ASCII.
public struct SMTPClient: MailSender {
    /// The relay's host name or address.
    public var host: String
    /// The relay's port. Default 25.
    public var port: Int
    /// The name the client gives in `EHLO`. Default `localhost`.
    public var heloName: String
    /// How long connecting may take. Default 10 seconds.
    public var connectTimeout: TimeAmount
    /// How long the relay may take to answer each command. Default 30 seconds, which protects
    /// the sender from a relay that accepts the connection and then says nothing.
    public var replyTimeout: TimeAmount
    /// The event loops the connections run on. Default NIO's shared singleton group.
    public var eventLoopGroup: any EventLoopGroup

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - host: The relay's host.
    ///   - port: The relay's port; default 25.
    ///   - heloName: The name given in `EHLO`; default `localhost`.
    ///   - connectTimeout: Default 10 seconds.
    ///   - replyTimeout: Default 30 seconds.
    ///   - eventLoopGroup: Default NIO's shared group.
    public init(
        host: String, port: Int = 25, heloName: String = "localhost", connectTimeout: TimeAmount = .seconds(10),
        replyTimeout: TimeAmount = .seconds(30),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends the message in one SMTP session.
    ///
    /// - Parameter message: The message.
    /// - Throws: ``MailError`` with code `invalid-header`, `connection-failed`, `timeout`,
    ///   `rejected` or `protocol-violation`.
    public func send(_ message: MailMessage) async throws(MailError) {
        let data = Self.dotStuffed(try message.rendered())
        guard heloName.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw MailError(code: .invalidHeader, message: "the EHLO name is not printable ASCII")
        }
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        let timeoutSeconds = replyTimeout.nanoseconds / 1_000_000_000
        let timedOut = SMTPTimeoutFlag()
        let timeoutError = MailError(
            code: .timeout,
            message: "\(host):\(port) did not answer within \(replyTimeout.nanoseconds / 1_000_000) ms")
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(connectTimeout)
                .connect(host: host, port: port) { [replyTimeout] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(IdleStateHandler(readTimeout: replyTimeout))
                        try pipeline.addHandler(SMTPTimeoutHandler(seconds: timeoutSeconds, fired: timedOut))
                        try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError(code: .connectionFailed, message: "cannot connect to \(host):\(port): \(error)")
        }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var replies = inbound.makeAsyncIterator()
                func expect(_ accepted: Set<Int>, after step: String) async throws -> SMTPReply {
                    guard let reply = try await replies.next() else {
                        if timedOut.isSet { throw timeoutError }
                        throw MailError(
                            code: .connectionFailed, message: "\(host):\(port) closed the connection after \(step)")
                    }
                    guard accepted.contains(reply.code) else {
                        throw MailError(
                            code: .rejected,
                            message: "\(host):\(port) answered \(step) with \(reply.code) \(reply.text)",
                            replyCode: reply.code)
                    }
                    return reply
                }
                func command(_ line: String, expecting accepted: Set<Int>) async throws {
                    try await outbound.write(ByteBuffer(string: line + "\r\n"))
                    let step = line.split(separator: ":").first.map(String.init) ?? line
                    _ = try await expect(accepted, after: step)
                }
                _ = try await expect([220], after: "connecting")
                try await outbound.write(ByteBuffer(string: "EHLO \(heloName)\r\n"))
                guard let hello = try await replies.next() else {
                    if timedOut.isSet { throw timeoutError }
                    throw MailError(
                        code: .connectionFailed, message: "\(host):\(port) closed the connection after EHLO")
                }
                if hello.code != 250 {
                    guard [500, 501, 502, 504].contains(hello.code) else {
                        throw MailError(
                            code: .rejected, message: "\(host):\(port) answered EHLO with \(hello.code) \(hello.text)",
                            replyCode: hello.code)
                    }
                    try await command("HELO \(heloName)", expecting: [250])
                }
                try await command("MAIL FROM:<\(message.from.address)>", expecting: [250])
                for recipient in message.to {
                    try await command("RCPT TO:<\(recipient.address)>", expecting: [250, 251])
                }
                try await command("DATA", expecting: [354])
                try await outbound.write(ByteBuffer(string: data + ".\r\n"))
                _ = try await expect([250], after: "the message")
                // The message is accepted; a relay that answers QUIT badly changes nothing.
                try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                _ = try? await replies.next()
            }
        } catch let error as MailError {
            throw timedOut.isSet ? timeoutError : error
        } catch {
            if timedOut.isSet { throw timeoutError }
            throw MailError(code: .connectionFailed, message: "the session with \(host):\(port) failed: \(error)")
        }
    }

    /// The message with every line that starts with a dot given a second one (RFC 5321
    /// §4.5.2), ending in CRLF.
    static func dotStuffed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }
}
