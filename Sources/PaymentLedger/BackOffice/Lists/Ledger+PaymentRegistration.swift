extension Ledger {
    /// The payment registration list: every payment of every booking, filtered, sorted and
    /// paged. See <doc:BackOffice>.
    ///
    /// The list reads one snapshot of the ledger: changes made while it runs are not in it.
    ///
    /// - Parameter query: Filter, order and page. The default lists every payment by date.
    /// - Returns: The page and the number of matching payments.
    public func registeredPayments(
        _ query: PaymentRegistrationQuery = PaymentRegistrationQuery()
    ) -> ListPage<RegisteredPayment> {
        Self.registeredPayments(in: bookings, query)
    }

    static func registeredPayments(
        in bookings: [LedgerBooking], _ query: PaymentRegistrationQuery
    ) -> ListPage<RegisteredPayment> {
        var entries: [ListOrdering.Entry] = []
        var texts = ListOrdering.TextRanks()
        let sortsByText = query.sort == .booking || query.sort == .agency || query.sort == .seller
        for position in ListOrdering.positions(of: query.bookingId, in: bookings) {
            let booking = bookings[position]
            guard !booking.payments.isEmpty else { continue }
            // The box, not a copy of the profile: one retain instead of one per field.
            let box = booking.profile
            guard query.seller == nil || box.value.seller == query.seller,
                query.agency == nil || box.value.agency?.agency == query.agency
            else { continue }
            var bookingText: Int64 = 0
            if sortsByText {
                switch query.sort {
                case .booking: bookingText = texts.number(booking.id.value)
                case .agency: bookingText = texts.number(box.value.agency?.agency)
                default: bookingText = texts.number(box.value.seller)
                }
            }
            for (index, payment) in booking.payments.enumerated() {
                guard query.dates.contains(day: payment.settlementDay ?? payment.entryDay),
                    query.statuses.isEmpty || query.statuses.contains(payment.status),
                    query.collection == nil || payment.collection == query.collection
                else { continue }
                if let method = query.method {
                    switch method {
                    case .none: guard payment.formOfPayment == nil else { continue }
                    case .form(let form): guard payment.formOfPayment == form else { continue }
                    }
                }
                let key: Int64
                switch query.sort {
                case .date: key = ListOrdering.key(payment.settlementDay ?? payment.entryDay)
                case .amount: key = payment.amountMinorUnits
                case .booking, .agency, .seller: key = bookingText
                }
                entries.append(
                    ListOrdering.Entry(key: key, position: ListOrdering.position(booking: position, item: index)))
            }
        }
        return ListOrdering.itemPage(
            &entries, texts: sortsByText ? texts : nil, descending: query.descending, paging: query.paging
        ) { position, index in
            RegisteredPayment(bookings[position].payments[index], of: bookings[position])
        }
    }
}

extension RegisteredPayment {
    /// The row of a payment of a booking.
    init(_ payment: LedgerPayment, of booking: LedgerBooking) {
        self.init(
            bookingId: booking.id, paymentId: payment.identifier, entryDate: payment.entryDate,
            settlementDate: payment.settlementDate, formOfPayment: payment.formOfPayment, status: payment.status,
            collection: payment.collection, scope: payment.scope, currency: payment.currency,
            amountMinorUnits: payment.amountMinorUnits, feeMinorUnits: payment.feeMinorUnits,
            transactionReference: payment.transactionReference, agency: booking.agency?.agency,
            seller: booking.seller, customerName: booking.displayCustomerName)
    }
}
