import HTTPTypes
import NIOCore
import PaymentServer
import Testing

@Suite struct SecretHashTests {
    @Test func tokensAreLongRandomAndURLSafe() {
        let tokens = (0..<50).map { _ in SecretHash.newToken() }
        #expect(Set(tokens).count == 50)
        for token in tokens {
            #expect(token.count == 43)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
    }

    @Test func sha256IsTheKnownDigest() {
        #expect(SecretHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func comparisonIsExact() {
        #expect(SecretHash.constantTimeEquals("abc", "abc"))
        #expect(!SecretHash.constantTimeEquals("abc", "abd"))
        #expect(!SecretHash.constantTimeEquals("abc", "abcd"))
        #expect(!SecretHash.constantTimeEquals("", "a"))
        #expect(SecretHash.matches("abc", storedHash: SecretHash.sha256Hex("abc").uppercased()))
        #expect(!SecretHash.matches("abd", storedHash: SecretHash.sha256Hex("abc")))
    }
}
