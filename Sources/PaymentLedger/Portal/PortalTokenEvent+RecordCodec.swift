// The journal records of the portal token events, tags 40 to 42 (see `LedgerRecordCodec.swift`
// for the primitives). After the tag:
//
//   booking id, the token's SHA-256 digest (a varint count, 32, then the 32 bytes), the stamp
//   (actor and zigzag milliseconds), and for tag 40 only the expiry (zigzag milliseconds since
//   1970).
//
// - 40 issued: a new token, valid until the expiry.
// - 41 redeemed: the token was used to sign in.
// - 42 revoked: the token was withdrawn.
//
// Never the token itself. Whether the events fit the tokens before them (a digest issued once,
// redeemed or revoked only while open and, when redeemed, before its expiry; a validity of one
// minute to 30 days) is checked on replay by `PortalTokenState.check`, not by the decoder.

import Foundation
import StringPayments

extension RecordWriter {
    mutating func writePortalTokenEvent(_ event: PortalTokenEvent) {
        let tag: EventTag
        switch event.kind {
        case .issued: tag = .portalTokenIssued
        case .redeemed: tag = .portalTokenRedeemed
        case .revoked: tag = .portalTokenRevoked
        }
        writeByte(tag.rawValue)
        writeIdentifier(event.bookingId)
        writeArray(event.tokenDigest) { writer, byte in writer.writeByte(byte) }
        writeStamp(event.stamp)
        if case .issued(let expiresAt) = event.kind {
            writeSigned(AuditStamp(actor: .unknown, time: expiresAt).milliseconds)
        }
    }
}

extension RecordReader {
    mutating func readPortalTokenEvent(tag: UInt8) throws(LedgerRecordDecodingError) -> PortalTokenEvent {
        let bookingId = try readIdentifier("the booking id")
        let digestOffset = offset
        let digest = try readArray("the token digest") { reader throws(LedgerRecordDecodingError) in
            try reader.readByte("the token digest")
        }
        guard digest.count == 32 else {
            throw failure("the token digest has \(digest.count) bytes, not 32", at: digestOffset)
        }
        let stamp = try readStamp("the token's stamp")
        let kind: PortalTokenEvent.Kind
        switch EventTag(rawValue: tag) {
        case .portalTokenIssued:
            let expiryOffset = offset
            let milliseconds = try readSigned("the token's expiry")
            guard milliseconds.magnitude <= Self.latestMilliseconds.magnitude else {
                throw failure("the token's expiry is beyond the year 9999", at: expiryOffset)
            }
            kind = .issued(expiresAt: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case .portalTokenRedeemed:
            kind = .redeemed
        default:
            kind = .revoked
        }
        return PortalTokenEvent(kind: kind, bookingId: bookingId, tokenDigest: digest, stamp: stamp)
    }
}
