import Foundation
import Synchronization
import XMLCodingPresentValue

/// The encoding state behind ``XMLEncoder``: one object per document, writing as values arrive.
///
/// There is no tree of boxes. The encoder keeps a stack of frames, one per element still open
/// (or about to be), array being written, or value on its way into an attribute or text. Each
/// value's `encode(to:)` gets an ``XMLFrameEncoder`` for its own frame. A child element's start
/// tag is delayed until its value shows what it is: a keyed container makes it one element, an
/// unkeyed container makes each item an element of that name, a single value becomes its text.
///
/// Frames are identified by their position in the stack plus a generation number, so a container
/// used after its element was finished is refused instead of writing to the wrong place. Using a
/// container (or asking an encoder for one) finishes every element opened after its own, such as
/// those of nested containers and super encoders, so output stays well-formed whatever order a
/// hand-written `encode(to:)` uses.
///
/// The first error is kept: every later operation throws it again, and the encoding fails even if
/// the value's own code catches the error, because the buffer may be half-written.
///
/// The object is reused by later encodings (see ``XMLEncoderPool``), one at a time, with what it
/// learned per key type: its keyed containers, key tables and type caches. It is `Sendable` only
/// in that sense: the pool hands it from one encoding to the next under a lock, and it records the
/// thread of the encoding using it. Every operation a container can reach first checks that the
/// calling thread owns the object (``isOwnedByCallingThread``) and otherwise refuses without
/// reading or writing anything else, so a container kept past its encoding, against the encoder's
/// contract, can never touch an encoding running on another thread.
final class XMLEncoderImplementation: @unchecked Sendable {
    // The runtime exclusivity checks on these properties took about a sixth of the encoding's
    // instructions (each access is a thread-local lookup). They are not needed: the object is
    // confined to one `encode` call, and no access to them is held across a call into the
    // value's own code, the only way back into this object.

    /// The output.
    @exclusivity(unchecked) var writer: XMLWriter
    /// Open elements, arrays and values in progress, outermost first.
    @exclusivity(unchecked) private var frames: [XMLEncodingFrame] = []
    /// Makes every pushed frame distinguishable from an earlier one at the same position.
    @exclusivity(unchecked) private var generationCounter = 0
    /// The first error thrown, which ends the encoding.
    @exclusivity(unchecked) private var failure: XMLCodingError?
    /// Whether ``failure`` is set; cheaper to test than the optional error.
    @exclusivity(unchecked) private var hasFailed = false
    /// Key types seen so far: what each key is in XML.
    @exclusivity(unchecked) private var keyTables = XMLTypeCache<XMLEncodingKeyTable>()
    /// The same tables in order of first use, to publish what they learned at the end.
    @exclusivity(unchecked) private var usedKeyTables: [XMLEncodingKeyTable] = []
    /// Reusable keyed containers, per stack position.
    @exclusivity(unchecked) private var keyedContainerSlots: [[(type: ObjectIdentifier, slot: AnyObject)]] = []
    /// Value types seen so far, and how each is written (same positions).
    @exclusivity(unchecked) private var valueTypes = XMLTypeCache<XMLValueType>()
    /// What encodings in the process worked out about value types, and what this one adds
    /// (published when the document is done).
    @exclusivity(unchecked) private var learnedValueTypes = XMLLearnedLookup(XMLValueType.learned)
    /// The same for key types (shared with the decoder).
    @exclusivity(unchecked) private var learnedKeyDeclarations = XMLLearnedLookup(XMLKeyDeclaration.learned)

    /// What `Encoder.userInfo` gives every value encoded.
    @exclusivity(unchecked) private(set) var userInfo: [CodingUserInfoKey: Any] = [:]
    /// The thread of the encoding using the object (`pthread_self`), 0 while it is idle.
    private let owner = Atomic<UInt>(0)

    /// An idle state; ``start(options:userInfo:)`` prepares it for a document.
    init() {
        writer = XMLWriter()
        frames.reserveCapacity(16)
    }

    // MARK: Reuse

    /// The calling thread's identity, as ``owner`` records it.
    @inline(__always)
    private static var callingThread: UInt {
        #if canImport(Darwin)
            UInt(bitPattern: pthread_self())
        #else
            UInt(pthread_self())
        #endif
    }

    /// Whether the calling thread is the one encoding with this object. Checked before anything
    /// else by every operation a container can reach.
    @inline(__always)
    var isOwnedByCallingThread: Bool {
        owner.load(ordering: .relaxed) == Self.callingThread
    }

    /// Makes the calling thread the object's user (``XMLEncoderPool/checkOut()``).
    func takeOwnership() {
        owner.store(Self.callingThread, ordering: .relaxed)
    }

    /// Prepares the object for a new document: a fresh writer (which checks the options), no
    /// frames, no error. Generations keep counting, so a handle from an earlier document never
    /// matches a frame of this one.
    func start(options: XMLEncodingOptions, userInfo: [CodingUserInfoKey: any Sendable]) throws(XMLCodingError) {
        frames.removeAll(keepingCapacity: true)
        failure = nil
        hasFailed = false
        self.userInfo = userInfo
        writer = try XMLWriter(options: options)
    }

    /// Ends the object's use by the current encoding (``XMLEncoderPool/checkIn(_:)``): lets go of
    /// the document's values and buffer, then of the owner.
    func finish() {
        frames.removeAll(keepingCapacity: true)
        userInfo = [:]
        writer = XMLWriter()
        owner.store(0, ordering: .relaxed)
    }

    /// Breaks the reference cycle between the object and its kept containers, for an object the
    /// pool does not keep.
    func discard() {
        clearKeyedContainerSlots()
    }

    /// The error for an operation from a thread that does not own the object.
    private static var notOwnedError: XMLCodingError {
        XMLCodingError(
            code: .unencodableValue,
            message:
                "An encoding container was used outside the encoding that made it; keep no container beyond the encode(to:) call that made it."
        )
    }

    // MARK: Document

    /// Encodes `value` as the whole document; read it with ``takeData()`` or ``makeString()``.
    func encodeDocument<T: Encodable>(_ value: T, rootElement: XMLQualifiedName) throws(XMLCodingError) {
        defer {
            learnedValueTypes.publish(to: XMLValueType.learned)
            learnedKeyDeclarations.publish(to: XMLKeyDeclaration.learned)
        }
        do throws(XMLCodingError) {
            let binding = try writer.bindRoot(namespace: rootElement.namespace)
            let name = XMLEncodingFrame.Name(
                localName: rootElement.localName, binding: binding, undeclaresDefaultNamespace: false,
                defaultNamespaceInScope: writer.defaultNamespace != nil)
            let root = push(.pendingElement, key: nil, name: name, parent: -1, depth: 0)
            if let simple = simpleValue(value) {
                if case .anyElement(let element) = simple, element.name != rootElement {
                    throw XMLCodingError(
                        code: .unencodableValue,
                        message:
                            "The XMLAnyElement '\(element.name)' cannot be written as the root element '\(rootElement)'; pass its own name as the root element."
                    )
                }
                try encodeSimple(simple, intoFrame: 0)
            } else {
                try encodeNested(value, in: root)
            }
            try closeFrames(downTo: 0)
        } catch {
            throw record(error, through: frames.count - 1)
        }
        if let failure { throw failure }
        for table in usedKeyTables { table.publish() }
        writer.insertNamespaceDeclarations()
    }

