import Foundation
import PaymentServer
import Testing

@Suite struct FormAndCSRFTests {
    @Test func decodesPercentAndPlusEncodingAndRepeatedFields() throws {
        let form = try FormData(decoding: "reference=BK%2D1&email=Max+Muster%40example.com&id=1&id=2&empty=&bare")
        #expect(form["reference"] == "BK-1")
        #expect(form["email"] == "Max Muster@example.com")
        #expect(form.values(of: "id") == ["1", "2"])
        #expect(form["empty"] == "")
        #expect(form["bare"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func refusesTooManyFieldsAndBadEncoding() {
        let many = (0..<65).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: FormData.Failure.malformed("more than 64 fields")) { try FormData(decoding: many) }
        #expect(throws: FormData.Failure.self) { try FormData(decoding: "a=%zz") }
        #expect(FormData.Failure.tooLarge(limit: 1).status == .contentTooLarge)
        #expect(FormData.Failure.unsupportedContentType.status == .unsupportedMediaType)
    }

    @Test func csrfTokenMustBePresentAndEqual() throws {
        let session = WebSession(subject: nil, csrfToken: "token-123", createdAt: Date())
        #expect(CSRFProtection.isValid(try FormData(decoding: "csrf=token-123"), for: session))
        #expect(!CSRFProtection.isValid(try FormData(decoding: "csrf=token-124"), for: session))
        #expect(!CSRFProtection.isValid(try FormData(decoding: "csrf=token-12"), for: session))
        #expect(!CSRFProtection.isValid(try FormData(decoding: "csrf="), for: session))
        #expect(!CSRFProtection.isValid(try FormData(decoding: "other=token-123"), for: session))
    }
}
