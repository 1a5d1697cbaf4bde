import Crypto
import Foundation
import _CryptoExtras

/// Staff passwords' stored form: scrypt (swift-crypto's `KDF.Scrypt`, BoringSSL underneath).
///
/// Why scrypt: it is memory-hard (N × r × 128 bytes per guess: 32 MiB at the default cost), so
/// a leaked configuration costs an attacker with GPUs or ASICs far more per guess than PBKDF2 at
/// any iteration count, and it ships with swift-crypto, which the server already uses — no
/// further package. The default cost, N = 2^15, r = 8, p = 1, needs 32 MiB per hash (measured in
/// a debug build on a loaded 2-core machine: 3–5 s per hash; a release build compiles BoringSSL
/// optimised); the cost is stored with each hash, so it can be raised without invalidating old
/// ones.
///
/// Form: `scrypt$N$r$p$SALT$HASH` with a 16-byte random salt and a 32-byte key, both Base64.
public enum StaffPasswordHash {
    /// The scrypt parameters.
    public struct Cost: Hashable, Sendable {
        /// CPU/memory cost, a power of two.
        public var n: Int
        /// Block size.
        public var r: Int
        /// Parallelism.
        public var p: Int

        /// Creates a cost.
        public init(n: Int, r: Int, p: Int) {
            self.n = n
            self.r = r
            self.p = p
        }

        /// N = 2^15, r = 8, p = 1: 32 MiB per hash.
        public static let standard = Cost(n: 1 << 15, r: 8, p: 1)

        /// Whether the parameters are ones this server computes: N a power of two in
        /// 2^10…2^20, r 1…32, p 1…16 (so a crafted hash cannot make a login take minutes).
        var isAccepted: Bool {
            n >= 1 << 10 && n <= 1 << 20 && n & (n - 1) == 0 && (1...32).contains(r) && (1...16).contains(p)
        }
    }

    static let keyBytes = 32

    /// Hashes a password with a new random salt.
    ///
    /// - Parameters:
    ///   - password: The password.
    ///   - cost: The scrypt parameters. Default ``Cost/standard``.
    /// - Returns: The stored form.
    /// - Throws: ``ServerError`` with code `invalid-configuration` when the cost is out of range
    ///   or the KDF fails.
    public static func make(_ password: String, cost: Cost = .standard) throws(ServerError) -> String {
        guard cost.isAccepted else {
            throw ServerError(code: .invalidConfiguration, message: "scrypt cost \(cost) is out of range")
        }
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let key = try derive(password, salt: salt, cost: cost)
        return "scrypt$\(cost.n)$\(cost.r)$\(cost.p)$\(salt.base64EncodedString())$\(key.base64EncodedString())"
    }

    /// Whether a password matches a stored hash; the comparison takes constant time. A hash
    /// that is malformed or asks for a cost out of range never matches.
    ///
    /// - Parameters:
    ///   - password: The password presented.
    ///   - stored: The stored form.
    /// - Returns: `true` on a match.
    public static func verify(_ password: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]),
            let p = Int(parts[3]), let salt = Data(base64Encoded: parts[4]),
            let expected = Data(base64Encoded: parts[5]),
            expected.count == keyBytes, !salt.isEmpty
        else { return false }
        let cost = Cost(n: n, r: r, p: p)
        guard cost.isAccepted, let key = try? derive(password, salt: salt, cost: cost) else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(key, expected) { difference |= a ^ b }
        return difference == 0
    }

    /// A hash of a random password at the standard cost, checked against when the user is
    /// unknown, so that a wrong name takes as long as a wrong password.
    static let decoy: String = (try? make(SecretHash.newToken(), cost: Cost(n: 1 << 15, r: 8, p: 1))) ?? ""

    private static func derive(_ password: String, salt: Data, cost: Cost) throws(ServerError) -> Data {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Data(password.utf8), salt: salt, outputByteCount: keyBytes, rounds: cost.n, blockSize: cost.r,
                parallelism: cost.p, maxMemory: 256 << 20)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw ServerError(code: .invalidConfiguration, message: "scrypt failed: \(error)")
        }
    }
}
