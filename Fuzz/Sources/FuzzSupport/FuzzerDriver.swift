internal import CLibFuzzer

/// Starts libFuzzer from a fuzz target's own entry point.
///
/// On Linux SwiftPM links every executable with `--defsym main=<module>_main` (on macOS
/// `-alias`), so that tests can link executables. Under `-parse-as-library` no such function
/// exists and the link fails, so each fuzz target defines `<module>_main` with `@_cdecl` and
/// calls ``run(argc:argv:testOneInput:)``, which hands over to libFuzzer's own driver with the
/// same command line. libFuzzer's `main` is then not linked; its flags and behaviour are unchanged.
public enum FuzzerDriver {
    /// The signature of `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer with the process's arguments and returns its exit status.
    public static func run(
        argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, testOneInput: TestOneInput
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}
