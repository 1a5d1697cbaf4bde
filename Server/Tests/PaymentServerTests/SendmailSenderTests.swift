import Foundation
import Testing

@testable import PaymentServer

/// The sendmail-compatible sender against a script standing in for `/usr/sbin/sendmail`.
@Suite("sendmail sender")
struct SendmailSenderTests {
    static func script(_ body: String) throws -> (URL, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("sendmail")
        try ("#!/bin/sh\n" + body).write(to: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        return (directory, path)
    }

    @Test func passesTheMessageOnStandardInput() async throws {
        let (directory, path) = try Self.script(
            "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\ncat > \"$(dirname \"$0\")/message\"\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await SendmailSender(path: path.path).send(
            try MailMessageTests.message(subject: "Quittung für Ihre Zahlung"))
        let arguments = try String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)
        #expect(arguments == "-t\n-i\n-f\npayments@example.com\n")
        let message = try String(contentsOf: directory.appendingPathComponent("message"), encoding: .utf8)
        #expect(!message.contains("\r"))
        let read = try MailTestKit.ReadMessage(message)
        #expect(read.headers["subject"].map(MailTestKit.ReadMessage.decodeWords) == "Quittung für Ihre Zahlung")
        #expect(read.parts["text/plain"] == "Hello")
    }

    @Test func failuresAreReported() async throws {
        let (directory, path) = try Self.script("cat > /dev/null\necho 'queue directory not writable' >&2\nexit 75\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = await #expect(throws: MailError.self) {
            try await SendmailSender(path: path.path).send(try MailMessageTests.message())
        }
        #expect(error?.code == .commandFailed)
        #expect(error?.message.contains("75") == true)
        #expect(error?.message.contains("queue directory not writable") == true)
        let missing = await #expect(throws: MailError.self) {
            try await SendmailSender(path: directory.appendingPathComponent("nope").path).send(
                try MailMessageTests.message())
        }
        #expect(missing?.code == .commandFailed)
    }
}