    /// The document written by ``encodeDocument(_:rootElement:)``, taken out of the writer
    /// without a copy (call once).
    func takeData() -> Data { writer.takeData() }

    /// The document written by ``encodeDocument(_:rootElement:)``, as text.
    func makeString() -> String { writer.makeString() }

    // MARK: Container factories

    /// The keyed container of the element of `handle`, starting the element if needed.
    func keyedContainer<Key: CodingKey>(
        keyedBy type: Key.Type, for handle: XMLEncodingFrame.Handle
    )
        -> KeyedEncodingContainer<Key>
    {
        let prepared = prepare(handle) { index, kind throws(XMLCodingError) in
            switch kind {
            case .pendingElement:
                try materialize(index)
            case .element:
                break
            case .attributeValue:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message:
                        "A structure cannot be encoded as an attribute value; only simple values fit in an attribute.")
            case .textValue:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "A structure cannot be encoded as text content; use an element key instead.")
            case .sequence:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "The value asked for a keyed container after encoding an array into the same element.")
            case .completed:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "The value asked for a keyed container after encoding a single value.")
            }
        }
        return makeKeyedContainer(Key.self, prepared)
    }

    /// The unkeyed container of the array of `handle`: each item becomes an element.
    func unkeyedContainer(for handle: XMLEncodingFrame.Handle) -> any UnkeyedEncodingContainer {
        let prepared = prepare(handle) { index, kind throws(XMLCodingError) in
            switch kind {
            case .pendingElement:
                guard index > 0 else {
                    throw XMLCodingError(
                        code: .unencodableValue,
                        message:
                            "The root value encodes an array, but a document has exactly one root element; wrap the array in a type with a key."
                    )
                }
                frames[index].kind = .sequence
            case .sequence:
                break
            case .attributeValue:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "An array cannot be encoded as an attribute value; only simple values fit in an attribute."
                )
            case .textValue:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "An array cannot be encoded as text content; use an element key instead.")
            case .element, .completed:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message:
                        "The value asked for an unkeyed container after encoding other content into the same element.")
            }
        }
        return XMLUnkeyedEncodingContainer(encoder: self, frame: prepared.frame, generation: prepared.generation)
    }

    /// The single-value container of `handle`: element text, an attribute value or text content.
    func singleValueContainer(for handle: XMLEncodingFrame.Handle) -> any SingleValueEncodingContainer {
        let prepared = prepare(handle) { _, kind throws(XMLCodingError) in
            switch kind {
            case .pendingElement, .attributeValue, .textValue:
                break
            case .element, .sequence, .completed:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message:
                        "The value asked for a single-value container after encoding other content into the same element."
                )
            }
        }
        return XMLSingleValueEncodingContainer(encoder: self, frame: prepared.frame, generation: prepared.generation)
    }

    /// Makes `handle`'s frame the innermost one and checks its kind for a new container; returns
    /// the handle, or an invalid one after recording the error (container factories cannot throw).
    @inline(__always)
    private func prepare(
        _ handle: XMLEncodingFrame.Handle, _ check: (Int, XMLEncodingFrame.Kind) throws(XMLCodingError) -> Void
    ) -> XMLEncodingFrame.Handle {
        guard isOwnedByCallingThread, !hasFailed else { return .invalid }
        do throws(XMLCodingError) {
            try activateOwned(handle.frame, handle.generation)
            try check(handle.frame, frames[handle.frame].kind)
        } catch {
            _ = record(error, through: handle.frame)
            return .invalid
        }
        return handle
    }

    /// A keyed container writing to the frame of `handle`.
    ///
    /// Containers are reused per key type and stack position (see ``XMLKeyedContainerSlot``).
    /// A container is only re-pointed once the frame it wrote to is finished, so live containers
    /// are unaffected; a container kept past its own element would write to the next element of
    /// the same type at that position instead of being reported as stale.
    func makeKeyedContainer<Key: CodingKey>(
        _ type: Key.Type, _ handle: XMLEncodingFrame.Handle
    )
        -> KeyedEncodingContainer<Key>
    {
        guard handle.frame >= 0 else {
            // A container that refuses everything; a thread that does not own the object gets
            // one that shares nothing with it.
            let keys =
                isOwnedByCallingThread
                ? keyTable(Key.self)
                : XMLEncodingKeyTable(Key.self, declaredKeyType: XMLKeyDeclaration(Key.self).xmlKeyType)
            return XMLKeyedContainerSlot<Key>(encoder: self, handle: .invalid, keys: keys).container
        }
        let identifier = ObjectIdentifier(Key.self)
        while keyedContainerSlots.count <= handle.frame {
            keyedContainerSlots.append([])
        }
        for entry in keyedContainerSlots[handle.frame] where entry.type == identifier {
            // Stored under `Key`'s identity below, so it is a slot for `Key`.
            let slot = unsafeDowncast(entry.slot, to: XMLKeyedContainerSlot<Key>.self)
            slot.target.handle = handle
            return slot.container
        }
        let slot = XMLKeyedContainerSlot<Key>(encoder: self, handle: handle, keys: keyTable(Key.self))
        keyedContainerSlots[handle.frame].append((identifier, slot))
        return slot.container
    }

    /// Breaks the encoder ↔ kept containers reference cycle once the document is finished.
    private func clearKeyedContainerSlots() {
        keyedContainerSlots = []
    }

    /// The key table of `Key`: one conformance lookup and one name check per key type and key.
    private func keyTable<Key: CodingKey>(_ type: Key.Type) -> XMLEncodingKeyTable {
        let identifier = ObjectIdentifier(Key.self)
        if let table = keyTables.value(for: identifier) {
            return table
        }
        let declaration = learnedKeyDeclarations.value(for: identifier) { XMLKeyDeclaration(Key.self) }
        let table = XMLEncodingKeyTable(Key.self, declaredKeyType: declaration.xmlKeyType)
        keyTables.set(table, for: identifier)
        usedKeyTables.append(table)
        return table
    }

    /// The simple value of `value`, or `nil` when it encodes itself.
    @inline(__always)
    private func simpleValue<T: Encodable>(_ value: T) -> XMLSimpleValue? {
        // The commonest types first, by metatype comparison alone.
        if T.self == String.self {
            return .string(_identityCast(value, to: String.self))
        }
        if T.self == Decimal.self {
            return .decimal(_identityCast(value, to: Decimal.self))
        }
        return valueType(T.self).simpleValue(value)
    }

    /// How values of `T` are written. Callers have checked that the calling thread owns the object
    /// (the cache is not shared).
    private func valueType<T>(_ type: T.Type) -> XMLValueType {
        let identifier = ObjectIdentifier(T.self)
        if let kind = valueTypes.value(for: identifier) {
            return kind
        }
        let kind = learnedValueTypes.value(for: identifier) { XMLValueType.classify(T.self) }
        valueTypes.set(kind, for: identifier)
        return kind
    }

    // MARK: Frames

    private func push(
        _ kind: XMLEncodingFrame.Kind, key: (any CodingKey)?, name: XMLEncodingFrame.Name, parent: Int, depth: Int
    ) -> XMLEncodingFrame.Handle {
        generationCounter &+= 1
        frames.append(
            XMLEncodingFrame(
                kind: kind, key: key, generation: generationCounter, name: name, parent: parent, depth: depth))
        return XMLEncodingFrame.Handle(frame: frames.count - 1, generation: generationCounter)
    }

    /// Makes sure `frame` is still the frame the container was made for, then finishes every
    /// frame opened after it.
    @inline(__always)
    private func activate(_ frame: Int, _ generation: Int) throws(XMLCodingError) {
        guard isOwnedByCallingThread else { throw Self.notOwnedError }
        try activateOwned(frame, generation)
    }

    /// ``activate(_:_:)`` for an operation that has already checked that the calling thread owns
    /// the object: a keyed container's key representation (``XMLKeyRepresentation/isRefused``)
    /// or a container factory. One check per value instead of three (each asks `pthread_self`):
    /// they cost 2 % of encoding the benchmark's payment list.
    @inline(__always)
    private func activateOwned(_ frame: Int, _ generation: Int) throws(XMLCodingError) {
        if hasFailed, let failure { throw failure }
        guard frame >= 0, frame < frames.count, frames[frame].generation == generation else {
            throw XMLCodingError(
                code: .unencodableValue,
                message:
                    "A container was used after its element was finished; XMLEncoder writes as it goes, so containers must be used in document order."
            )
        }
        if frames.count - 1 > frame {
            try closeFrames(downTo: frame + 1)
        }
    }

    /// Finishes and pops every frame from the innermost down to `index`, inclusive.
    private func closeFrames(downTo index: Int) throws(XMLCodingError) {
        while frames.count > index {
            let top = frames.count - 1
            switch frames[top].kind {
            case .pendingElement:
                try materialize(top)
                try closeElement(top)
            case .element:
                try closeElement(top)
            case .sequence, .attributeValue, .textValue, .completed:
                break
            }
            frames.removeLast()
        }
    }

    /// The coding path of the keys of frames `0...index`.
    func codingPath(through index: Int) -> [any CodingKey] {
        guard isOwnedByCallingThread, index >= 0, !frames.isEmpty else { return [] }
        return frames[0...min(index, frames.count - 1)].compactMap(\.key)
    }

    /// Keeps the first error (adding a coding path if it has none) and returns the error to throw.
    private func record(
        _ error: XMLCodingError, through index: Int, key: (any CodingKey)? = nil
    )
        -> XMLCodingError
    {
        guard isOwnedByCallingThread else { return Self.notOwnedError }
        if let failure { return failure }
        var error = error
        if error.codingPath.isEmpty {
            var path = codingPath(through: index)
            if let key { path.append(key) }
            error.codingPath = path.map(\.xmlPathComponent)
        }
        failure = error
        hasFailed = true
        return error
    }

    /// Runs the value's own `encode(to:)` against the frame of `handle`.
    private func encodeNested<T: Encodable>(_ value: T, in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        do {
            try value.encode(to: XMLFrameEncoder(encoder: self, handle: handle))
        } catch let error as XMLCodingError {
            throw record(error, through: handle.frame)
        } catch {
            throw record(Self.convert(error), through: handle.frame)
        }
        if hasFailed, let failure { throw failure }
    }

    /// An error from the value's own code, as ``XMLCodingError/Code/unencodableValue``.
    private static func convert(_ error: any Error) -> XMLCodingError {
        if let encodingError = error as? EncodingError, case .invalidValue(_, let context) = encodingError {
            return XMLCodingError(
                code: .unencodableValue, message: context.debugDescription, codingPath: context.codingPath)
        }
        return XMLCodingError(code: .unencodableValue, message: String(describing: error))
    }

    // MARK: Names

    /// The name of a child element of `parent`.
    private func childName(
        _ key: XMLKeyRepresentation, parent: Int
    ) throws(XMLCodingError)
        -> XMLEncodingFrame.Name
    {
        let inScope = frames[parent].name.defaultNamespaceInScope
        let localName = key.name
        var name: XMLEncodingFrame.Name
        switch key.namespace {
        case .inherited:
            name = XMLEncodingFrame.Name(
                localName: localName, binding: frames[parent].name.binding, undeclaresDefaultNamespace: false,
                defaultNamespaceInScope: inScope)
        case .uri(let uri) where !uri.isEmpty:
            let binding = try writer.elementBinding(for: uri, defaultNamespaceInScope: inScope)
            name = XMLEncodingFrame.Name(
                localName: localName, binding: binding, undeclaresDefaultNamespace: false,
                defaultNamespaceInScope: inScope)
        case .none, .uri:
            // An element in no namespace where a default namespace applies needs `xmlns=""`.
            let undeclares = inScope && writer.defaultNamespace != nil
            name = XMLEncodingFrame.Name(
                localName: localName, binding: -1, undeclaresDefaultNamespace: undeclares,
                defaultNamespaceInScope: inScope && !undeclares)
        }
        name.isCheckedNCName = key.isNCName
        return name
    }

    /// The name of an attribute: unqualified unless the key names a namespace, which then always
    /// gets a prefix.
    private func attributeName(_ key: XMLKeyRepresentation) throws(XMLCodingError) -> XMLEncodingFrame.Name {
        let localName = key.name
        var binding = -1
        if case .uri(let uri) = key.namespace, !uri.isEmpty {
            binding = try writer.prefixedBinding(for: uri)
        } else if localName == "xmlns" {
            throw XMLCodingError(
                code: .invalidName, message: "'xmlns' is a namespace declaration and cannot be an attribute key.")
        }
        var name = XMLEncodingFrame.Name(
            localName: localName, binding: binding, undeclaresDefaultNamespace: false,
            defaultNamespaceInScope: false)
        name.isCheckedNCName = key.isNCName
        return name
    }

    // MARK: Writing

    /// Writes the start of `frames[index]`'s start tag, leaving it open for attributes.
    private func materialize(_ index: Int) throws(XMLCodingError) {
        let parent = frames[index].parent
        openChild(parent: parent, depth: frames[index].depth)
        let nameRange = try writeStartTag(frames[index].name, isRoot: parent < 0)
        frames[index].kind = .element
        frames[index].nameRange = nameRange
        frames[index].startTagOpen = true
    }

    /// Writes `<prefix:name` (and `xmlns=""` when needed); records where the root's namespace
    /// declarations go.
    ///
    /// - Returns: Where the qualified name was written, for the end tag.
    @inline(__always)
    @discardableResult
    private func writeStartTag(_ name: XMLEncodingFrame.Name, isRoot: Bool) throws(XMLCodingError) -> Range<Int> {
        writer.append(0x3C)
        let nameStart = writer.count
        writer.appendQualifier(name.binding)
        if name.isCheckedNCName {
            writer.appendUnchecked(name.localName)
        } else {
            try writer.appendName(name.localName)
        }
        let nameRange = nameStart..<writer.count
        if isRoot {
            writer.declarationOffset = writer.count
        }
        if name.undeclaresDefaultNamespace {
            writer.appendStatic(" xmlns=\"\"")
        }
        return nameRange
    }

    /// Prepares `parent` for a child element: closes its start tag and indents.
    @inline(__always)
    private func openChild(parent: Int, depth: Int) {
        guard parent >= 0 else { return }
        closeStartTag(parent)
        frames[parent].hasChildElements = true
        if writer.prettyPrinted && !frames[parent].hasText {
            writer.appendLineBreak(depth: depth)
        }
    }

    @inline(__always)
    private func closeStartTag(_ index: Int) {
        guard frames[index].startTagOpen else { return }
        writer.append(0x3E)
        frames[index].startTagOpen = false
        frames[index].attributeInsertionOffset = writer.count - 1
    }

    /// Writes the deferred other elements and the end tag (or `/>`).
    private func closeElement(_ index: Int) throws(XMLCodingError) {
        if !frames[index].otherElements.isEmpty {
            let others = frames[index].otherElements
            frames[index].otherElements = []
            let depth = frames[index].depth + 1
            let inScope = frames[index].name.defaultNamespaceInScope
            for element in others {
                openChild(parent: index, depth: depth)
                try writer.appendAnyElement(element, depth: depth, defaultNamespaceInScope: inScope)
            }
        }
        if frames[index].startTagOpen {
            writer.append(0x2F, 0x3E)
            frames[index].startTagOpen = false
        } else {
            if frames[index].hasChildElements && !frames[index].hasText {
                writer.appendLineBreak(depth: frames[index].depth)
            }
            writer.appendEndTag(copyingNameAt: frames[index].nameRange)
        }
        frames[index].kind = .completed
    }

    /// Writes an element with a simple value (or raw elements, under their own names).
    private func writeSimpleElement(
        _ value: XMLSimpleValue, name: XMLEncodingFrame.Name, parent: Int, depth: Int
    ) throws(XMLCodingError) {
        switch value {
        case .anyElement(let element):
            openChild(parent: parent, depth: depth)
            try writer.appendAnyElement(
                element, depth: depth, defaultNamespaceInScope: name.defaultNamespaceInScope, isRoot: parent < 0)
            return
        case .anyElements(let elements):
            guard parent >= 0 else {
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "An array of XMLAnyElement cannot be the root: a document has exactly one root element.")
            }
            let inScope = frames[parent].name.defaultNamespaceInScope
            for element in elements {
                openChild(parent: parent, depth: depth)
                try writer.appendAnyElement(element, depth: depth, defaultNamespaceInScope: inScope)
            }
            return
        case .binaryFloatingPoint(let typeName):
            throw Self.floatingPointError(typeName)
        default:
            break
        }
        openChild(parent: parent, depth: depth)
        let nameRange = try writeStartTag(name, isRoot: parent < 0)
        writer.append(0x3E)
        let contentStart = writer.count
        try writeContent(value, inAttribute: false, defaultNamespaceInScope: name.defaultNamespaceInScope)
        if writer.count == contentStart {
            writer.removeLast(1)
            writer.append(0x2F, 0x3E)
        } else {
            writer.appendEndTag(copyingNameAt: nameRange)
        }
    }

    /// Writes `<name xsi:nil="true"/>`.
    private func writeNilElement(name: XMLEncodingFrame.Name, parent: Int, depth: Int) throws(XMLCodingError) {
        openChild(parent: parent, depth: depth)
        let schemaInstance = try writer.prefixedBinding(for: XMLNamespace.schemaInstance)
        try writeStartTag(name, isRoot: parent < 0)
        writer.append(0x20)
        writer.appendQualifier(schemaInstance)
        writer.appendStatic("nil=\"true\"/>")
    }

    /// Writes an attribute into `element`'s start tag, even after the tag was closed by content.
    private func writeAttribute(
        _ value: XMLSimpleValue, name: XMLEncodingFrame.Name, element: Int
    )
        throws(XMLCodingError)
    {
        switch value {
        case .anyElement, .anyElements:
            throw XMLCodingError(code: .unencodableValue, message: "An XMLAnyElement cannot be an attribute value.")
        case .binaryFloatingPoint(let typeName):
            throw Self.floatingPointError(typeName)
        default:
            break
        }
        let isOpen = frames[element].startTagOpen
        let tagEnd = isOpen ? writer.count : frames[element].attributeInsertionOffset
        let start = writer.count
        writer.append(0x20)
        writer.appendQualifier(name.binding)
        if name.isCheckedNCName {
            writer.appendUnchecked(name.localName)
        } else {
            try writer.appendName(name.localName)
        }
        let attributeBit = writer.attributeFilterBit(ofNameAt: (start + 1)..<writer.count)
        if frames[element].attributeFilter & attributeBit != 0,
            writer.startTag(frames[element].nameRange.upperBound..<tagEnd, hasAttributeNamed: (start + 1)..<writer.count)
        {
            throw XMLCodingError(
                code: .unencodableValue,
                message: "The attribute '\(name.localName)' is encoded twice on the same element.")
        }
        frames[element].attributeFilter |= attributeBit
        writer.append(0x3D, 0x22)
        try writeContent(
            value, inAttribute: true, defaultNamespaceInScope: frames[element].name.defaultNamespaceInScope)
        writer.append(0x22)
        if !isOpen {
            // The element already has content: move the attribute into its start tag.
            let length = writer.count - start
            writer.moveTail(from: start, to: tagEnd)
            frames[element].attributeInsertionOffset += length
        }
    }

    /// Writes text content into `element`.
    private func writeText(_ value: XMLSimpleValue, element: Int) throws(XMLCodingError) {
        switch value {
        case .anyElement, .anyElements:
            throw XMLCodingError(
                code: .unencodableValue,
                message: "An XMLAnyElement cannot be text content; use an element or otherElements key.")
        case .binaryFloatingPoint(let typeName):
            throw Self.floatingPointError(typeName)
        case .string(let text) where text.isEmpty:
            return
        default:
            break
        }
        closeStartTag(element)
        try writeContent(
            value, inAttribute: false, defaultNamespaceInScope: frames[element].name.defaultNamespaceInScope)
        frames[element].hasText = true
    }

    /// Keeps raw elements to write after `element`'s other children.
    private func deferOtherElements(_ value: XMLSimpleValue, element: Int) throws(XMLCodingError) {
        switch value {
        case .anyElement(let other):
            frames[element].otherElements.append(other)
        case .anyElements(let others):
            if !others.isEmpty {
                frames[element].otherElements.append(contentsOf: others)
            }
        default:
            throw XMLCodingError(
                code: .unencodableValue, message: "A key of kind otherElements takes [XMLAnyElement].")
        }
    }

    /// Writes a simple value's lexical form, escaped for its place.
    @inline(__always)
    private func writeContent(
        _ value: XMLSimpleValue, inAttribute: Bool, defaultNamespaceInScope: Bool
    )
        throws(XMLCodingError)
    {
        switch value {
        case .string(let text):
            if inAttribute {
                try writer.appendEscapedAttributeValue(text)
            } else {
                try writer.appendEscapedText(text)
            }
        case .bool(let flag):
            writer.appendBoolean(flag)
        case .signed(let integer):
            writer.appendInteger(integer)
        case .unsigned(let integer):
            writer.appendInteger(integer)
        case .decimal(let decimal):
            guard !decimal.isNaN else {
                throw XMLCodingError(code: .unencodableValue, message: "A NaN Decimal has no xs:decimal form.")
            }
            writer.appendDecimal(decimal)
        case .date(let date):
            writer.appendDate(date)
        case .yearMonth(let yearMonth):
            writer.appendYearMonth(yearMonth)
        case .qualifiedName(let name):
            try writer.appendQualifiedNameValue(name, defaultNamespaceInScope: defaultNamespaceInScope)
        case .anyElement, .anyElements:
            throw XMLCodingError(code: .unencodableValue, message: "An XMLAnyElement has no simple lexical form.")
        case .binaryFloatingPoint(let typeName):
            throw Self.floatingPointError(typeName)
        }
    }

    private static func floatingPointError(_ typeName: String) -> XMLCodingError {
        XMLCodingError(
            code: .unencodableValue,
            message:
                "\(typeName) cannot be encoded: binary floating point cannot represent decimal amounts exactly. Use Decimal."
        )
    }

    /// Puts a simple value into the frame a single-value container writes to.
    private func encodeSimple(_ value: XMLSimpleValue, intoFrame index: Int) throws(XMLCodingError) {
        switch frames[index].kind {
        case .pendingElement:
            try writeSimpleElement(
                value, name: frames[index].name, parent: frames[index].parent, depth: frames[index].depth)
        case .attributeValue:
            try writeAttribute(value, name: frames[index].name, element: frames[index].parent)
        case .textValue:
            try writeText(value, element: frames[index].parent)
        case .element, .sequence, .completed:
            throw XMLCodingError(
                code: .unencodableValue, message: "A single-value container was asked to encode a second value.")
        }
        frames[index].kind = .completed
    }

    // MARK: Keyed container operations

    func encode(
        _ value: XMLSimpleValue, key: some CodingKey, representation: XMLKeyRepresentation,
        in handle: XMLEncodingFrame.Handle
    ) throws(XMLCodingError) {
        guard !representation.isRefused else { throw Self.notOwnedError }
        let element = handle.frame
        do throws(XMLCodingError) {
            try activateOwned(element, handle.generation)
            switch representation.kind {
            case .element:
                let depth = frames[element].depth + 1
                switch value {
                case .anyElement, .anyElements:
                    try writeSimpleElement(value, name: frames[element].name, parent: element, depth: depth)
                default:
                    let name = try childName(representation, parent: element)
                    try writeSimpleElement(value, name: name, parent: element, depth: depth)
                }
            case .attribute:
                try writeAttribute(
                    value, name: attributeName(representation),
                    element: element)
            case .text:
                try writeText(value, element: element)
            case .otherElements:
                try deferOtherElements(value, element: element)
            }
        } catch {
            throw record(error, through: element, key: key)
        }
    }

    func encode<T: Encodable>(
        _ value: T, key: some CodingKey, representation: XMLKeyRepresentation,
        in handle: XMLEncodingFrame.Handle
    ) throws(XMLCodingError) {
        guard !representation.isRefused else { throw Self.notOwnedError }
        // Models keep undeclared children in an `[XMLAnyElement]` under an otherElements key, and
        // it is nearly always empty: nothing to write, so no value classification (about 350
        // instructions each, 29 times in a 4.7 KB response).
        if representation.kind == .otherElements, T.self == [XMLAnyElement].self,
            _identityCast(value, to: [XMLAnyElement].self).isEmpty
        {
            do throws(XMLCodingError) {
                try activateOwned(handle.frame, handle.generation)
            } catch {
                throw record(error, through: handle.frame, key: key)
            }
            return
        }
        if let simple = simpleValue(value) {
            try encode(simple, key: key, representation: representation, in: handle)
            return
        }
        let element = handle.frame
        do throws(XMLCodingError) {
            try activateOwned(element, handle.generation)
            let frameKind: XMLEncodingFrame.Kind
            let name: XMLEncodingFrame.Name
            switch representation.kind {
            case .element:
                frameKind = .pendingElement
                name = try childName(representation, parent: element)
            case .attribute:
                frameKind = .attributeValue
                name = try attributeName(representation)
            case .text:
                frameKind = .textValue
                name = frames[element].name
            case .otherElements:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message: "A key of kind otherElements takes [XMLAnyElement], not \(T.self).")
            }
            let pushed = push(frameKind, key: key, name: name, parent: element, depth: frames[element].depth + 1)
            try encodeNested(value, in: pushed)
            try closeFrames(downTo: pushed.frame)
        } catch {
            throw record(error, through: element, key: key)
        }
    }

    func encodeNil(
        key: some CodingKey, representation: XMLKeyRepresentation, in handle: XMLEncodingFrame.Handle
    )
        throws(XMLCodingError)
    {
        guard !representation.isRefused else { throw Self.notOwnedError }
        let element = handle.frame
        do throws(XMLCodingError) {
            try activateOwned(element, handle.generation)
            guard representation.kind == .element else { return }
            let name = try childName(representation, parent: element)
            try writeNilElement(name: name, parent: element, depth: frames[element].depth + 1)
        } catch {
            throw record(error, through: element, key: key)
        }
    }

    /// Pushes a frame for a nested container or super encoder under `key`.
    ///
    /// - Parameter container: `.element` for a keyed container (the element is started at once),
    ///   `.sequence` for an unkeyed one, `nil` for a super encoder (the frame stays pending).
    func pushNested(
        key: some CodingKey, representation: XMLKeyRepresentation, in handle: XMLEncodingFrame.Handle,
        container: XMLEncodingFrame.Kind?
    ) -> XMLEncodingFrame.Handle {
        guard !representation.isRefused else { return .invalid }
        let element = handle.frame
        do throws(XMLCodingError) {
            try activateOwned(element, handle.generation)
            let depth = frames[element].depth + 1
            switch representation.kind {
            case .element:
                let name = try childName(representation, parent: element)
                let pushed = push(.pendingElement, key: key, name: name, parent: element, depth: depth)
                if container == .element {
                    try materialize(pushed.frame)
                } else if container == .sequence {
                    frames[pushed.frame].kind = .sequence
                }
                return pushed
            case .attribute where container == nil:
                let name = try attributeName(representation)
                return push(.attributeValue, key: key, name: name, parent: element, depth: depth)
            case .text where container == nil:
                return push(.textValue, key: key, name: frames[element].name, parent: element, depth: depth)
            case .attribute, .text, .otherElements:
                throw XMLCodingError(
                    code: .unencodableValue,
                    message:
                        "A nested container under '\(key.stringValue)' needs an element key, not \(representation.kind)."
                )
            }
        } catch {
            _ = record(error, through: element, key: key)
            return .invalid
        }
    }

    // MARK: Unkeyed container operations

    func count(of handle: XMLEncodingFrame.Handle) -> Int {
        guard isOwnedByCallingThread, handle.frame >= 0, handle.frame < frames.count,
            frames[handle.frame].generation == handle.generation
        else { return 0 }
        return frames[handle.frame].itemCount
    }

    func encodeItem(_ value: XMLSimpleValue, in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        let sequence = handle.frame
        do throws(XMLCodingError) {
            try activate(sequence, handle.generation)
            frames[sequence].itemCount += 1
            try writeSimpleElement(
                value, name: frames[sequence].name, parent: frames[sequence].parent, depth: frames[sequence].depth)
        } catch {
            throw record(error, through: sequence, key: XMLIndexKey(max(0, count(of: handle) - 1)))
        }
    }

    func encodeItem<T: Encodable>(_ value: T, in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        guard isOwnedByCallingThread else { throw Self.notOwnedError }
        if let simple = simpleValue(value) {
            try encodeItem(simple, in: handle)
            return
        }
        let sequence = handle.frame
        do throws(XMLCodingError) {
            let pushed = try pushItem(in: handle, kind: .pendingElement)
            try encodeNested(value, in: pushed)
            try closeFrames(downTo: pushed.frame)
        } catch {
            throw record(error, through: sequence, key: XMLIndexKey(max(0, count(of: handle) - 1)))
        }
    }

    func encodeNilItem(in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        let sequence = handle.frame
        do throws(XMLCodingError) {
            try activate(sequence, handle.generation)
            frames[sequence].itemCount += 1
            try writeNilElement(
                name: frames[sequence].name, parent: frames[sequence].parent, depth: frames[sequence].depth)
        } catch {
            throw record(error, through: sequence, key: XMLIndexKey(max(0, count(of: handle) - 1)))
        }
    }

    /// Pushes the frame of the next item: pending, or started for a nested keyed container, or
    /// a sequence for a nested unkeyed container.
    func pushItem(
        in handle: XMLEncodingFrame.Handle, kind: XMLEncodingFrame.Kind
    ) throws(XMLCodingError)
        -> XMLEncodingFrame.Handle
    {
        let sequence = handle.frame
        try activate(sequence, handle.generation)
        let index = frames[sequence].itemCount
        frames[sequence].itemCount += 1
        let pushed = push(
            .pendingElement, key: XMLIndexKey(index), name: frames[sequence].name, parent: frames[sequence].parent,
            depth: frames[sequence].depth)
        switch kind {
        case .element:
            try materialize(pushed.frame)
        case .sequence:
            frames[pushed.frame].kind = .sequence
        default:
            break
        }
        return pushed
    }

    func pushNestedItem(in handle: XMLEncodingFrame.Handle, kind: XMLEncodingFrame.Kind) -> XMLEncodingFrame.Handle {
        do throws(XMLCodingError) {
            return try pushItem(in: handle, kind: kind)
        } catch {
            _ = record(error, through: handle.frame, key: XMLIndexKey(max(0, count(of: handle) - 1)))
            return .invalid
        }
    }

    // MARK: Single-value container operations

    func encodeSingle(_ value: XMLSimpleValue, in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        do throws(XMLCodingError) {
            try activate(handle.frame, handle.generation)
            try encodeSimple(value, intoFrame: handle.frame)
        } catch {
            throw record(error, through: handle.frame)
        }
    }

    func encodeSingle<T: Encodable>(_ value: T, in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        guard isOwnedByCallingThread else { throw Self.notOwnedError }
        if let simple = simpleValue(value) {
            try encodeSingle(simple, in: handle)
            return
        }
        do throws(XMLCodingError) {
            try activate(handle.frame, handle.generation)
            switch frames[handle.frame].kind {
            case .pendingElement, .attributeValue, .textValue:
                // The value encodes itself into the same frame (a wrapper's single value).
                try encodeNested(value, in: handle)
            case .element, .sequence, .completed:
                throw XMLCodingError(
                    code: .unencodableValue, message: "A single-value container was asked to encode a second value.")
            }
        } catch {
            throw record(error, through: handle.frame)
        }
    }

    func encodeSingleNil(in handle: XMLEncodingFrame.Handle) throws(XMLCodingError) {
        let index = handle.frame
        do throws(XMLCodingError) {
            try activate(index, handle.generation)
            switch frames[index].kind {
            case .pendingElement:
                try writeNilElement(name: frames[index].name, parent: frames[index].parent, depth: frames[index].depth)
            case .attributeValue, .textValue:
                break
            case .element, .sequence, .completed:
                throw XMLCodingError(
                    code: .unencodableValue, message: "A single-value container was asked to encode a second value.")
            }
            frames[index].kind = .completed
        } catch {
            throw record(error, through: index)
        }
    }
}

