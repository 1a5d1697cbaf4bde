import StringPayments
import XMLCoding

/// Applies the selection criteria of a run to the candidates the indexes name.
///
/// Candidates are the bookings the due-date (or arrival) index lists for the days of the run,
/// and the bookings with failed charges that may be retried; every criterion is then checked
/// on each candidate's scheduled payments. Nothing here looks at a booking the indexes do not
/// name.
struct AutopaySelector {
    let state: LedgerState
    let settings: AutopaySettings
    /// The run date, as days since 1970.
    let runDay: Int32

    typealias Selection = (selected: [AutopayTarget], skipped: [AutopaySkip])

    /// The days whose due instalments a run looks at: yesterday and the look-back days before it.
    private var dueDays: ClosedRange<Int32> {
        (runDay &- 1 &- Int32(settings.lookbackDays))...(runDay &- 1)
    }

    /// Instalment autopay's selection: by stored card, or by direct debit under a mandate.
    func instalments(directDebit: DirectDebitSettings? = nil) -> Selection {
        var selection: Selection = ([], [])
        // A direct debit is collected `submissionLeadDays` after the run: the instalments due then.
        let collectionDay = runDay &+ Int32(directDebit?.submissionLeadDays ?? 0)
        let dueDays =
            directDebit == nil
            ? self.dueDays : (collectionDay &- Int32(settings.lookbackDays))...collectionDay
        let latestRetry = directDebit == nil ? runDay &- 1 : collectionDay
        for position in candidates(days: dueDays, index: state.autopay.due(on:)) {
            let booking = state.bookings[Int(position)]
            let data = state.autopay.data(at: Int(position))
            let runDate = XMLDate(daysSinceEpoch: Int(runDay))
            for expected in booking.expectedPayments(today: runDate) {
                let scheduled = expected.scheduled
                let dueDay = LedgerPayment.day(scheduled.dueDate)
                let payment = AutopayCharge.paymentId(for: scheduled.identifier).flatMap { booking.payment($0) }
                let retrying = data.charge(for: scheduled.identifier) != nil && payment?.status == .failed
                guard dueDays.contains(dueDay) || (retrying && dueDay <= latestRetry) else { continue }
                func skip(_ criterion: AutopayCriterion, _ detail: String) {
                    selection.skipped.append(
                        AutopaySkip(
                            bookingId: booking.id, scheduleId: scheduled.identifier, criterion: criterion,
                            detail: detail))
                }
                if let reason = sharedRefusal(
                    payment, data: data, booking: booking, remaining: expected.remainingMinorUnits,
                    what: "\(scheduled.identifier)")
                {
                    skip(reason.0, reason.1)
                    continue
                }
                let approval = data.approval(for: scheduled.identifier)
                let channel = data.channel.flatMap { settings.channel($0) }
                var payer = channel?.payer ?? "customer"
                if let approval {
                    guard LedgerPayment.minorUnits(of: approval.amount) >= expected.remainingMinorUnits else {
                        skip(.approvalExceeded, "approved \(approval.amount), \(expected.remaining) remains")
                        continue
                    }
                } else {
                    if let reason = channelRefusal(data: data, termSetRequired: true) {
                        skip(reason.0, reason.1)
                        continue
                    }
                    payer = channel?.payer ?? payer
                }
                let instrument: Identifier
                if let directDebit {
                    guard
                        LedgerPayment.day(scheduled.dueDate) &- booking.profile.value.createdDay
                            >= Int32(directDebit.preNotificationDays)
                    else {
                        skip(
                            .preNotification,
                            "booked \(booking.createdOn.xmlLexicalForm), less than \(directDebit.preNotificationDays) "
                                + "days before the due date")
                        continue
                    }
                    guard let mandate = data.usableMandate(on: runDate), let id = Identifier(mandate.id) else {
                        skip(.noMandate, "no mandate signed by \(runDate.xmlLexicalForm)")
                        continue
                    }
                    instrument = id
                } else {
                    let card: StoredCard?
                    if let cardId = approval?.cardId {
                        card = data.card(cardId).flatMap { $0.unusableReason(on: runDate) == nil ? $0 : nil }
                    } else {
                        card = data.usableGuestCard(on: runDate)
                    }
                    guard let card else {
                        skip(.noUsableCard, "no stored guest card can be charged on \(runDate.xmlLexicalForm)")
                        continue
                    }
                    instrument = card.id
                }
                let amount = min(expected.remainingMinorUnits, booking.uncoveredMinorUnits)
                guard amount > 0 else {
                    skip(.covered, "payments in progress cover \(scheduled.identifier)")
                    continue
                }
                let collectionDate =
                    directDebit == nil ? scheduled.dueDate : XMLDate(daysSinceEpoch: Int(max(dueDay, collectionDay)))
                selection.selected.append(
                    AutopayTarget(
                        bookingId: booking.id, scheduleId: scheduled.identifier, dueDate: collectionDate,
                        amount: booking.money(amount), cardId: instrument, payer: payer,
                        attempt: (payment?.attempt ?? 0) &+ 1, approved: approval != nil))
            }
        }
        return selection
    }

