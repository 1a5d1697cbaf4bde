import Foundation
import XMLCoding

/// The XSD of the benchmark document: a trimmed, self-contained cut of the STRING payment types
/// (`PaymentType` and four `xs:extension`s selected by `xsi:type`), with the same facets as the
/// library's schema for the fields it keeps.
enum PaymentListSchema {
    static let fileName = "PaymentList.xsd"

    /// The schema compiled into checks over a parsed document (validation by construction).
    static func compiled() throws(XMLCodingError) -> XMLConstructedSchema {
        try XMLConstructedSchema(main: fileName, documents: [fileName: Data(text.utf8)])
    }

    /// Validate (compiled) + decode: one parse into the arena, the compiled checks over it, then
    /// the decoder over the same arena; nothing is decoded from an invalid document.
    static func validateAndDecode(
        _ bytes: [UInt8], _ schema: XMLConstructedSchema, _ decoder: XMLDecoder
    ) throws(XMLCodingError) -> PaymentList {
        let document = try XMLDocument.parse(bytes, options: decoder.options.reading)
        let violations = schema.validate(document)
        if let first = violations.first {
            throw XMLCodingError(
                code: .schemaViolation, message: first.message, line: first.line, elementPath: first.elementPath,
                violations: violations)
        }
        return try decoder.decode(PaymentList.self, from: document)
    }

    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
            xmlns="http://string.drv.de/xmlschema/string"
            targetNamespace="http://string.drv.de/xmlschema/string"
            elementFormDefault="qualified" attributeFormDefault="unqualified">

          <xs:element name="PaymentList">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Payment" type="PaymentType" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>

          <xs:simpleType name="IdentifierType">
            <xs:restriction base="xs:token"><xs:minLength value="1"/><xs:maxLength value="64"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CollectionType">
            <xs:restriction base="xs:token">
              <xs:enumeration value="Agency"/><xs:enumeration value="TourOperator"/>
              <xs:enumeration value="OnSite"/><xs:enumeration value="Mixed"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="PaymentScopeType">
            <xs:restriction base="xs:token">
              <xs:enumeration value="Deposit"/><xs:enumeration value="Interim"/><xs:enumeration value="Balance"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="FormOfPaymentType">
            <xs:restriction base="xs:token">
              <xs:enumeration value="CreditCard"/><xs:enumeration value="DirectDebit"/>
              <xs:enumeration value="Invoice"/><xs:enumeration value="EWallet"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="PaymentStatusType">
            <xs:restriction base="xs:token">
              <xs:enumeration value="Open"/><xs:enumeration value="Recorded"/><xs:enumeration value="Settled"/>
              <xs:enumeration value="Failed"/><xs:enumeration value="Confirmed"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="AmountType">
            <xs:restriction base="xs:decimal">
              <xs:totalDigits value="18"/><xs:fractionDigits value="3"/><xs:minInclusive value="0"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CurrencyCodeType">
            <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="IBANType">
            <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="MaskedCardNumberType">
            <xs:restriction base="xs:string"><xs:pattern value="[0-9*]{12,19}"/></xs:restriction>
          </xs:simpleType>

          <xs:complexType name="CurrencyAmountType">
            <xs:sequence>
              <xs:element name="Amount" type="AmountType"/>
              <xs:element name="Currency" type="CurrencyCodeType"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="PersonDetailsType">
            <xs:sequence>
              <xs:element name="Prename" type="xs:string" minOccurs="0"/>
              <xs:element name="Surname" type="xs:string"/>
              <xs:element name="PostalCode" type="xs:string" minOccurs="0"/>
              <xs:element name="City" type="xs:string" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="CashHolderType">
            <xs:choice>
              <xs:element name="AssignedToBookingOwner" type="xs:boolean"/>
              <xs:element name="AssignedToTraveller" type="IdentifierType"/>
              <xs:element name="OwnerDetails" type="PersonDetailsType"/>
            </xs:choice>
          </xs:complexType>
          <xs:complexType name="PaymentDatesType">
            <xs:sequence>
              <xs:element name="DueDate" type="xs:date" minOccurs="0"/>
              <xs:element name="EntryDate" type="xs:date" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="CreditCardType">
            <xs:sequence>
              <xs:element name="CardType" type="xs:token"/>
              <xs:element name="MaskedCardNumber" type="MaskedCardNumberType" minOccurs="0"/>
              <xs:element name="ExpiryDate" type="xs:gYearMonth"/>
            </xs:sequence>
          </xs:complexType>

          <xs:complexType name="PaymentType">
            <xs:sequence>
              <xs:element name="PaymentScope" type="PaymentScopeType"/>
              <xs:element name="FormOfPayment" type="FormOfPaymentType" minOccurs="0"/>
              <xs:element name="PaymentAmount" type="CurrencyAmountType"/>
              <xs:element name="CashHolder" type="CashHolderType" minOccurs="0"/>
              <xs:element name="Status" type="PaymentStatusType" minOccurs="0"/>
              <xs:element name="Dates" type="PaymentDatesType" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="Identifier" type="IdentifierType" use="required"/>
            <xs:attribute name="Collection" type="CollectionType"/>
          </xs:complexType>
          <xs:complexType name="CreditCardPaymentType">
            <xs:complexContent>
              <xs:extension base="PaymentType">
                <xs:sequence><xs:element name="CreditCard" type="CreditCardType" minOccurs="0"/></xs:sequence>
              </xs:extension>
            </xs:complexContent>
          </xs:complexType>
          <xs:complexType name="DirectDebitPaymentType">
            <xs:complexContent>
              <xs:extension base="PaymentType">
                <xs:sequence>
                  <xs:element name="IBAN" type="IBANType"/>
                  <xs:element name="AccountHolder" type="xs:string"/>
                </xs:sequence>
              </xs:extension>
            </xs:complexContent>
          </xs:complexType>
          <xs:complexType name="InvoicePaymentType">
            <xs:complexContent>
              <xs:extension base="PaymentType"/>
            </xs:complexContent>
          </xs:complexType>
          <xs:complexType name="EWalletPaymentType">
            <xs:complexContent>
              <xs:extension base="PaymentType">
                <xs:sequence><xs:element name="Provider" type="xs:string"/></xs:sequence>
              </xs:extension>
            </xs:complexContent>
          </xs:complexType>
        </xs:schema>

        """
}
