// The journal records of the autopay events, tags 30 to 36 (see `LedgerRecordCodec.swift` for
// the primitives). After the tag:
//
// - 30 reservationSet: booking id, optional status (one byte: its rank), optional channel,
//   optional term set.
// - 31 cardStored: booking id, card id, kind (0 guest, 1 virtual; a virtual card follows with
//   optional valid-from date, optional valid-until date, optional limit amount), token, masked
//   number, card type, expiry (year-month), optional holder. Never a card number.
// - 32 cardRemoved: booking id, card id.
// - 33 paymentsApproved: booking id, then an array of approvals: scheduled payment id, amount,
//   due date, optional card id, channel, actor, time (zigzag milliseconds since 1970).
// - 34 approvalWithdrawn: booking id, scheduled payment id, actor, time.
// - 35 memoAdded: booking id, kind (0 note, 1 autopay-failure, 2 autopay-gave-up), text, actor,
//   time, optional attempt (payment id and attempt number; the booking is the event's).
// - 36 chargeStarted: booking id, scheduled payment id, payment id, kind (0 instalment,
//   1 reseller, 2 direct debit), card id (the mandate reference for a direct debit), payer.
// - 37 mandateStored: booking id, mandate reference, date of signature, debtor name, IBAN (its
//   text), optional BIC (its text), creditor identifier.
// - 38 mandateRevoked: booking id, mandate reference.

import Foundation
import StringPayments
import XMLCoding

