import Foundation
import StringPayments
import XMLCoding

/// The day card expiry is checked against, fixed so that a run is reproducible.
private let validator: StringMessageValidator = {
    guard let today = XMLDate(xmlLexicalForm: "2026-11-23") else { fatalError("bad fixed date") }
    do {
        return try StringMessageValidator(today: today)
    } catch {
        fatalError("the shipped schemas do not compile: \(error)")
    }
}()

/// libFuzzer's entry point: secure parse, XSD validation, decoding and the semantic rules over
/// the input. Any report is fine; a crash, trap, leak or hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    let report = validator.validate(bytes)
    // A valid report has a message and no issues; an invalid one names at least one issue.
    if report.message == nil && report.issues.isEmpty {
        fatalError("the report has neither a message nor an issue")
    }
    for issue in report.issues {
        _ = issue.description
    }
    return 0
}
