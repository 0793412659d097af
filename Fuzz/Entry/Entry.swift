import Foundation
import FuzzTargets

// `nko-fuzz <target> …`: one entry for every target of FuzzTarget.
//
// Built with `-DFUZZING -sanitize=fuzzer` (make fuzz), this file has no main: libFuzzer's runs,
// and the arguments after the target are libFuzzer's (corpus folders, -max_total_time=…).
// Built plainly (swift build), it replays the files given: `nko-fuzz markdown crash-1a2b…`.

nonisolated(unsafe) private var target: FuzzTarget?

private func select(_ name: String?) -> FuzzTarget {
    guard let name, let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("usage: nko-fuzz <\(names)> [files…]\n".utf8))
        exit(2)
    }
    return target
}

#if FUZZING
/// Takes the target's name out of the arguments before libFuzzer reads them, and leaves it in
/// NKO_FUZZ_TARGET for the processes libFuzzer starts itself (-minimize_crash, -fork, -merge).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    let first = argc.pointee > 1 ? argv.pointee[1].map { String(cString: $0) } : nil
    let inherited = ProcessInfo.processInfo.environment["NKO_FUZZ_TARGET"]
    target = select(inherited ?? first)
    setenv("NKO_FUZZ_TARGET", target!.rawValue, 1)
    if inherited == nil || first == inherited {
        for i in 1..<Int(argc.pointee) { argv.pointee[i] = argv.pointee[i + 1] }  // argv ends with NULL
        argc.pointee -= 1
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    target!.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#else
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let target = select(arguments.first)
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("nko-fuzz: cannot read \(path)\n".utf8))
                exit(1)
            }
            target.run(data)
            print("\(target.rawValue): \(path): no crash")
        }
    }
}
#endif
