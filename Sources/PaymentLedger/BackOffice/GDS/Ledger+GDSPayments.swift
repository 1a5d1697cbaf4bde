import StringPayments

extension Ledger {
    /// The GDS payments list: the flight records of every booking, filtered, sorted and paged,
    /// each with its booking's ``GDSCostCheck``. See <doc:BackOffice>.
    ///
    /// The list reads one snapshot of the ledger: changes made while it runs are not in it.
    ///
    /// ```swift
    /// let page = ledger.gdsPayments(
    ///     GDSPaymentQuery(departure: DateRange(from: june1, to: june30), airline: "LH", onlyDisagreeing: true,
    ///                     sort: .seller, paging: ListPaging(limit: 50)))
    /// for row in page.rows { print(row.bookingId, row.record.details.pnr, row.check) }
    /// ```
    ///
    /// - Parameter query: Filter, order and page. The default lists every record by departure.
    /// - Returns: The page and the number of matching records.
    public func gdsPayments(_ query: GDSPaymentQuery = GDSPaymentQuery()) -> ListPage<GDSPayment> {
        Self.gdsPayments(in: bookings, query)
    }

    static func gdsPayments(in bookings: [LedgerBooking], _ query: GDSPaymentQuery) -> ListPage<GDSPayment> {
        var entries: [ListOrdering.Entry] = []
        var texts = ListOrdering.TextRanks()
        let sortsByText: Bool
        switch query.sort {
        case .agency, .seller, .booking, .airline, .pnr: sortsByText = true
        case .departure, .booked, .cost: sortsByText = false
        }
        // The bounds as day numbers once, not per record.
        let (firstDeparture, lastDeparture) = (query.departure.lowerDay, query.departure.upperDay)
        let (firstBooked, lastBooked) = (query.booked.lowerDay, query.booked.upperDay)
        for position in ListOrdering.positions(of: query.bookingId, in: bookings) {
            // The boxes, not a copy of the booking: most bookings have no back-office data and
            // cost one load.
            let box = bookings[position].profile
            guard let backOffice = box.value.backOffice, !backOffice.value.gdsRecords.isEmpty,
                box.value.createdDay >= firstBooked, box.value.createdDay <= lastBooked,
                query.seller == nil || box.value.seller == query.seller,
                query.agency == nil || box.value.agency?.agency == query.agency
            else { continue }
            let records = backOffice.value.gdsRecords
            if query.onlyDisagreeing {
                let figures = GDSCostFigures(
                    received: bookings[position].totals.paidTowardsPrice &- backOffice.value.completedRefundMinorUnits,
                    currency: bookings[position].currency, records: records)
                guard figures.check.disagrees else { continue }
            }
            var bookingText: Int64 = 0
            switch query.sort {
            case .booking: bookingText = texts.number(bookings[position].id.value)
            case .agency: bookingText = texts.number(box.value.agency?.agency)
            case .seller: bookingText = texts.number(box.value.seller)
            default: break
            }
            for index in records.indices {
                let keys = records[index].keys
                guard keys.departureDay >= firstDeparture, keys.departureDay <= lastDeparture else { continue }
                if query.airline != nil || query.pnr != nil || query.airport != nil {
                    let details = records[index].details
                    guard query.airline == nil || details.airline == query.airline,
                        query.pnr == nil || details.pnr == query.pnr,
                        query.airport == nil || details.departureAirport == query.airport
                            || details.arrivalAirport == query.airport
                    else { continue }
                }
                let key: Int64
                switch query.sort {
                case .departure: key = keys.departureMinute
                case .booked: key = Int64(box.value.createdDay)
                case .cost: key = keys.costMinorUnits
                case .airline: key = texts.number(records[index].details.airline)
                case .pnr: key = texts.number(records[index].details.pnr)
                case .booking, .agency, .seller: key = bookingText
                }
                entries.append(
                    ListOrdering.Entry(key: key, position: ListOrdering.position(booking: position, item: index)))
            }
        }
        return ListOrdering.itemPage(
            &entries, texts: sortsByText ? texts : nil, descending: query.descending, paging: query.paging
        ) { position, index in
            GDSPayment(bookings[position].gdsRecords[index], of: bookings[position])
        }
    }
}

extension GDSPayment {
    /// The row of a flight record of a booking.
    init(_ record: GDSFlightRecord, of booking: LedgerBooking) {
        let figures = GDSCostFigures(booking, records: booking.gdsRecords)
        self.init(
            bookingId: booking.id, bookedOn: booking.createdOn, agency: booking.agency?.agency, seller: booking.seller,
            customerName: booking.displayCustomerName, phone: record.details.phone ?? booking.customerPhone,
            record: record, bookingCurrency: booking.currency, receivedMinorUnits: figures.receivedMinorUnits,
            check: figures.check)
    }
}
