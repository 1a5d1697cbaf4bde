internal import XMLCodingPresentValue

/// Encodes the value of `value`, which must not be `nil`, under `key` into `sink`, without the
/// runtime metadata of `Optional<T>`: bound by symbol name to `xmlEncodePresentValue` of
/// XMLCodingPresentValue, which takes the value itself. XMLCodingPresentValue's
/// `XMLPresentValueSink.swift` explains why the two calling conventions agree.
@_silgen_name("drv_xmlcoding_encode_present_value")
func xmlEncodePresentOptional<T: Encodable, Key: CodingKey>(
    _ value: T?, forKey key: Key, into sink: any XMLPresentValueSink
) throws
