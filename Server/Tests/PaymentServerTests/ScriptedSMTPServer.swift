import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// An SMTP server on 127.0.0.1 that answers from a script: for the client's refusals, timeouts
/// and protocol errors, which a well-behaved receiver never shows.
final class ScriptedSMTPServer: Sendable {
    /// What the server says: the greeting (nil says nothing at all), and the reply to each
    /// command by its verb (`EHLO`, `MAIL`, `RCPT`, `DATA`, `.` for the end of the message).
    struct Script: Sendable {
        var greeting: String? = "220 scripted ESMTP"
        var replies: [String: String] = [
            "EHLO": "250-scripted\r\n250-PIPELINING\r\n250 8BITMIME", "HELO": "250 scripted", "MAIL": "250 ok",
            "RCPT": "250 ok", "DATA": "354 go ahead", ".": "250 queued", "QUIT": "221 bye",
        ]
    }

    /// The lines received, shared with the connection handlers.
    final class Recorder: Sendable {
        let lines = Mutex<[String]>([])
    }

    private let channel: any Channel
    private let received = Recorder()
    let port: Int

    /// Everything the client sent, line by line (the message's lines as they arrived, dot-stuffed).
    var lines: [String] { received.lines.withLock { $0 } }

    init(_ script: Script) async throws {
        let received = self.received
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Handler(script: script, received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func stop() async { try? await channel.close().get() }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let script: Script
        let received: Recorder
        var buffer = ""
        var inData = false

        init(script: Script, received: Recorder) {
            self.script = script
            self.received = received
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting = script.greeting { reply(greeting, context) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            buffer += String(buffer: unwrapInboundIn(data))
            while let end = buffer.range(of: "\r\n") {
                let line = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                received.lines.withLock { $0.append(line) }
                if inData {
                    if line == "." {
                        inData = false
                        answer(".", context)
                    }
                    continue
                }
                let verb = String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
                if verb == "DATA", script.replies["DATA"]?.hasPrefix("354") == true { inData = true }
                answer(verb, context)
            }
        }

        private func answer(_ verb: String, _ context: ChannelHandlerContext) {
            guard let text = script.replies[verb] else { return reply("500 unknown command", context) }
            if !text.isEmpty { reply(text, context) }
        }

        private func reply(_ text: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}
