// Build-time tool: writes a Swift source file declaring one string constant with a text file's exact contents.
// Usage: EmbedText INPUT OUTPUT CONSTANT_NAME
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: EmbedText INPUT OUTPUT CONSTANT_NAME\n".utf8))
    exit(64)
}
let input = try String(contentsOfFile: arguments[1], encoding: .utf8)
var literal = ""
literal.reserveCapacity(input.utf8.count + 1024)
for scalar in input.unicodeScalars {
    switch scalar {
    case "\\": literal += "\\\\"
    case "\"": literal += "\\\""
    case "\n": literal += "\\n"
    case "\r": literal += "\\r"
    case "\t": literal += "\\t"
    default:
        if scalar.value < 0x20 {
            literal += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            literal.unicodeScalars.append(scalar)
        }
    }
}
let source = """
// Generated at build time from \(URL(fileURLWithPath: arguments[1]).lastPathComponent). Do not edit.
let \(arguments[3]): String = "\(literal)"

"""
try source.write(toFile: arguments[2], atomically: true, encoding: .utf8)
