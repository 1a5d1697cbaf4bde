public import Foundation

/// Helpers shared by the test targets: fixture locations and small assertions.
public enum TestSupport {
    /// The repository's root folder, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file or folder under the repository root.
    public static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent(relativePath)
    }

    /// The bytes of a file under the repository root.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// The `.xml` files in a folder under the repository root, sorted by name.
    public static func xmlFiles(in relativePath: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url(relativePath), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

extension TestSupport {
    /// A new, empty directory under the system's temporary directory; the caller removes it.
    public static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("drv-payments-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

extension TestSupport {
    /// The inputs kept for a fuzz target under `Fuzz/Regressions/TARGET/`: every file but the
    /// README and `.gitkeep`, as repository-relative paths, sorted.
    public static func fuzzRegressionInputs(of target: String) -> [String] {
        let folder = url("Fuzz/Regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0 != ".gitkeep" && !$0.hasPrefix("README") }.sorted()
            .map { "Fuzz/Regressions/\(target)/\($0)" }
    }

    /// Whether `Fuzz/Regressions/TARGET/` exists as a folder.
    public static func fuzzRegressionFolderExists(_ target: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url("Fuzz/Regressions/\(target)").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
