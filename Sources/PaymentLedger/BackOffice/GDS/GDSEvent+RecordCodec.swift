// The journal records of the GDS events, tags 24 and 25 (see `LedgerRecordCodec.swift` for the
// primitives). After the tag, both have the same fields:
//
//   booking id, record id, PNR, airline, departure airport, arrival airport (strings),
//   departure date, departure time (a varint of minutes since midnight, below 1440), arrival
//   date, arrival time, passengers (a varint), optional phone, cost price (an amount: decimal
//   and currency), optional payment comment, optional admin comment, then the stamp (actor and
//   zigzag milliseconds).
//
// - 24 recordAdded: a new record, the booking's next number.
// - 25 recordEdited: the record's new details.
//
// What the fields may hold (codes, ranges, lengths) is checked on replay by the same rules as a
// new record (`GDSFlightDetails.validate`), not by the decoder.

import StringPayments
import XMLCoding

extension RecordWriter {
    mutating func writeGDSEvent(_ event: GDSEvent) {
        writeByte((event.kind == .added ? EventTag.gdsRecordAdded : EventTag.gdsRecordEdited).rawValue)
        writeIdentifier(event.bookingId)
        writeIdentifier(event.recordId)
        let details = event.details
        writeString(details.pnr)
        writeString(details.airline)
        writeString(details.departureAirport)
        writeString(details.arrivalAirport)
        writeDate(details.departureDate)
        writeVarint(UInt64(details.departureTime.minutesSinceMidnight))
        writeDate(details.arrivalDate)
        writeVarint(UInt64(details.arrivalTime.minutesSinceMidnight))
        writeVarint(UInt64(max(details.passengers, 0)))
        writeOptionalString(details.phone)
        writeAmount(details.costPrice)
        writeOptionalString(details.paymentComment)
        writeOptionalString(details.adminComment)
        writeStamp(event.stamp)
    }
}

extension RecordReader {
    mutating func readGDSEvent(tag: UInt8) throws(LedgerRecordDecodingError) -> GDSEvent {
        let kind: GDSEvent.Kind = EventTag(rawValue: tag) == .gdsRecordAdded ? .added : .edited
        let bookingId = try readIdentifier("the booking id")
        let recordId = try readIdentifier("the flight record id")
        let pnr = try readString("the PNR")
        let airline = try readString("the airline")
        let departureAirport = try readString("the departure airport")
        let arrivalAirport = try readString("the arrival airport")
        let departureDate = try readDate("the departure date")
        let departureTime = try readTimeOfDay("the departure time")
        let arrivalDate = try readDate("the arrival date")
        let arrivalTime = try readTimeOfDay("the arrival time")
        let passengersOffset = offset
        let passengerCount = try readVarint("the passengers")
        guard passengerCount <= UInt64(GDSFlightDetails.maximumPassengers) else {
            throw failure("\(passengerCount) passengers are too many", at: passengersOffset)
        }
        let phone = try readOptionalString("the phone")
        let costPrice = try readAmount("the cost price")
        let paymentComment = try readOptionalString("the payment comment")
        let adminComment = try readOptionalString("the admin comment")
        let stamp = try readStamp("the record's stamp")
        return GDSEvent(
            kind: kind, bookingId: bookingId, recordId: recordId,
            details: GDSFlightDetails(
                pnr: pnr, airline: airline, departureAirport: departureAirport, arrivalAirport: arrivalAirport,
                departureDate: departureDate, departureTime: departureTime, arrivalDate: arrivalDate,
                arrivalTime: arrivalTime, passengers: Int(passengerCount), phone: phone, costPrice: costPrice,
                paymentComment: paymentComment, adminComment: adminComment),
            stamp: stamp)
    }

    private mutating func readTimeOfDay(_ field: StaticString) throws(LedgerRecordDecodingError) -> TimeOfDay {
        let start = offset
        let minutes = try readVarint(field)
        guard minutes < UInt64(TimeOfDay.minutesPerDay), let time = TimeOfDay(minutesSinceMidnight: Int(minutes))
        else {
            throw failure("\(field) \(minutes) is not a minute of the day", at: start)
        }
        return time
    }
}
