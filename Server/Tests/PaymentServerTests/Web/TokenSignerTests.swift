import Foundation
import PaymentServer
import Testing

@Suite struct TokenSignerTests {
    let intent = PaymentIntent(
        purpose: .pay, booking: "BK-1", amount: "100.00", currency: "EUR", scope: "Balance",
        returnPath: "/portal/return", nonce: PaymentIntent.newNonce(), expires: 2_000_000_000)

    @Test func aSignedIntentRoundTripsAndAnyChangeIsRefused() throws {
        let signer = TokenSigner()
        let token = signer.sign(intent)
        #expect(signer.verify(token, as: PaymentIntent.self) == intent)
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
        // Another key, a changed payload, a changed MAC, garbage: all refused.
        #expect(TokenSigner().verify(token, as: PaymentIntent.self) == nil)
        let parts = token.split(separator: ".").map(String.init)
        var tampered =
            Data(
                base64Encoded: parts[0].replacingOccurrences(of: "-", with: "+")
                    .replacingOccurrences(of: "_", with: "/").padding(
                        toLength: (parts[0].count + 3) / 4 * 4, withPad: "=", startingAt: 0)) ?? Data()
        tampered = Data(String(decoding: tampered, as: UTF8.self).replacingOccurrences(of: "100.00", with: "1.00").utf8)
        let forged = tampered.base64EncodedString().replacingOccurrences(of: "=", with: "") + "." + parts[1]
        #expect(signer.verify(forged, as: PaymentIntent.self) == nil)
        #expect(signer.verify(parts[0] + ".AAAA", as: PaymentIntent.self) == nil)
        #expect(signer.verify("not a token", as: PaymentIntent.self) == nil)
        #expect(signer.verify(String(repeating: "a", count: 5_000), as: PaymentIntent.self) == nil)
    }

    @Test func noncesAreRandomAndThePaymentIdComesFromTheNonce() {
        let a = PaymentIntent.newNonce()
        #expect(a.count == 32 && a.allSatisfy(\.isHexDigit))
        #expect(a != PaymentIntent.newNonce())
        #expect(intent.paymentId == "WEB-" + intent.nonce.prefix(20))
        #expect(intent.isValid(at: Date(timeIntervalSince1970: 1_999_999_999)))
        #expect(!intent.isValid(at: Date(timeIntervalSince1970: 2_000_000_000)))
    }
}
