import Foundation
import Testing

@testable import PaymentLedger

@Suite struct JournalTests {
    // MARK: Helpers

    /// Runs `body` with a fresh temporary directory that is removed afterwards.
    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("JournalTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func record(_ text: String) -> Data { Data(text.utf8) }

    private func journalFile(in directory: URL) -> URL {
        directory.appendingPathComponent(FileJournal.fileName)
    }

    private func fileSize(in directory: URL) throws -> Int {
        try Data(contentsOf: journalFile(in: directory)).count
    }

    /// The byte offset of every record's frame in a journal whose changes each hold one record.
    /// Where each record's frame starts in a journal of the current format: after the header.
    private func frameOffsets(of records: [Data]) -> [Int] {
        var offsets: [Int] = []
        var offset = JournalHeader.size
        for record in records {
            offsets.append(offset)
            offset += JournalFrame.headerSize + record.count
        }
        return offsets
    }

    // MARK: Round trips

    @Test func appendAndReplayRoundTrip() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory)
            defer { journal.close() }
            try journal.append([record("first")])
            try journal.append([record("second"), Data(), record("fourth")])
            try journal.append([])
            #expect(try journal.replay() == [record("first"), record("second"), Data(), record("fourth")])
            #expect(journal.truncatedByteCount == 0)
        }
    }

    @Test func reopeningReplaysAndContinues() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory)
            try journal.append([record("a")])
            try journal.append([record("b")])
            journal.close()

            let reopened = try FileJournal.open(directory: directory)
            #expect(try reopened.replay() == [record("a"), record("b")])
            #expect(reopened.truncatedByteCount == 0)
            try reopened.append([record("c")])
            reopened.close()

            let again = try FileJournal.open(directory: directory)
            defer { again.close() }
            #expect(try again.replay() == [record("a"), record("b"), record("c")])
        }
    }

    @Test func manyRecordsOfVaryingSizes() throws {
        try withTemporaryDirectory { directory in
            let options = FileJournalOptions(durability: .groupCommit(maxRecords: 256, maxDelay: .seconds(60)))
            let records = (0..<5_000).map { index in
                Data((0..<(index % 97)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
            }
            let journal = try FileJournal.open(directory: directory, options: options)
            for record in records {
                try journal.append([record])
            }
            journal.close()
            let reopened = try FileJournal.open(directory: directory, options: options)
            defer { reopened.close() }
            #expect(try reopened.replay() == records)
        }
    }

    // MARK: Group commit

    @Test func groupCommitWritesOnFlushOnFullBatchAndOnClose() throws {
        try withTemporaryDirectory { directory in
            let options = FileJournalOptions(durability: .groupCommit(maxRecords: 4, maxDelay: .seconds(60)))
            let journal = try FileJournal.open(directory: directory, options: options)
            try journal.append([record("1")])
            try journal.append([record("2")])
            #expect(try fileSize(in: directory) == JournalHeader.size)
            #expect(try journal.replay() == [record("1"), record("2")])

            try journal.flush()
            let flushedSize = try fileSize(in: directory)
            #expect(flushedSize == JournalHeader.size + 2 * (JournalFrame.headerSize + 1))

            try journal.append([record("3"), record("4"), record("5")])
            #expect(try fileSize(in: directory) == flushedSize)
            try journal.append([record("6")])  // the batch is full now: handed to the writer queue
            #expect(try journal.replay() == (1...6).map { record("\($0)") })
            journal.waitForWriter()
            #expect(try fileSize(in: directory) == JournalHeader.size + 6 * (JournalFrame.headerSize + 1))

            try journal.append([record("7")])
            journal.close()
            #expect(try fileSize(in: directory) == JournalHeader.size + 7 * (JournalFrame.headerSize + 1))

            let reopened = try FileJournal.open(directory: directory)
            defer { reopened.close() }
            #expect(try reopened.replay() == (1...7).map { record("\($0)") })
        }
    }

    @Test func groupCommitWritesAfterMaximumDelay() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("JournalTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = FileJournalOptions(durability: .groupCommit(maxRecords: 1_000, maxDelay: .milliseconds(20)))
        let journal = try FileJournal.open(directory: directory, options: options)
        defer { journal.close() }
        try journal.append([record("late")])
        var size = JournalHeader.size
        for _ in 0..<200 where size == JournalHeader.size {
            try await Task.sleep(for: .milliseconds(10))
            size = try fileSize(in: directory)
        }
        #expect(size == JournalHeader.size + JournalFrame.headerSize + 4)
    }

    // MARK: Errors

    @Test func recordTooLargeIsRefusedAndAppendsNothing() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory, options: FileJournalOptions(maximumRecordSize: 16))
            defer { journal.close() }
            let error = #expect(throws: LedgerJournalError.self) {
                try journal.append([Data(count: 16), Data(count: 17)])
            }
            #expect(error?.code == .recordTooLarge)
            #expect(try journal.replay().isEmpty)
            try journal.append([Data(count: 16)])
            #expect(try journal.replay() == [Data(count: 16)])
        }
    }

    @Test func closedJournalRefusesCalls() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory)
            journal.close()
            journal.close()
            #expect(#expect(throws: LedgerJournalError.self) { try journal.append([record("x")]) }?.code == .closed)
            #expect(#expect(throws: LedgerJournalError.self) { try journal.replay() }?.code == .closed)
            #expect(#expect(throws: LedgerJournalError.self) { try journal.flush() }?.code == .closed)
        }
    }

    @Test func unusableDirectoryIsAnIOError() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let plainFile = directory.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: plainFile)
            let error = #expect(throws: LedgerJournalError.self) {
                try FileJournal.open(directory: plainFile)
            }
            #expect(error?.code == .ioError)
            #expect(error?.path == plainFile.path)
        }
    }

    @Test func secondOpenOfAnOpenJournalIsAnIOError() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory)
            let error = #expect(throws: LedgerJournalError.self) {
                try FileJournal.open(directory: directory)
            }
            #expect(error?.code == .ioError)
            journal.close()
            let reopened = try FileJournal.open(directory: directory)
            reopened.close()
        }
    }

    @Test func errorDescriptionNamesCodeOffsetAndPath() {
        let error = LedgerJournalError(code: .corruptJournal, message: "bad", byteOffset: 42, path: "/j/journal.log")
        #expect(error.description == "corrupt-journal at byte 42 in /j/journal.log: bad")
    }

    // MARK: Checksum

    @Test func crc32cKnownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    // MARK: Crash recovery

    @Test func tornLastRecordIsCutAtEveryByteOffset() throws {
        try withTemporaryDirectory { directory in
            let records = (1...5).map { record("record number \($0) with some payload") }
            let source = directory.appendingPathComponent("source")
            let journal = try FileJournal.open(directory: source)
            for record in records {
                try journal.append([record])
            }
            journal.close()
            let bytes = try Data(contentsOf: journalFile(in: source))
            let lastStart = frameOffsets(of: records)[records.count - 1]
            #expect(bytes.count == lastStart + JournalFrame.headerSize + records[records.count - 1].count)

            for cut in lastStart..<bytes.count {
                let copy = directory.appendingPathComponent("cut-\(cut)")
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                try bytes.prefix(cut).write(to: journalFile(in: copy))
                let reopened = try FileJournal.open(directory: copy)
                #expect(try reopened.replay() == Array(records.dropLast()), "cut at \(cut)")
                #expect(reopened.truncatedByteCount == cut - lastStart, "cut at \(cut)")
                reopened.close()
                #expect(try fileSize(in: copy) == lastStart, "cut at \(cut)")
            }
        }
    }

    @Test func badChecksumOfLastRecordIsATornTail() throws {
        try withTemporaryDirectory { directory in
            let journal = try FileJournal.open(directory: directory)
            try journal.append([record("kept")])
            try journal.append([record("damaged")])
            journal.close()
            var bytes = try Data(contentsOf: journalFile(in: directory))
            bytes[bytes.count - 1] ^= 0x01
            try bytes.write(to: journalFile(in: directory))

            let reopened = try FileJournal.open(directory: directory)
            defer { reopened.close() }
            #expect(try reopened.replay() == [record("kept")])
            #expect(reopened.truncatedByteCount == JournalFrame.headerSize + 7)
        }
    }

    @Test func incompleteMultiRecordChangeIsDroppedWhole() throws {
        try withTemporaryDirectory { directory in
            let source = directory.appendingPathComponent("source")
            let journal = try FileJournal.open(directory: source)
            try journal.append([record("alone")])
            try journal.append([record("a"), record("bb"), record("ccc")])
            journal.close()
            let bytes = try Data(contentsOf: journalFile(in: source))
            let changeStart = JournalHeader.size + JournalFrame.headerSize + 5

            for cut in changeStart..<bytes.count {
                let copy = directory.appendingPathComponent("cut-\(cut)")
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                try bytes.prefix(cut).write(to: journalFile(in: copy))
                let reopened = try FileJournal.open(directory: copy)
                #expect(try reopened.replay() == [record("alone")], "cut at \(cut)")
                reopened.close()
                #expect(try fileSize(in: copy) == changeStart, "cut at \(cut)")
            }
        }
    }

    @Test(arguments: [0, 2, 6, 9, 15])
    func damagedMiddleRecordRefusesToOpenWithItsOffset(byteInRecord: Int) throws {
        try withTemporaryDirectory { directory in
            let records = (1...5).map { record("middle record \($0)") }
            let journal = try FileJournal.open(directory: directory)
            for record in records {
                try journal.append([record])
            }
            journal.close()
            var bytes = try Data(contentsOf: journalFile(in: directory))
            let damagedOffset = frameOffsets(of: records)[2]
            bytes[damagedOffset + byteInRecord] ^= 0x40
            try bytes.write(to: journalFile(in: directory))

            let error = #expect(throws: LedgerJournalError.self) {
                try FileJournal.open(directory: directory)
            }
            #expect(error?.code == .corruptJournal)
            #expect(error?.byteOffset == damagedOffset)
            #expect(error?.path == journalFile(in: directory).path)
            #expect(try Data(contentsOf: journalFile(in: directory)) == bytes, "a refused journal is left as it was")
        }
    }

    // MARK: Concurrency

    @Test func concurrentAppendsAreAllReplayedIntact() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("JournalTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try FileJournal.open(directory: directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        try journal.append([Data("task \(task) record \(index) ".utf8) + Data(count: index % 50)])
                    }
                }
            }
            try await group.waitForAll()
        }
        journal.close()

        let reopened = try FileJournal.open(directory: directory)
        defer { reopened.close() }
        let replayed = try reopened.replay()
        #expect(replayed.count == 1_600)
        var nextIndex = [Int](repeating: 0, count: 8)
        for data in replayed {
            let words = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self).split(separator: " ")
            guard words.count == 4, let task = Int(words[1]), let index = Int(words[3]), (0..<8).contains(task)
            else {
                Issue.record("malformed record \(Array(data))")
                continue
            }
            #expect(index == nextIndex[task], "each task's records stay in order")
            #expect(data.count == "task \(task) record \(index) ".utf8.count + index % 50)
            nextIndex[task] = index + 1
        }
        #expect(nextIndex == [Int](repeating: 200, count: 8))
    }
}
