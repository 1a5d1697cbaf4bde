// The journal record of the booked services event, tag 17 (see `LedgerRecordCodec.swift` for the
// primitives). After the tag:
//
//   booking id, the services (a varint count, then each service: kind, optional code,
//   description (strings), optional start date, optional end date, travellers (a varint count of
//   identifiers)), then the stamp (actor and zigzag milliseconds).
//
// The services replace the booking's. Limits (counts, lengths, control characters, an end not
// before the start) are checked on replay by `BookedServicesEvent.validate`, not by the decoder;
// the decoder only refuses a count beyond `BookedService.maximumCount` or
// `maximumTravellers` before reading that many.

import StringPayments

extension RecordWriter {
    mutating func writeBookedServicesEvent(_ event: BookedServicesEvent) {
        writeByte(EventTag.servicesRecorded.rawValue)
        writeIdentifier(event.bookingId)
        writeArray(event.services) { writer, service in
            writer.writeString(service.kind)
            writer.writeOptionalString(service.code)
            writer.writeString(service.description)
            writer.writeOptionalDate(service.startDate)
            writer.writeOptionalDate(service.endDate)
            writer.writeArray(service.travellers) { writer, traveller in writer.writeIdentifier(traveller) }
        }
        writeStamp(event.stamp)
    }
}

extension RecordReader {
    mutating func readBookedServicesEvent() throws(LedgerRecordDecodingError) -> BookedServicesEvent {
        let bookingId = try readIdentifier("the booking id")
        let count = try readCount("the services", atMost: BookedService.maximumCount, of: "services")
        var services: [BookedService] = []
        services.reserveCapacity(count)
        for _ in 0..<count {
            let kind = try readString("the service's kind")
            let code = try readOptionalString("the service's code")
            let description = try readString("the service's description")
            let startDate = try readOptionalDate("the service's start date")
            let endDate = try readOptionalDate("the service's end date")
            let travellerCount = try readCount(
                "the service's travellers", atMost: BookedService.maximumTravellers, of: "travellers of a service")
            var travellers: [Identifier] = []
            for _ in 0..<travellerCount { travellers.append(try readIdentifier("the service's traveller")) }
            services.append(
                BookedService(
                    kind: kind, code: code, description: description, startDate: startDate, endDate: endDate,
                    travellers: travellers))
        }
        let stamp = try readStamp("the services' stamp")
        return BookedServicesEvent(bookingId: bookingId, services: services, stamp: stamp)
    }

    /// A count of at most `limit`, refused at its offset before that many are read.
    private mutating func readCount(
        _ field: StaticString, atMost limit: Int, of what: String
    ) throws(LedgerRecordDecodingError) -> Int {
        let start = offset
        let count = try readCount(field)
        guard count <= limit else { throw failure("\(count) \(what) are too many", at: start) }
        return count
    }
}