extension RecordWriter {
    mutating func writeAutopayEvent(_ event: AutopayEvent) {
        switch event {
        case .reservationSet(let bookingId, let status, let channel, let termSet):
            writeByte(EventTag.autopayReservationSet.rawValue)
            writeIdentifier(bookingId)
            writeOptional(status) { $0.writeByte(UInt8($1.rank)) }
            writeOptionalIdentifier(channel)
            writeOptionalIdentifier(termSet)
        case .cardStored(let bookingId, let card):
            writeByte(EventTag.autopayCardStored.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(card.id)
            switch card.kind {
            case .guest:
                writeByte(0)
            case .virtual(let terms):
                writeByte(1)
                writeOptionalDate(terms.validFrom)
                writeOptionalDate(terms.validUntil)
                writeOptionalAmount(terms.limit)
            }
            writeString(card.token)
            writeString(card.maskedNumber)
            writeString(card.cardType)
            writeYearMonth(card.expiry)
            writeOptionalString(card.holder)
        case .cardRemoved(let bookingId, let cardId):
            writeByte(EventTag.autopayCardRemoved.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(cardId)
        case .paymentsApproved(let bookingId, let approvals):
            writeByte(EventTag.autopayPaymentsApproved.rawValue)
            writeIdentifier(bookingId)
            writeArray(approvals) { writer, approval in
                writer.writeIdentifier(approval.scheduleId)
                writer.writeAmount(approval.amount)
                writer.writeDate(approval.dueDate)
                writer.writeOptionalIdentifier(approval.cardId)
                writer.writeString(approval.channel)
                writer.writeStamp(AuditStamp(actor: approval.approvedBy, time: approval.approvedAt))
            }
        case .approvalWithdrawn(let bookingId, let scheduleId, let actor, let time):
            writeByte(EventTag.autopayApprovalWithdrawn.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(scheduleId)
            writeStamp(AuditStamp(actor: actor, time: time))
        case .memoAdded(let bookingId, let memo):
            writeByte(EventTag.autopayMemoAdded.rawValue)
            writeIdentifier(bookingId)
            writeByte(AutopayCodecTables.index(memo.kind))
            writeString(memo.text)
            writeStamp(AuditStamp(actor: memo.actor, time: memo.time))
            writeOptional(memo.attempt) { writer, key in
                writer.writeIdentifier(key.paymentId)
                writer.writeVarint(UInt64(key.attempt))
            }
        case .mandateStored(let bookingId, let mandate):
            writeByte(EventTag.autopayMandateStored.rawValue)
            writeIdentifier(bookingId)
            writeString(mandate.id)
            writeDate(mandate.signedOn)
            writeString(mandate.debtorName)
            writeString(mandate.iban.value)
            writeOptionalString(mandate.bic?.value)
            writeString(mandate.creditorId)
        case .mandateRevoked(let bookingId, let mandateId):
            writeByte(EventTag.autopayMandateRevoked.rawValue)
            writeIdentifier(bookingId)
            writeString(mandateId)
        case .chargeStarted(let bookingId, let charge):
            writeByte(EventTag.autopayChargeStarted.rawValue)
            writeIdentifier(bookingId)
            writeIdentifier(charge.scheduleId)
            writeIdentifier(charge.paymentId)
            writeByte(AutopayCodecTables.index(charge.kind))
            writeIdentifier(charge.cardId)
            writeString(charge.payer)
        }
    }
}

extension RecordReader {
    mutating func readAutopayEvent(tag: UInt8, at start: Int) throws(LedgerRecordDecodingError) -> AutopayEvent {
        let bookingId = try readIdentifier("the booking id")
        switch EventTag(rawValue: tag) {
        case .autopayReservationSet:
            let status = try readOptional("the reservation status") { reader throws(LedgerRecordDecodingError) in
                let statusOffset = reader.offset
                let rank = try reader.readByte("the reservation status")
                guard let status = ReservationStatus.allCases.first(where: { $0.rank == Int(rank) }) else {
                    throw reader.failure("the reservation status \(rank) is unknown", at: statusOffset)
                }
                return status
            }
            let channel = try readOptionalIdentifier("the channel")
            let termSet = try readOptionalIdentifier("the term set")
            return .reservationSet(bookingId: bookingId, status: status, channel: channel, termSet: termSet)
        case .autopayCardStored:
            let cardId = try readIdentifier("the card id")
            let kindOffset = offset
            let kind: StoredCard.Kind
            switch try readByte("the card kind") {
            case 0:
                kind = .guest
            case 1:
                let from = try readOptionalDate("the valid-from date")
                let until = try readOptionalDate("the valid-until date")
                let limit = try readOptionalAmount("the limit")
                kind = .virtual(VirtualCardTerms(validFrom: from, validUntil: until, limit: limit))
            case let byte:
                throw failure("the card kind \(byte) is unknown", at: kindOffset)
            }
            let token = try readString("the card token")
            let masked = try readString("the masked card number")
            let cardType = try readString("the card type")
            let expiry = try readYearMonth("the card's expiry")
            let holder = try readOptionalString("the card holder")
            return .cardStored(
                bookingId: bookingId,
                card: StoredCard(
                    id: cardId, kind: kind, token: token, maskedNumber: masked, cardType: cardType, expiry: expiry,
                    holder: holder))
        case .autopayCardRemoved:
            return .cardRemoved(bookingId: bookingId, cardId: try readIdentifier("the card id"))
        case .autopayPaymentsApproved:
            let approvals = try readArray("the approvals") { reader throws(LedgerRecordDecodingError) in
                let scheduleId = try reader.readIdentifier("the approved scheduled payment")
                let amount = try reader.readAmount("the approved amount")
                let dueDate = try reader.readDate("the approved due date")
                let cardId = try reader.readOptionalIdentifier("the approved card")
                let channel = try reader.readString("the approval channel")
                let stamp = try reader.readStamp("the stamp")
                return AutopayApproval(
                    scheduleId: scheduleId, amount: amount, dueDate: dueDate, cardId: cardId, channel: channel,
                    approvedBy: stamp.actor, approvedAt: stamp.time)
            }
            return .paymentsApproved(bookingId: bookingId, approvals: approvals)
        case .autopayApprovalWithdrawn:
            let scheduleId = try readIdentifier("the scheduled payment")
            let stamp = try readStamp("the stamp")
            return .approvalWithdrawn(
                bookingId: bookingId, scheduleId: scheduleId, actor: stamp.actor, time: stamp.time)
        case .autopayMemoAdded:
            let kindOffset = offset
            let kindIndex = try readByte("the memo kind")
            guard let kind = AutopayCodecTables.memoKind(kindIndex) else {
                throw failure("the memo kind \(kindIndex) is unknown", at: kindOffset)
            }
            let text = try readString("the memo text")
            let stamp = try readStamp("the stamp")
            let attempt = try readOptional("the memo's attempt") { reader throws(LedgerRecordDecodingError) in
                let paymentId = try reader.readIdentifier("the memo's payment")
                let attemptOffset = reader.offset
                guard let number = UInt32(exactly: try reader.readVarint("the memo's attempt")), number > 0 else {
                    throw reader.failure("the memo's attempt is out of range", at: attemptOffset)
                }
                return PaymentAttemptKey(bookingId: bookingId, paymentId: paymentId, attempt: number)
            }
            return .memoAdded(
                bookingId: bookingId,
                memo: BookingMemo(kind: kind, text: text, actor: stamp.actor, time: stamp.time, attempt: attempt))
        case .autopayChargeStarted:
            let scheduleId = try readIdentifier("the charged scheduled payment")
            let paymentId = try readIdentifier("the charge's payment")
            let kindOffset = offset
            let kindIndex = try readByte("the autopay kind")
            guard let kind = AutopayCodecTables.autopayKind(kindIndex) else {
                throw failure("the autopay kind \(kindIndex) is unknown", at: kindOffset)
            }
            let cardId = try readIdentifier("the charged card")
            let payer = try readString("the payer")
            return .chargeStarted(
                bookingId: bookingId,
                charge: AutopayCharge(
                    scheduleId: scheduleId, paymentId: paymentId, kind: kind, cardId: cardId, payer: payer))
        case .autopayMandateStored:
            let id = try readString("the mandate reference")
            let signedOn = try readDate("the mandate's date of signature")
            let debtorName = try readString("the debtor name")
            let ibanOffset = offset
            guard let iban = IBAN(try readString("the debtor IBAN")) else {
                throw failure("the debtor IBAN is malformed", at: ibanOffset)
            }
            let bicOffset = offset
            let bicText = try readOptionalString("the debtor BIC")
            var bic: BIC?
            if let bicText {
                guard let value = BIC(bicText) else { throw failure("the debtor BIC is malformed", at: bicOffset) }
                bic = value
            }
            let creditorId = try readString("the creditor identifier")
            return .mandateStored(
                bookingId: bookingId,
                mandate: DirectDebitMandate(
                    id: id, signedOn: signedOn, debtorName: debtorName, iban: iban, bic: bic, creditorId: creditorId))
        case .autopayMandateRevoked:
            return .mandateRevoked(bookingId: bookingId, mandateId: try readString("the mandate reference"))
        default:
            throw failure("the event tag \(tag) is not an autopay event", at: start)
        }
    }

    /// An actor and a time, checked as a record's stamp is.
}

/// The fixed byte of each autopay enumeration case in a record: append, never reorder.
enum AutopayCodecTables {
    static func index(_ kind: BookingMemo.Kind) -> UInt8 {
        switch kind {
        case .note: 0
        case .autopayFailure: 1
        case .autopayGaveUp: 2
        }
    }

    static func memoKind(_ index: UInt8) -> BookingMemo.Kind? {
        switch index {
        case 0: .note
        case 1: .autopayFailure
        case 2: .autopayGaveUp
        default: nil
        }
    }

    static func index(_ kind: AutopayKind) -> UInt8 {
        switch kind {
        case .instalment: 0
        case .reseller: 1
        case .directDebit: 2
        }
    }

    static func autopayKind(_ index: UInt8) -> AutopayKind? {
        switch index {
        case 0: .instalment
        case 1: .reseller
        case 2: .directDebit
        default: nil
        }
    }
}
