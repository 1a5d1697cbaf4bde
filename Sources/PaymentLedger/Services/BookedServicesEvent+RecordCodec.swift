// The journal record of the booked services event, tag 17 (see `LedgerRecordCodec.swift` for the
// primitives). After the tag:
//
//   booking id, the services (a varint count, then each service: kind, optional code,
//   description (strings), optional start date, optional end date, travellers (a varint count of
//   identifiers)), then the verbatim content (optional: a presence byte, then a varint count of
//   elements), then the stamp (actor and zigzag milliseconds).
//
// An element: optional namespace and local name (strings), attributes (a varint count, each an
// optional namespace, a local name and a value), namespaces in scope (a varint count, each a
// prefix and a URI, sorted by prefix), children (a varint count, each a kind byte, 0 an element
// as above, 1 a text string).
//
// The services replace the booking's. Limits (counts, lengths, control characters, an end not
// before the start) are checked on replay by `BookedServicesEvent.validate`, not by the decoder;
// the decoder only refuses a count beyond `BookedService.maximumCount` or
// `maximumTravellers` before reading that many, and content beyond
// `BookedServicesEvent.maximumContentNodes` or `maximumContentDepth` before reading it (every
// count is also at most the bytes left), so a hostile record can neither recurse deep nor
// allocate much more than its own size.

import StringPayments
import XMLCoding

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
        writeOptional(event.content) { writer, content in
            writer.writeArray(content.content) { writer, element in writer.writeContentElement(element) }
        }
        writeStamp(event.stamp)
    }

    private mutating func writeContentElement(_ element: XMLAnyElement) {
        writeOptionalString(element.name.namespace)
        writeString(element.name.localName)
        writeArray(element.attributes) { writer, attribute in
            writer.writeOptionalString(attribute.name.namespace)
            writer.writeString(attribute.name.localName)
            writer.writeString(attribute.value)
        }
        writeArray(element.namespacesInScope.sorted(by: { $0.key < $1.key })) { writer, declaration in
            writer.writeString(declaration.key)
            writer.writeString(declaration.value)
        }
        writeArray(element.children) { writer, node in
            switch node {
            case .element(let child):
                writer.writeByte(0)
                writer.writeContentElement(child)
            case .text(let text):
                writer.writeByte(1)
                writer.writeString(text)
            }
        }
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
        var content: Services?
        if try readPresence("the services' content") {
            var budget = ContentBudget()
            let elementCount = try readBudgeted("the services' content", &budget)
            var elements: [XMLAnyElement] = []
            for _ in 0..<elementCount { elements.append(try readContentElement(depth: 1, &budget)) }
            content = Services(content: elements)
        }
        let stamp = try readStamp("the services' stamp")
        return BookedServicesEvent(bookingId: bookingId, services: services, content: content, stamp: stamp)
    }

    /// A count of content nodes, taken from the budget (refused at its offset beyond it).
    private mutating func readBudgeted(
        _ field: StaticString, _ budget: inout ContentBudget, taking: Bool = false
    ) throws(LedgerRecordDecodingError) -> Int {
        let start = offset
        let count = try readCount(field)
        // Every node costs at least one; elements take theirs as they are read.
        guard taking ? budget.take(count) : count <= budget.nodesLeft else {
            throw failure(
                "\(field) counts \(count), beyond the \(BookedServicesEvent.maximumContentNodes) content nodes",
                at: start)
        }
        return count
    }

    private mutating func readContentElement(
        depth: Int, _ budget: inout ContentBudget
    ) throws(LedgerRecordDecodingError) -> XMLAnyElement {
        let start = offset
        guard depth <= BookedServicesEvent.maximumContentDepth, budget.take(1) else {
            throw failure(
                "a content element beyond \(BookedServicesEvent.maximumContentDepth) levels or "
                    + "\(BookedServicesEvent.maximumContentNodes) nodes",
                at: start)
        }
        let namespace = try readOptionalString("a content element's namespace")
        let name = XMLQualifiedName(namespace: namespace, localName: try readString("a content element's name"))
        var attributes: [XMLAnyElement.Attribute] = []
        for _ in 0..<(try readBudgeted("a content element's attributes", &budget, taking: true)) {
            let attributeNamespace = try readOptionalString("a content attribute's namespace")
            let local = try readString("a content attribute's name")
            attributes.append(
                XMLAnyElement.Attribute(
                    name: XMLQualifiedName(namespace: attributeNamespace, localName: local),
                    value: try readString("a content attribute's value")))
        }
        var namespaces: [String: String] = [:]
        for _ in 0..<(try readBudgeted("a content element's namespaces", &budget, taking: true)) {
            let prefix = try readString("a content namespace prefix")
            namespaces[prefix] = try readString("a content namespace URI")
        }
        var children: [XMLAnyElement.Node] = []
        for _ in 0..<(try readBudgeted("a content element's children", &budget)) {
            let kindOffset = offset
            switch try readByte("a content node's kind") {
            case 0: children.append(.element(try readContentElement(depth: depth + 1, &budget)))
            case 1:
                guard budget.take(1) else {
                    throw failure(
                        "a content text beyond \(BookedServicesEvent.maximumContentNodes) nodes", at: kindOffset)
                }
                children.append(.text(try readString("a content text")))
            case let kind: throw failure("a content node's kind is \(kind), not 0 or 1", at: kindOffset)
            }
        }
        return XMLAnyElement(name: name, attributes: attributes, children: children, namespacesInScope: namespaces)
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
