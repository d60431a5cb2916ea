#if !FUZZING
import Foundation

/// Without libFuzzer: `wagecase-fuzz DIR…` runs every file under each DIR (named Corpus/<target>/…) through its
/// target once, so the corpus — seeds and every crash the fuzzer ever found — is a regression test.
@main
struct Replay {
    static func main() {
        var count = 0
        for root in CommandLine.arguments.dropFirst() {
            for target in FuzzTarget.allCases {
                let directory = URL(fileURLWithPath: root).appendingPathComponent(target.rawValue)
                let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for file in files.sorted() {
                    guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path)
                    else { continue }
                    target.run(data)
                    count += 1
                }
            }
        }
        print("replayed \(count) inputs")
    }
}
#endif
