import Foundation
import Testing
import XMLCoding

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libxml2 writes some errors (encoding conversion failures, which quote input bytes) to standard
/// error unless every handler is routed; the library routes them into its typed errors, so
/// nothing reaches file descriptor 2.
@Suite(.serialized) struct XMLStandardErrorSilenceTests {
    /// What libxml2's default handler writes: `encoding error : …`, `parser error : …`,
    /// `I/O error : …`, `Schemas parser error : …`. Other tests may write to the same descriptor
    /// while it is redirected (they run in parallel in this process), so only these are looked for.
    static let libxml2Markers = ["error : ", "warning : ", "input conversion failed", "Bytes: 0x"]

    func libxml2Output(of body: () -> Void) throws -> [String] {
        let written = try standardErrorOutput(of: body)
        return written.split(separator: "\n").map(String.init).filter { line in
            Self.libxml2Markers.contains { line.contains($0) }
        }
    }

    /// Runs `body` with file descriptor 2 redirected to a temporary file and returns what was
    /// written there.
    func standardErrorOutput(of body: () -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        let file = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer {
            close(file)
            unlink(path)
        }
        fflush(nil)
        let saved = dup(2)
        try #require(saved >= 0)
        dup2(file, 2)
        body()
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        return (try? String(contentsOfFile: path, encoding: .isoLatin1)) ?? ""
    }

    static let inputs: [(String, [UInt8])] = [
        ("UCS-4 truncated", [0x3C, 0x00, 0x00, 0x00]),
        ("UTF-16 with a lone surrogate", [0xFF, 0xFE, 0x3C, 0x00, 0x52, 0x00, 0x3E, 0x00, 0x00, 0xD8, 0x41, 0x00]),
        ("invalid UTF-8", [0x3C, 0x52, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x52, 0x3E]),
        ("Latin-1 declared, then bytes", Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R>\u{FF}".utf8)),
    ]

    @Test(arguments: 0..<inputs.count)
    func encodingErrorsAreTypedAndSilent(index: Int) throws {
        let (name, bytes) = Self.inputs[index]
        var caught: XMLCodingError?
        let written = try libxml2Output {
            do {
                _ = try XMLDocument.parse(Data(bytes))
            } catch {
                caught = error as? XMLCodingError
            }
        }
        #expect(written.isEmpty, "\(name): libxml2 wrote to standard error: \(written)")
        let error = try #require(caught, "\(name) was accepted")
        #expect(!error.message.contains("0x"), "\(name): \(error.message)")
    }

    @Test func schemaCompilationIsSilent() throws {
        let written = try libxml2Output {
            _ = try? XMLSchema(main: "s.xsd", documents: ["s.xsd": Data("<xs:schema xmlns:xs='".utf8)])
        }
        #expect(written.isEmpty, "libxml2 wrote to standard error: \(written)")
    }
}
