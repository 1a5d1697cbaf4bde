public import Foundation
public import PaymentLedger
public import StringPayments
public import XMLCoding

/// Sends balance reminders for a filtered list of unpaid bookings, each with a one-time payment
/// link, and records every sending on its booking.
///
/// The list is the back office's unpaid-bookings list (``PaymentLedger/Ledger/unpaidBookings(_:)``),
/// with the same filters. For each booking that owes money and has a customer email, the service
/// issues a portal token (journaled as its digest), writes the reminder, hands it to the sender
/// and, once the relay accepted it, writes a memo on the booking (`note`, stamped with the
/// service's actor) saying to whom and how much. A booking whose mail fails gets no memo and its
/// token expires unused; the report says what happened to each booking.
public struct ReminderService: Sendable {
    /// The ledger.
    public let ledger: Ledger
    /// Where the mails go.
    public let sender: any MailSender
    /// Writes the mails.
    public let composer: MailComposer
    /// The portal's public address, the base of the links.
    public let baseURL: String
    /// How long each link is valid, in seconds.
    public let linkValidity: TimeInterval
    /// Who the tokens and memos are stamped with. Default `system:reminders`.
    public let actor: LedgerActor

    /// Creates a service.
    ///
    /// - Parameters:
    ///   - ledger: The ledger.
    ///   - sender: Where the mails go.
    ///   - composer: Writes the mails.
    ///   - baseURL: The portal's public address.
    ///   - linkValidity: How long each link is valid; default ``PortalToken/defaultValidity``.
    ///   - actor: The stamp's actor; default `system:reminders`.
    public init(
        ledger: Ledger, sender: any MailSender, composer: MailComposer, baseURL: String,
        linkValidity: TimeInterval = PortalToken.defaultValidity, actor: LedgerActor = .system("reminders")
    ) {
        self.ledger = ledger
        self.sender = sender
        self.composer = composer
        self.baseURL = baseURL
        self.linkValidity = linkValidity
        self.actor = actor
    }

    /// The same service, stamping its tokens and memos with another actor, such as the staff
    /// member who sends the reminders from the back office.
    ///
    /// - Parameter actor: The stamp's actor.
    /// - Returns: The service with that actor.
    public func acting(as actor: LedgerActor) -> ReminderService {
        ReminderService(
            ledger: ledger, sender: sender, composer: composer, baseURL: baseURL, linkValidity: linkValidity,
            actor: actor)
    }

    /// Sends a reminder to every booking of the unpaid list that matches the query.
    ///
    /// - Parameters:
    ///   - query: The unpaid list's filters; its paging is ignored, every matching booking gets one.
    ///   - today: The day that decides what is due; default the ledger's clock.
    /// - Returns: A line per booking.
    public func sendReminders(
        matching query: UnpaidBookingsQuery = UnpaidBookingsQuery(), today: XMLDate? = nil
    ) async -> ReminderReport {
        var query = query
        query.paging = .all
        if let today { query.asOf = today }
        var report = ReminderReport()
        for row in ledger.unpaidBookings(query).rows {
            report.lines.append(ReminderReport.Line(bookingId: row.bookingId, outcome: await remind(row.bookingId)))
        }
        return report
    }

    /// How the memo of every reminder sent begins; ``lastReminder(of:)`` finds the sendings by it.
    public static let memoPrefix = "balance reminder sent"

    /// When the booking was last sent a reminder, by anyone: the latest memo recorded by
    /// ``remind(_:)``. The memos are in the ledger, so the answer holds across restarts and is
    /// the same for every instance sharing the ledger.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: The time of the latest reminder, or `nil` when none was sent.
    public func lastReminder(of bookingId: Identifier) -> Date? {
        (ledger.autopay(of: bookingId)?.memos ?? [])
            .filter { $0.kind == .note && $0.text.hasPrefix(Self.memoPrefix) }
            .map(\.time).max()
    }

    /// Sends one booking its reminder.
    ///
    /// - Parameter bookingId: The booking.
    /// - Returns: What happened.
    public func remind(_ bookingId: Identifier) async -> ReminderReport.Outcome {
        guard let booking = ledger.booking(bookingId) else { return .skipped(reason: "no booking \(bookingId)") }
        guard let email = booking.customerEmail, !email.isEmpty else {
            return .skipped(reason: "booking \(bookingId) has no customer email")
        }
        guard !booking.openAmount.isZero, !booking.openAmount.isNegative else {
            return .skipped(reason: "booking \(bookingId) owes nothing")
        }
        do {
            let token = try Ledger.$actor.withValue(actor) {
                try ledger.issuePortalToken(for: bookingId, validFor: linkValidity)
            }
            let message = try composer.reminder(
                for: booking, link: token.link(baseURL: baseURL), validUntil: token.expiresAt)
            try await sender.send(message)
            let memo = "\(Self.memoPrefix) to \(email): \(LocalizedFormat.money(booking.openAmount, .en)) owing"
            try Ledger.$actor.withValue(actor) {
                _ = try ledger.addMemo(memo, to: bookingId)
            }
            return .sent(to: email)
        } catch let error as MailError {
            return .failed(error)
        } catch {
            return .failed(MailError(code: .compositionFailed, message: "booking \(bookingId): \(error)"))
        }
    }
}
