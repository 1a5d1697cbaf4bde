// The far side of XMLCoding's `encodeIfPresent` without `Optional<T>` metadata.
//
// `KeyedEncodingContainerProtocol.encodeIfPresent<T>(_: T?, forKey:)` runs unspecialised (it is
// reached through the standard library's container box), and unwrapping `T?` there — `if let`,
// `switch`, `?.`, `map`, `unsafelyUnwrapped` alike — copies the whole optional first, for which
// the compiler asks the runtime for `Optional<T>`'s metadata: a hash-table lookup of about 440
// instructions on every call, 9 % of encoding the benchmark's payment list. Testing the optional
// (`value != nil`) needs only `T`'s own metadata.
//
// So XMLCoding's keyed container tests the optional and passes the same borrowed optional on,
// unchanged, to a function it declares as taking `T?` and binds by symbol name to
// `xmlEncodePresentValue` below, which takes `T`. Both are generic over
// `<T: Encodable, Key: CodingKey>` with the same parameters, so they have the same calling
// convention: a value of generic type is passed by address whatever the caller knows about `T`
// (a declaration without a body cannot be specialised), the key likewise, and the sink as a
// class-bound existential (two words). A present `Optional<T>` holds its `T` at offset 0 (Swift
// ABI, TypeLayout: a single-payload enum stores its payload first), so the address of the
// optional is the address of its value. Nothing is copied or moved: the value stays borrowed for
// the duration of the call, as the caller's own parameter was.
//
// The definition lives in this separate module because one module cannot hold both a
// declaration and a definition under the same symbol name with different signatures (the
// compiler rejects, or crashes on, the duplicate).

/// Receives the value of a present optional for encoding under a key (XMLCoding's keyed
/// encoding containers).
public protocol XMLPresentValueSink: AnyObject {
    /// Encodes `value` under `key`.
    func encodePresentValue<T: Encodable, Key: CodingKey>(_ value: T, forKey key: Key) throws
}

/// Hands the value of a present optional to `sink`; called by symbol name from XMLCoding with the
/// optional itself (see the comment at the top of this file). Never call it from Swift directly.
@_silgen_name("drv_xmlcoding_encode_present_value")
@_semantics("optimize.no.crossmodule")  // never serialised into XMLCoding, whose declaration differs
@inline(never)
func xmlEncodePresentValue<T: Encodable, Key: CodingKey>(
    _ value: T, forKey key: Key, into sink: any XMLPresentValueSink
) throws {
    try sink.encodePresentValue(value, forKey: key)
}