    /// Reseller autopay's selection.
    func arrivals() -> Selection {
        var selection: Selection = ([], [])
        let days = (runDay &- Int32(settings.lookbackDays))...runDay
        let target = AutopayCharge.resellerTarget
        for position in candidates(days: days, index: state.autopay.arriving(on:)) {
            let booking = state.bookings[Int(position)]
            let data = state.autopay.data(at: Int(position))
            let runDate = XMLDate(daysSinceEpoch: Int(runDay))
            let arrival = booking.profile.value.departureDay
            let payment = AutopayCharge.paymentId(for: target).flatMap { booking.payment($0) }
            let retrying = data.charge(for: target) != nil && payment?.status == .failed
            guard days.contains(arrival) || (retrying && arrival <= runDay) else { continue }
            func skip(_ criterion: AutopayCriterion, _ detail: String) {
                selection.skipped.append(
                    AutopaySkip(bookingId: booking.id, scheduleId: target, criterion: criterion, detail: detail))
            }
            if let reason = sharedRefusal(
                payment, data: data, booking: booking, remaining: booking.openMinorUnits, what: "booking \(booking.id)")
            {
                skip(reason.0, reason.1)
                continue
            }
            if let reason = channelRefusal(data: data, termSetRequired: false) {
                skip(reason.0, reason.1)
                continue
            }
            guard let card = data.usableVirtualCard(on: runDate) else {
                skip(.noUsableCard, "no virtual card can be charged on \(runDate.xmlLexicalForm)")
                continue
            }
            var amount = booking.uncoveredMinorUnits
            if case .virtual(let terms) = card.kind, let limit = terms.limit {
                amount = min(amount, LedgerPayment.minorUnits(of: limit))
            }
            guard amount > 0 else {
                skip(.covered, "payments in progress cover booking \(booking.id)")
                continue
            }
            selection.selected.append(
                AutopayTarget(
                    bookingId: booking.id, scheduleId: target, dueDate: booking.departureDate,
                    amount: booking.money(amount), cardId: card.id,
                    payer: data.channel.flatMap { settings.channel($0)?.payer } ?? "reseller",
                    attempt: (payment?.attempt ?? 0) &+ 1, approved: false))
        }
        return selection
    }

    /// The bookings the index lists for the days, and those with charges to retry, each once,
    /// in ledger order.
    private func candidates(days: ClosedRange<Int32>, index: (Int32) -> [Int32]) -> [Int32] {
        var positions = Set(state.autopay.retries)
        for day in days { positions.formUnion(index(day)) }
        return positions.sorted()
    }

    /// The criteria both runs share, in order: the charge's attempts, something left to pay, and
    /// the reservation status in `PROVISIONAL`…`CHECKIN`.
    private func sharedRefusal(
        _ payment: LedgerPayment?, data: BookingAutopay, booking: LedgerBooking, remaining: Int64, what: String
    ) -> (AutopayCriterion, String)? {
        if let reason = attemptState(payment, data: data) { return reason }
        guard remaining > 0 else { return (.paid, "\(what) is paid") }
        let status = data.reservationStatus(of: booking)
        guard ReservationStatus.instalmentAutopayRange.contains(status) else {
            return (.reservationStatus, "the reservation is \(status.rawValue)")
        }
        return nil
    }

    /// Why the charge's payment cannot take another attempt, if it cannot.
    private func attemptState(_ payment: LedgerPayment?, data: BookingAutopay) -> (AutopayCriterion, String)? {
        guard let payment else { return nil }
        if payment.isInFlight { return (.inFlight, "attempt \(payment.attempt) of \(payment.identifier) is in flight") }
        switch payment.status {
        case .settled, .confirmed, .recorded:
            return (.alreadyCharged, "\(payment.identifier) is \(payment.status.rawValue)")
        case .open:
            return (.pendingAtGateway, "\(payment.identifier) is pending at the gateway")
        case .failed:
            guard data.mayRetry(payment, retryCount: settings.retryCount) else {
                return (
                    .retriesUsedUp,
                    "\(data.declinedAttempts(of: payment.identifier)) of \(settings.retryCount) attempts declined, "
                        + "\(payment.attempt) attempts in all"
                )
            }
            return nil
        }
    }

    /// Why the booking's channel and term set do not allow autopay, if they do not.
    private func channelRefusal(data: BookingAutopay, termSetRequired: Bool) -> (AutopayCriterion, String)? {
        guard let channelId = data.channel, let channel = settings.channel(channelId) else {
            return (.channelAutopay, "the booking has no configured channel")
        }
        guard channel.autopay else { return (.channelAutopay, "channel \(channelId) has autopay off") }
        guard channel.payer != nil else { return (.noPayer, "channel \(channelId) has no autopay payer") }
        guard termSetRequired else { return nil }
        guard let termSetId = data.termSet, let termSet = settings.termSet(termSetId) else {
            return (.termSetAutopay, "the booking has no configured term set")
        }
        guard termSet.autopay else { return (.termSetAutopay, "term set \(termSetId) has autopay off") }
        return nil
    }
}
