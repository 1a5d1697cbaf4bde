import Foundation
import NIOCore
import Testing

@testable import PaymentServer

/// The SMTP client against a scripted server on 127.0.0.1: the conversation, reply codes,
/// timeouts and malformed replies.
@Suite("SMTP client")
struct SMTPClientTests {
    static func client(_ server: ScriptedSMTPServer, timeout: TimeAmount = .seconds(5)) -> SMTPClient {
        SMTPClient(host: "127.0.0.1", port: server.port, heloName: "test.example", replyTimeout: timeout)
    }

    static func send(
        _ script: ScriptedSMTPServer.Script, timeout: TimeAmount = .seconds(5)
    ) async throws
        -> (MailError?, [String])
    {
        let server = try await ScriptedSMTPServer(script)
        defer { Task { await server.stop() } }
        let message = try MailMessageTests.message(text: "a\n.\n..b")
        var failure: MailError?
        do {
            try await client(server, timeout: timeout).send(message)
        } catch {
            failure = error
        }
        return (failure, server.lines)
    }

    @Test func conversationInOrderWithDotStuffing() async throws {
        let (error, lines) = try await Self.send(ScriptedSMTPServer.Script())
        #expect(error == nil)
        #expect(lines.first == "EHLO test.example")
        #expect(lines.contains("MAIL FROM:<payments@example.com>"))
        #expect(lines.contains("RCPT TO:<anna@example.org>"))
        let data = try #require(lines.firstIndex(of: "DATA"))
        let end = try #require(lines.lastIndex(of: "."))
        let message = lines[(data + 1)..<end]
        // The quoted-printable body encodes a leading dot; the stuffing doubles any that remain.
        #expect(message.contains("=2E"))
        #expect(message.allSatisfy { !$0.hasPrefix(".") || $0.hasPrefix("..") })
        #expect(lines.last == "QUIT")
    }

    @Test func heloWhenEhloIsUnknown() async throws {
        var script = ScriptedSMTPServer.Script()
        script.replies["EHLO"] = "502 not implemented"
        let (error, lines) = try await Self.send(script)
        #expect(error == nil)
        #expect(lines.prefix(2) == ["EHLO test.example", "HELO test.example"])
    }

    @Test func refusalsCarryTheReplyCode() async throws {
        for (verb, reply) in [
            ("RCPT", "550 5.1.1 no such user"), ("MAIL", "451 try later"), (".", "554 spam"),
            ("DATA", "503 bad sequence"),
        ] {
            var script = ScriptedSMTPServer.Script()
            script.replies[verb] = reply
            let (error, _) = try await Self.send(script)
            #expect(error?.code == .rejected, "\(verb)")
            #expect(error?.replyCode == Int(reply.prefix(3)), "\(verb)")
            #expect(error?.message.contains(String(reply.dropFirst(4))) == true)
        }
        var greeting = ScriptedSMTPServer.Script()
        greeting.greeting = "554 go away"
        #expect(try await Self.send(greeting).0?.replyCode == 554)
    }

    @Test func silenceTimesOut() async throws {
        var silent = ScriptedSMTPServer.Script()
        silent.greeting = nil
        let started = ContinuousClock.now
        let (error, _) = try await Self.send(silent, timeout: .milliseconds(300))
        #expect(error?.code == .timeout)
        // Only that it ends: a client without the timeout would wait for the greeting forever.
        // The bound is loose because a loaded CI machine can take seconds to schedule the test.
        #expect(ContinuousClock.now - started < .seconds(60))
        var stalls = ScriptedSMTPServer.Script()
        stalls.replies["."] = ""
        #expect(try await Self.send(stalls, timeout: .milliseconds(300)).0?.code == .timeout)
    }

    @Test func malformedRepliesAreProtocolViolations() async throws {
        for greeting in ["hello there", "22", "220x", String(repeating: "2", count: 5000)] {
            var script = ScriptedSMTPServer.Script()
            script.greeting = greeting
            let (error, _) = try await Self.send(script)
            #expect(error?.code == .protocolViolation, "\(greeting.prefix(20))")
        }
        var mixed = ScriptedSMTPServer.Script()
        mixed.replies["EHLO"] = "250-first\r\n220 second"
        #expect(try await Self.send(mixed).0?.code == .protocolViolation)
    }

    @Test func nobodyListeningIsAConnectionFailure() async throws {
        let server = try await ScriptedSMTPServer(ScriptedSMTPServer.Script())
        let port = server.port
        await server.stop()
        let client = SMTPClient(host: "127.0.0.1", port: port, connectTimeout: .seconds(2))
        let error = await #expect(throws: MailError.self) { try await client.send(try MailMessageTests.message()) }
        #expect(error?.code == .connectionFailed)
    }
}