/// One entry of the encoder's stack.
struct XMLEncodingFrame {
    /// What a frame is.
    enum Kind {
        /// An element whose start tag waits for its value to choose a container.
        case pendingElement
        /// An element whose start tag is written; its start tag may still be open.
        case element
        /// An array: every item becomes an element named like the array's key.
        case sequence
        /// A value on its way into an attribute of `parent`.
        case attributeValue
        /// A value on its way into the text of `parent`.
        case textValue
        /// Done; nothing more can be written here.
        case completed
    }

    /// A resolved element or attribute name.
    struct Name {
        var localName: String
        /// Index into the writer's bindings, or `-1` for no namespace.
        var binding: Int
        /// Whether the element carries `xmlns=""`.
        var undeclaresDefaultNamespace: Bool
        /// Whether the default namespace applies inside the element.
        var defaultNamespaceInScope: Bool
        /// Whether ``localName`` is known to be an NCName (checked once per key), so that
        /// writing it needs no check.
        var isCheckedNCName = false
    }

    /// A frame position plus the generation that tells it from earlier frames at that position.
    struct Handle: Equatable {
        var frame: Int
        var generation: Int

        /// A handle that matches no frame, for containers made after an error.
        static let invalid = Handle(frame: -1, generation: 0)
    }

    var kind: Kind
    var key: (any CodingKey)?
    var generation: Int
    var name: Name
    /// The enclosing element (for attribute and text values, the element they go into); `-1`
    /// for the root.
    var parent: Int
    /// The element depth, 0 for the root.
    var depth: Int
    /// Where the qualified name is in the start tag, copied for the end tag.
    var nameRange = 0..<0
    var startTagOpen = false
    /// Where `>` of the closed start tag is, for attributes that come after content.
    var attributeInsertionOffset = 0
    /// One bit per attribute name written into the start tag (see
    /// `XMLWriter.attributeFilterBit(ofNameAt:)`): a name whose bit is clear is certainly not
    /// there yet, so the start tag is only searched for a duplicate when the bit is set.
    var attributeFilter: UInt64 = 0
    var hasChildElements = false
    var hasText = false
    var itemCount = 0
    var otherElements: [XMLAnyElement] = []

