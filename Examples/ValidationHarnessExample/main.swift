// ValidationHarnessExample: checks every .xml file in a folder against the STRING schema and the
// library's semantic rules, the way a test harness or CI step would.
//
//   swift run ValidationHarnessExample [--today YYYY-MM-DD] [FOLDER]
//
// FOLDER defaults to Examples/messages. Prints one line per issue (file:line:column: code:
// message) and a summary; exits with status 1 when any file is invalid. Rules such as card expiry
// depend on the day: pass --today for reproducible results (the examples assume 2026-11-23).

import Foundation
import StringPayments
import XMLCoding

/// Prints to standard error and exits with status 2 (a usage problem, not an invalid file).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ValidationHarnessExample: \(message)\n".utf8))
    exit(2)
}

// MARK: Command line

var arguments = Array(CommandLine.arguments.dropFirst())
var today = XMLDate.today()
if let flag = arguments.firstIndex(of: "--today") {
    guard flag + 1 < arguments.count, let date = XMLDate(xmlLexicalForm: arguments[flag + 1]) else {
        fail("--today needs a date such as 2026-11-23")
    }
    today = date
    arguments.removeSubrange(flag...(flag + 1))
}
let folder =
    arguments.first.map { URL(fileURLWithPath: $0, isDirectory: true) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("messages", isDirectory: true)

let files: [URL]
do {
    files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "xml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
} catch {
    fail("cannot list \(folder.path): \(error.localizedDescription)")
}

// MARK: Validation

// One validator for all files: it loads and compiles the bundled STRING schema once. It is
// Sendable, so a larger harness could validate files from several tasks with it.
let validator: StringMessageValidator
do {
    validator = try StringMessageValidator(today: today)
} catch {
    fail("cannot load the STRING schema: \(error)")
}

var invalidFiles = 0
var issueCount = 0
for file in files {
    // Reads securely (no external entities, size limits), validates against the schema, decodes
    // and checks the semantic rules; a report lists every schema violation, or the first decoding
    // error, or every semantic issue.
    let report = validator.validate(contentsOf: file)
    if report.isValid {
        print("ok       \(file.lastPathComponent) (\(report.message?.kind.rawValue ?? "?"))")
        continue
    }
    invalidFiles += 1
    issueCount += report.issues.count
    print("INVALID  \(file.lastPathComponent)")
    for issue in report.issues {
        let position = [issue.line, issue.column].compactMap { $0.map(String.init) }.joined(separator: ":")
        let location = [file.lastPathComponent, position].filter { !$0.isEmpty }.joined(separator: ":")
        let path = issue.elementPath.map { " [\($0)]" } ?? ""
        print("  \(location): \(issue.code): \(issue.message)\(path)")
    }
}

// MARK: Summary

print()
print(
    "\(files.count) file(s) in \(folder.path) checked on \(today): \(files.count - invalidFiles) valid, "
        + "\(invalidFiles) invalid, \(issueCount) issue(s)")
exit(invalidFiles == 0 ? 0 : 1)
