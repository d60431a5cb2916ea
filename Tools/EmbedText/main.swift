// Build-time tool: writes a Swift source file declaring one constant with text files' exact contents.
// Usage: EmbedText OUTPUT NAME string FILE          → let NAME: String
//        EmbedText OUTPUT NAME array FILE...        → let NAME: [String] (in the order given)
//        EmbedText OUTPUT NAME dictionary FILE...   → let NAME: [String: String] (keyed by file name)
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 5, ["string", "array", "dictionary"].contains(arguments[3]),
      arguments[3] != "string" || arguments.count == 5
else {
    FileHandle.standardError.write(Data("usage: EmbedText OUTPUT NAME string FILE | EmbedText OUTPUT NAME array|dictionary FILE...\n".utf8))
    exit(64)
}

func literal(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 1024)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

let files = Array(arguments[4...])
let contents = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
let value: String
switch arguments[3] {
case "string":
    value = "let \(arguments[2]): String = \(literal(contents[0]))"
case "array":
    value = "let \(arguments[2]): [String] = [\n" + contents.map { "    " + literal($0) + ",\n" }.joined() + "]"
default:
    value = "let \(arguments[2]): [String: String] = [\n" + zip(files, contents).map { file, text in
        "    " + literal(URL(fileURLWithPath: file).lastPathComponent) + ": " + literal(text) + ",\n"
    }.joined() + "]"
}
let source = "// Generated at build time from \(names). Do not edit.\n\(value)\n"
try source.write(toFile: arguments[1], atomically: true, encoding: .utf8)

#if FUZZING
// scripts/fuzz.sh builds every product with libFuzzer linked in; this build-time tool is not a fuzz target but
// must still link, so it names the entry point libFuzzer expects (its own main runs, not libFuzzer's).
@_cdecl("LLVMFuzzerTestOneInput")
func notAFuzzTarget(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { 0 }
#endif