    init(kind: Kind, key: (any CodingKey)?, generation: Int, name: Name, parent: Int, depth: Int) {
        self.kind = kind
        self.key = key
        self.generation = generation
        self.name = name
        self.parent = parent
        self.depth = depth
    }
}

/// The key of an array item in a coding path.
struct XMLIndexKey: CodingKey {
    let index: Int

    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }

    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
}

/// The key `super`, for `superEncoder()`.
struct XMLSuperKey: CodingKey {
    init() {}
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    init?(intValue: Int) { nil }

    var stringValue: String { "super" }
    var intValue: Int? { nil }
}

/// A value the encoder writes itself, found by a type check instead of calling `encode(to:)`.
enum XMLSimpleValue {
    case string(String)
    case bool(Bool)
    case signed(Int64)
    case unsigned(UInt64)
    case decimal(Decimal)
    /// Written straight into the buffer, without building ``XMLLexicalValue/xmlLexicalForm``.
    case date(XMLDate)
    case yearMonth(XMLYearMonth)
    // Boxed, so that the enum stays small and cheap to pass around.
    indirect case qualifiedName(XMLQualifiedName)
    indirect case anyElement(XMLAnyElement)
    case anyElements([XMLAnyElement])
    /// A `Double`, `Float` or `Float16`, named, to refuse.
    case binaryFloatingPoint(String)
}

