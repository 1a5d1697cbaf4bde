internal import CLibXML2

/// Owns a compiled libxml2 schema. Immutable after compilation, so validation contexts created
/// from it may run on many threads at once.
final class XMLCompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    init(pointer: xmlSchemaPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}
