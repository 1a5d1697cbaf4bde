import Foundation
import StringPayments
import XMLCoding

/// libFuzzer's entry point: decodes the input without the schema and, when it decodes, checks
/// that the message survives encode → decode unchanged.
///
/// Decoding errors are fine. A crash, a message that does not encode, an encoding that does not
/// decode, or one that decodes to another message is a finding, and traps so that libFuzzer
/// saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    guard let message = try? StringMessage.decode(from: bytes) else { return 0 }
    let encoding: Data
    do {
        encoding = try message.encoded()
    } catch {
        fatalError("a decoded \(message.kind) does not encode: \(error)")
    }
    let again: StringMessage
    do {
        again = try StringMessage.decode(from: encoding)
    } catch {
        fatalError("the encoding of a decoded \(message.kind) does not decode: \(error)")
    }
    if again != message {
        fatalError("decode(encode(x)) != x for a \(message.kind)")
    }
    return 0
}