/// What the encoder does with values of one type, worked out once per type and encoding.
enum XMLValueType {
    /// Not a simple value: the value encodes itself through the containers.
    case encodesItself
    case lexical(any XMLLexicalValue.Type)
    case enumeration(any XMLEnumeration.Type)
    case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, int128, uint128
    case date, yearMonth, qualifiedName, url, anyElement, anyElements
    case binaryFloatingPoint(String)

    /// The value types every encoding in the process has worked out.
    static let learned = XMLLearnedTypes<XMLValueType>()

    /// Classifies a type; this is where the conformance lookups happen, once per type.
    static func classify<T>(_ type: T.Type) -> XMLValueType {
        if T.self == Bool.self { return .bool }
        if T.self == Int.self { return .int }
        if T.self == Int8.self { return .int8 }
        if T.self == Int16.self { return .int16 }
        if T.self == Int32.self { return .int32 }
        if T.self == Int64.self { return .int64 }
        if T.self == UInt.self { return .uint }
        if T.self == UInt8.self { return .uint8 }
        if T.self == UInt16.self { return .uint16 }
        if T.self == UInt32.self { return .uint32 }
        if T.self == UInt64.self { return .uint64 }
        if T.self == XMLDate.self { return .date }
        if T.self == XMLYearMonth.self { return .yearMonth }
        if T.self == XMLQualifiedName.self { return .qualifiedName }
        if T.self == URL.self { return .url }
        if T.self == XMLAnyElement.self { return .anyElement }
        if T.self == [XMLAnyElement].self { return .anyElements }
        if T.self == Double.self { return .binaryFloatingPoint("Double") }
        if T.self == Float.self { return .binaryFloatingPoint("Float") }
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
            if T.self == Int128.self { return .int128 }
            if T.self == UInt128.self { return .uint128 }
        }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
            if #available(macOS 11.0, iOS 14.0, watchOS 7.0, tvOS 14.0, *), T.self == Float16.self {
                return .binaryFloatingPoint("Float16")
            }
        #endif
        if let lexical = T.self as? any XMLLexicalValue.Type {
            return .lexical(lexical)
        }
        if let enumeration = T.self as? any XMLEnumeration.Type {
            return .enumeration(enumeration)
        }
        return .encodesItself
    }

    /// The simple value of `value`, whose type this classification is for.
    ///
    /// `_identityCast` reinterprets without a runtime cast; it checks (and here it always holds)
    /// that the two types are the same.
    func simpleValue<T>(_ value: T) -> XMLSimpleValue? {
        switch self {
        case .encodesItself: return nil
        case .lexical(let type): return .string(Self.lexicalForm(value, as: type))
        case .enumeration(let type): return .string(Self.rawValue(value, as: type))
        case .bool: return .bool(_identityCast(value, to: Bool.self))
        case .int: return .signed(Int64(_identityCast(value, to: Int.self)))
        case .int8: return .signed(Int64(_identityCast(value, to: Int8.self)))
        case .int16: return .signed(Int64(_identityCast(value, to: Int16.self)))
        case .int32: return .signed(Int64(_identityCast(value, to: Int32.self)))
        case .int64: return .signed(_identityCast(value, to: Int64.self))
        case .uint: return .unsigned(UInt64(_identityCast(value, to: UInt.self)))
        case .uint8: return .unsigned(UInt64(_identityCast(value, to: UInt8.self)))
        case .uint16: return .unsigned(UInt64(_identityCast(value, to: UInt16.self)))
        case .uint32: return .unsigned(UInt64(_identityCast(value, to: UInt32.self)))
        case .uint64: return .unsigned(_identityCast(value, to: UInt64.self))
        case .int128, .uint128:
            if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
                if case .int128 = self { return .string(String(_identityCast(value, to: Int128.self))) }
                return .string(String(_identityCast(value, to: UInt128.self)))
            }
            return nil
        case .date: return .date(_identityCast(value, to: XMLDate.self))
        case .yearMonth: return .yearMonth(_identityCast(value, to: XMLYearMonth.self))
        case .qualifiedName: return .qualifiedName(_identityCast(value, to: XMLQualifiedName.self))
        case .url: return .string(_identityCast(value, to: URL.self).absoluteString)
        case .anyElement: return .anyElement(_identityCast(value, to: XMLAnyElement.self))
        case .anyElements: return .anyElements(_identityCast(value, to: [XMLAnyElement].self))
        case .binaryFloatingPoint(let name): return .binaryFloatingPoint(name)
        }
    }

    private static func lexicalForm<T, Lexical: XMLLexicalValue>(_ value: T, as type: Lexical.Type) -> String {
        _identityCast(value, to: Lexical.self).xmlLexicalForm
    }

    private static func rawValue<T, Enumeration: XMLEnumeration>(_ value: T, as type: Enumeration.Type) -> String {
        _identityCast(value, to: Enumeration.self).rawValue
    }
}

