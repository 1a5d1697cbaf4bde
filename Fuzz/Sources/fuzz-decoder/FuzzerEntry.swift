import FuzzSupport

/// The program's entry point: SwiftPM links `main` to `<module>_main` (see `FuzzerDriver`),
/// which hands over to libFuzzer with `LLVMFuzzerTestOneInput`.
@_cdecl("fuzz_decoder_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }  // libFuzzer passes a buffer even for empty input
        return fuzz(UnsafeRawPointer(data), size)
    }
}
