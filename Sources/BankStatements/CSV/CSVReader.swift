/// One CSV record: its fields and the 1-based line it starts on.
struct CSVRecord: Sendable {
    var fields: [String]
    var line: Int
}

/// An RFC 4180 reader over bytes: quoted fields with `""` for a quote, separators and line breaks
/// inside quotes, CRLF or LF (or a lone CR) between records, an optional UTF-8 byte-order mark, a
/// final line break optional. Blank lines are skipped. Every limit of ``CSVLimits`` is checked
/// while reading, so a hostile file costs at most the limits.
struct CSVReader {
    let format: CSVFormat

    func records(_ bytes: UnsafeRawBufferPointer) throws(BankStatementsError) -> [CSVRecord] {
        let limits = format.limits
        guard bytes.count <= limits.maximumInputSize else {
            throw BankStatementsError(
                code: .csvInputTooLarge,
                message: "the input has \(bytes.count) bytes, more than the limit of \(limits.maximumInputSize)")
        }
        guard let separatorValue = format.separator.asciiValue, separatorValue != 0x22, separatorValue != 0x0A,
            separatorValue != 0x0D
        else {
            throw BankStatementsError(
                code: .csvInvalidMapping, message: "the separator must be an ASCII character other than '\"', CR and LF"
            )
        }
        let separator = separatorValue
        var index = 0
        if format.encoding == .utf8, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted (and is closed)
        var recordHasContent = false

        func location(_ message: String, code: BankStatementsError.Code = .csvMalformed) -> BankStatementsError {
            BankStatementsError(code: code, message: message, line: line, column: fields.count + 1)
        }
        func finishField() throws(BankStatementsError) {
            guard fields.count < limits.maximumFieldCount else {
                throw location(
                    "the record has more than \(limits.maximumFieldCount) fields", code: .csvRecordTooLarge)
            }
            guard let text = decode(field) else {
                throw location("the field is not valid \(format.encoding == .utf8 ? "UTF-8" : "text")")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func finishRecord() throws(BankStatementsError) {
            try finishField()
            if recordHasContent {
                guard records.count < limits.maximumRecordCount else {
                    throw location(
                        "the input has more than \(limits.maximumRecordCount) records", code: .csvTooManyRecords)
                }
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == 0x22 {
                    if index < bytes.count, bytes[index] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == 0x0A || (byte == 0x0D && !(index < bytes.count && bytes[index] == 0x0A)) { line += 1 }
                    field.append(byte)
                }
            } else if byte == separator {
                recordHasContent = true
                try finishField()
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                try finishRecord()
                line += 1
                recordLine = line
            } else if wasQuoted {
                throw location("text after the closing quote of a quoted field")
            } else if byte == 0x22 {
                guard field.isEmpty else { throw location("a quote inside an unquoted field") }
                quoted = true
                recordHasContent = true
            } else {
                field.append(byte)
                recordHasContent = true
            }
            if field.count > limits.maximumFieldLength {
                throw location(
                    "the field is longer than \(limits.maximumFieldLength) bytes", code: .csvRecordTooLarge)
            }
        }
        if quoted {
            throw location("the quoted field starting on line \(recordLine) is never closed")
        }
        try finishRecord()
        return records
    }

    private func decode(_ bytes: [UInt8]) -> String? {
        switch format.encoding {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .isoLatin1:
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return text
        }
    }
}