// MARK: - Encoder and containers

/// The `Encoder` handed to a value's `encode(to:)`: the encoder plus the frame the value owns.
///
/// A small value (it fits an existential's inline buffer, so passing it allocates nothing) rather
/// than the encoder object itself, so that a value asking for a container after a nested
/// `superEncoder()` still gets its own element.
struct XMLFrameEncoder: Encoder {
    let encoder: XMLEncoderImplementation
    let handle: XMLEncodingFrame.Handle

    var codingPath: [any CodingKey] { encoder.codingPath(through: handle.frame) }

    var userInfo: [CodingUserInfoKey: Any] { encoder.isOwnedByCallingThread ? encoder.userInfo : [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        encoder.keyedContainer(keyedBy: Key.self, for: handle)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.unkeyedContainer(for: handle)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        encoder.singleValueContainer(for: handle)
    }
}

/// Writes an element's children, attributes and text, by key.
///
/// Keys that are not ``XMLCodingKey`` are child elements in the parent's namespace. For
/// ``XMLCodingKey`` keys the container keeps the key type as `any XMLCodingKey.Type` (looked up
/// once per type and encoding) and reads each key's kind and namespace through it, without a
/// dynamic cast per key.
struct XMLKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: XMLEncoderImplementation
    /// Where the container writes, with the key table of `Key`; the encoder re-points it when it
    /// reuses the container.
    let target: XMLContainerTarget

