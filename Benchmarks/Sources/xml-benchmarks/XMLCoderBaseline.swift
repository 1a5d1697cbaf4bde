import Foundation
import XMLCoder

/// Decoding and encoding with XMLCoder, configured as its documentation suggests.
enum XMLCoderBaseline {
    /// Decodes a payment list. XMLCoder parses with Foundation's `XMLParser`, which on Linux refuses
    /// documents over 10,000,000 bytes.
    static func decode(_ data: Data) throws -> XMLCoderModel.PaymentList {
        let decoder = XMLDecoder()
        return try decoder.decode(XMLCoderModel.PaymentList.self, from: data)
    }

    /// Encodes a payment list, with the namespace declarations as root attributes (XMLCoder has no
    /// notion of namespaces).
    static func encode(_ list: XMLCoderModel.PaymentList) throws -> Data {
        let encoder = XMLEncoder()
        return try encoder.encode(
            list, withRootKey: "PaymentList",
            rootAttributes: [
                "xmlns": PaymentListGenerator.namespace,
                "xmlns:xsi": PaymentListGenerator.schemaInstanceNamespace,
            ],
            header: XMLHeader(version: 1.0, encoding: "UTF-8"))
    }
}
