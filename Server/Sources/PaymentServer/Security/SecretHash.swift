import Crypto
import Foundation

/// Hashing, comparison and generation of the server's secrets (agency API keys, portal link
/// tokens, session identifiers, CSRF tokens).
///
/// Every secret the server makes is 32 random bytes from the system's secure generator, so a
/// single SHA-256 is the right stored form: nothing is gained by a slow password KDF against a
/// 256-bit secret, and a leaked store does not reveal a usable key. Comparisons of presented
/// secrets with stored hashes take the same time wherever the first difference is.
public enum SecretHash {
    /// A new secret: 32 bytes from the system's secure random generator, as 43 characters of
    /// URL-safe Base64 without padding.
    public static func newToken() -> String {
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of a secret: SHA-256 of its UTF-8 bytes, as 64 lowercase hex digits.
    ///
    /// - Parameter secret: The secret as presented.
    /// - Returns: The hex digest.
    public static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether two strings are equal, in a time that depends on their lengths only.
    ///
    /// - Parameters:
    ///   - lhs: One string, usually a digest computed from what a client sent.
    ///   - rhs: The other, usually the stored digest.
    /// - Returns: `true` when the bytes are equal.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    /// Whether a presented secret matches a stored SHA-256 hex digest, in constant time.
    ///
    /// - Parameters:
    ///   - secret: The secret as presented.
    ///   - storedHash: The stored digest.
    /// - Returns: `true` when the secret's digest is the stored one.
    public static func matches(_ secret: String, storedHash: String) -> Bool {
        constantTimeEquals(sha256Hex(secret), storedHash.lowercased())
    }
}