    init(encoder: XMLEncoderImplementation, target: XMLContainerTarget) {
        self.encoder = encoder
        self.target = target
    }

    @inline(__always)
    private var handle: XMLEncodingFrame.Handle { target.handle }

    /// The key's name, node kind and namespace.
    @inline(__always)
    private func representation(of key: Key) -> XMLKeyRepresentation {
        target.representation(of: key)
    }

    var codingPath: [any CodingKey] { encoder.codingPath(through: handle.frame) }

    @inline(__always)
    private func write(_ value: XMLSimpleValue, _ key: Key) throws(XMLCodingError) {
        try encoder.encode(
            value, key: key, representation: representation(of: key), in: handle)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try encoder.encodeNil(
            key: key, representation: representation(of: key), in: handle)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try write(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try write(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try write(.binaryFloatingPoint("Double"), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try write(.binaryFloatingPoint("Float"), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try write(.signed(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try write(.signed(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try write(.signed(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try write(.signed(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try write(.signed(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try write(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try write(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try write(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try write(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try write(.unsigned(value), key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws { try write(.string(String(value)), key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try write(.string(String(value)), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.encode(
            value, key: key, representation: representation(of: key), in: handle)
    }

    // The standard library's default `encodeIfPresent` builds `Optional` metadata on every call;
    // these skip nil directly (an absent optional writes nothing). The generic one hands the
    // present optional on without unwrapping it (see XMLPresentValueEncoding.swift).
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard value != nil else { return }
        try xmlEncodePresentOptional(value, forKey: key, into: target)
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = encoder.pushNested(
            key: key, representation: representation(of: key), in: handle,
            container: .element)
        return encoder.makeKeyedContainer(NestedKey.self, nested)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = encoder.pushNested(
            key: key, representation: representation(of: key), in: handle,
            container: .sequence)
        return XMLUnkeyedEncodingContainer(encoder: encoder, frame: nested.frame, generation: nested.generation)
    }

    mutating func superEncoder() -> any Encoder {
        let pushed = encoder.pushNested(
            key: XMLSuperKey(),
            representation: XMLKeyRepresentation(
                name: XMLSuperKey().stringValue, kind: .element, namespace: .inherited, isNCName: false,
                isRefused: !encoder.isOwnedByCallingThread),
            in: handle, container: nil)
        return XMLFrameEncoder(encoder: encoder, handle: pushed)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let pushed = encoder.pushNested(
            key: key, representation: representation(of: key), in: handle, container: nil)
        return XMLFrameEncoder(encoder: encoder, handle: pushed)
    }
}

/// The frame a keyed container writes to; the encoder re-points it when it reuses the container.
///
/// It is also where `encodeIfPresent` hands the value of a present optional (see
/// `XMLPresentValueEncoding.swift`), so it knows the encoder and key table of its container.
final class XMLContainerTarget: XMLPresentValueSink {
    /// Re-pointing a container starts its key cursor over.
    @exclusivity(unchecked) var handle: XMLEncodingFrame.Handle {
        didSet { cursor = 0 }
    }
    /// The position in the key table of the key probably encoded next.
    @exclusivity(unchecked) var cursor = 0
    /// The encoder and key table of the container writing here.
    let encoder: XMLEncoderImplementation
    let keys: XMLEncodingKeyTable

    init(_ handle: XMLEncodingFrame.Handle, encoder: XMLEncoderImplementation, keys: XMLEncodingKeyTable) {
        self.handle = handle
        self.encoder = encoder
        self.keys = keys
    }

    /// The key's name, node kind and namespace. Types encode their keys in the same order for
    /// every value, so the cursor usually points at the key already.
    @inline(__always)
    func representation<Key: CodingKey>(of key: Key) -> XMLKeyRepresentation {
        // Another thread (a container kept past its encoding) must not move the cursor or add
        // keys; the operation itself is then refused.
        guard encoder.isOwnedByCallingThread else {
            return keys.representation(of: key, isRefused: true)
        }
        guard keys.isKeyedByName else { return keys.representation(of: key) }
        let name = key.stringValue
        if cursor < keys.entries.count, keys.entries[cursor].name == name {
            cursor &+= 1
            return keys.entries[cursor &- 1]
        }
        let position = keys.position(of: key, named: name)
        cursor = position &+ 1
        return keys.entries[position]
    }

    /// Encodes the value of a present optional, as the container's `encode(_:forKey:)` would
    /// (without making a container: in unspecialised code that would need its generic metadata).
    func encodePresentValue<T: Encodable, Key: CodingKey>(_ value: T, forKey key: Key) throws {
        try encoder.encode(value, key: key, representation: representation(of: key), in: handle)
    }
}

/// A keyed container kept for reuse, with the target it writes to.
///
/// `KeyedEncodingContainer.init` boxes its container in a new generic class instance, which
/// costs an allocation and runtime metadata lookups; with eight or so containers per payment
/// that was a large part of the encoding time. The encoder therefore keeps one container per key
/// type and stack position and re-points its target at each new element there.
final class XMLKeyedContainerSlot<Key: CodingKey> {
    let target: XMLContainerTarget
    let container: KeyedEncodingContainer<Key>

    init(encoder: XMLEncoderImplementation, handle: XMLEncodingFrame.Handle, keys: XMLEncodingKeyTable) {
        let target = XMLContainerTarget(handle, encoder: encoder, keys: keys)
        self.target = target
        self.container = KeyedEncodingContainer(
            XMLKeyedEncodingContainer<Key>(encoder: encoder, target: target))
    }
}

/// Writes array items, each as an element named by the array's key.
struct XMLUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: XMLEncoderImplementation
    let handle: XMLEncodingFrame.Handle

    init(encoder: XMLEncoderImplementation, frame: Int, generation: Int) {
        self.encoder = encoder
        self.handle = XMLEncodingFrame.Handle(frame: frame, generation: generation)
    }

    var codingPath: [any CodingKey] { encoder.codingPath(through: handle.frame) }
    var count: Int { encoder.count(of: handle) }

    mutating func encodeNil() throws { try encoder.encodeNilItem(in: handle) }
    mutating func encode(_ value: Bool) throws { try encoder.encodeItem(.bool(value), in: handle) }
    mutating func encode(_ value: String) throws { try encoder.encodeItem(.string(value), in: handle) }
    mutating func encode(_ value: Double) throws { try encoder.encodeItem(.binaryFloatingPoint("Double"), in: handle) }
    mutating func encode(_ value: Float) throws { try encoder.encodeItem(.binaryFloatingPoint("Float"), in: handle) }
    mutating func encode(_ value: Int) throws { try encoder.encodeItem(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int8) throws { try encoder.encodeItem(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int16) throws { try encoder.encodeItem(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int32) throws { try encoder.encodeItem(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int64) throws { try encoder.encodeItem(.signed(value), in: handle) }
    mutating func encode(_ value: UInt) throws { try encoder.encodeItem(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt8) throws { try encoder.encodeItem(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt16) throws { try encoder.encodeItem(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt32) throws { try encoder.encodeItem(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt64) throws { try encoder.encodeItem(.unsigned(value), in: handle) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try encoder.encodeItem(.string(String(value)), in: handle) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try encoder.encodeItem(.string(String(value)), in: handle) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeItem(value, in: handle) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.makeKeyedContainer(NestedKey.self, encoder.pushNestedItem(in: handle, kind: .element))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = encoder.pushNestedItem(in: handle, kind: .sequence)
        return XMLUnkeyedEncodingContainer(encoder: encoder, frame: nested.frame, generation: nested.generation)
    }

    mutating func superEncoder() -> any Encoder {
        XMLFrameEncoder(encoder: encoder, handle: encoder.pushNestedItem(in: handle, kind: .pendingElement))
    }
}

/// Writes one simple value as an element's text, an attribute value or text content.
struct XMLSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: XMLEncoderImplementation
    let handle: XMLEncodingFrame.Handle

    init(encoder: XMLEncoderImplementation, frame: Int, generation: Int) {
        self.encoder = encoder
        self.handle = XMLEncodingFrame.Handle(frame: frame, generation: generation)
    }

    var codingPath: [any CodingKey] { encoder.codingPath(through: handle.frame) }

    mutating func encodeNil() throws { try encoder.encodeSingleNil(in: handle) }
    mutating func encode(_ value: Bool) throws { try encoder.encodeSingle(.bool(value), in: handle) }
    mutating func encode(_ value: String) throws { try encoder.encodeSingle(.string(value), in: handle) }
    mutating func encode(_ value: Double) throws {
        try encoder.encodeSingle(.binaryFloatingPoint("Double"), in: handle)
    }
    mutating func encode(_ value: Float) throws { try encoder.encodeSingle(.binaryFloatingPoint("Float"), in: handle) }
    mutating func encode(_ value: Int) throws { try encoder.encodeSingle(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int8) throws { try encoder.encodeSingle(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int16) throws { try encoder.encodeSingle(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int32) throws { try encoder.encodeSingle(.signed(Int64(value)), in: handle) }
    mutating func encode(_ value: Int64) throws { try encoder.encodeSingle(.signed(value), in: handle) }
    mutating func encode(_ value: UInt) throws { try encoder.encodeSingle(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt8) throws { try encoder.encodeSingle(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt16) throws { try encoder.encodeSingle(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt32) throws { try encoder.encodeSingle(.unsigned(UInt64(value)), in: handle) }
    mutating func encode(_ value: UInt64) throws { try encoder.encodeSingle(.unsigned(value), in: handle) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try encoder.encodeSingle(.string(String(value)), in: handle) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try encoder.encodeSingle(.string(String(value)), in: handle) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeSingle(value, in: handle) }
}
