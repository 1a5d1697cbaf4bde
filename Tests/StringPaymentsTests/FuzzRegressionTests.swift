import Foundation
import StringPayments
import TestSupport
import Testing
import XMLCoding

/// Replays every input the validator and decoder fuzz targets ever crashed on, through the same
/// calls as the targets (`Fuzz/Sources/fuzz-validator`, `Fuzz/Sources/fuzz-decoder`), so that a
/// fixed crash stays fixed in the normal test suite.
///
/// The inputs live in `Fuzz/Regressions/fuzz-validator/` and `Fuzz/Regressions/fuzz-decoder/`;
/// `Fuzz/run.sh` writes a crash input there, and `Fuzz/README.md` says how to keep one. With no
/// inputs the tests pass trivially.
@Suite struct FuzzRegressionTests {
    static let validatorInputs = TestSupport.fuzzRegressionInputs(of: "fuzz-validator")
    static let decoderInputs = TestSupport.fuzzRegressionInputs(of: "fuzz-decoder")

    @Test func regressionFoldersArePresent() {
        for target in ["fuzz-validator", "fuzz-decoder"] {
            #expect(TestSupport.fuzzRegressionFolderExists(target), "Fuzz/Regressions/\(target) is missing")
        }
    }

    /// `fuzz-validator`: the report has a message or at least one issue, and every issue describes itself.
    @Test(arguments: validatorInputs)
    func validatorInputIsReported(path: String) throws {
        let today = try #require(XMLDate(year: 2026, month: 11, day: 23))
        let report = try StringMessageValidator(today: today).validate(try TestSupport.data(path))
        #expect(report.message != nil || !report.issues.isEmpty, "neither a message nor an issue")
        for issue in report.issues {
            #expect(!issue.description.isEmpty)
        }
    }

    /// `fuzz-decoder`: a message that decodes encodes, and its encoding decodes to the same message.
    @Test(arguments: decoderInputs)
    func decoderInputRoundTrips(path: String) throws {
        guard let message = try? StringMessage.decode(from: try TestSupport.data(path)) else { return }
        let encoding = try message.encoded()
        let again = try StringMessage.decode(from: encoding)
        #expect(again == message, "decode(encode(x)) differs from x")
    }
}
