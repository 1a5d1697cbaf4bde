import Crypto
public import Foundation

/// Signs small values for a round trip through the browser (the payment intent the portal sends
/// to the hosted payment page, the outcome that comes back): JSON, then HMAC-SHA256, both
/// URL-safe Base64, as `PAYLOAD.MAC`.
///
/// The browser can read a token but not change it: ``verify(_:as:)`` checks the MAC in constant
/// time before decoding anything. Tokens carry their own expiry, which the reader checks.
public struct TokenSigner: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`; the key is made from them per use).
    private let keyBytes: Data

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// Creates a signer with a new random 256-bit key (tokens stay valid while the process runs).
    public init() {
        keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// Creates a signer with a shared secret (the portal and a real PSP would share one).
    ///
    /// - Parameter secret: At least 32 bytes.
    public init(secret: Data) {
        keyBytes = secret
    }

    /// The token for a value.
    ///
    /// - Parameter value: The value.
    /// - Returns: `PAYLOAD.MAC`, URL-safe.
    public func sign<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Self.base64URL((try? encoder.encode(value)) ?? Data())
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return payload + "." + Self.base64URL(Data(mac))
    }

    /// The value of a token, when its MAC is right.
    ///
    /// - Parameters:
    ///   - token: The token, at most 4 KiB.
    ///   - type: The value's type.
    /// - Returns: The value, or `nil` for a token that was changed, cut or not made here.
    public func verify<T: Decodable>(_ token: String, as type: T.Type) -> T? {
        guard token.utf8.count <= 4_096 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let mac = Self.data(base64URL: String(parts[1])) else { return nil }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(parts[0].utf8), using: key),
            let payload = Self.data(base64URL: String(parts[0]))
        else { return nil }
        return try? JSONDecoder().decode(type, from: payload)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
