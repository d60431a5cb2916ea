/// A small JSON writer for the hottest responses (case lists) and the longest lists (every alert). It writes the
/// same document JSONEncoder writes with sorted keys and unescaped slashes — compact, or pretty-printed as the
/// command line prints JSON; tests compare the two — at a fraction of the cost, because it does not go through
/// Encodable's generic containers.
public struct JSONBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether a member has been written in it.
    private var needsComma: [Bool] = []
    /// A key was just written: its value follows on the same line, with no comma.
    private var afterKey = false
    /// Pretty-printed as JSONEncoder's `.prettyPrinted`: two blanks a level, `"key" : value`, every member on
    /// its own line, an empty array or object as an empty line. `depth` levels are taken as already open.
    private let pretty: Bool
    private let depth: Int

    public init(capacity: Int = 4096) { (pretty, depth) = (false, 0); bytes.reserveCapacity(capacity) }

    public init(prettyPrintedAtDepth depth: Int, capacity: Int = 4096) {
        (pretty, self.depth) = (true, depth)
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = needsComma.removeLast()
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            if !hadMembers { bytes.append(UInt8(ascii: "\n")) }
            indent()
        }
        bytes.append(bracket)
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (depth + needsComma.count)))
    }

    /// A key; the value written next belongs to it. Keys must be written in sorted order by the caller.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        colon()
    }

    /// A key known only at run time (audit field names).
    public mutating func key(_ name: String) {
        value(name)
        colon()
    }

    private mutating func colon() {
        if pretty { bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")]) }
        else { bytes.append(UInt8(ascii: ":")) }
        afterKey = true  // the value follows without a comma
    }

    public mutating func value(_ flag: Bool) { separate(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }

    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    public mutating func value(_ number: Int64) { separate(); bytes.append(contentsOf: String(number).utf8) }

    public mutating func value(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Copy runs that need no escaping in one go; most text has no quote, backslash or control byte.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes.append(contentsOf: [92, 34])
        case 0x5C: bytes.append(contentsOf: [92, 92])
        case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }
    }

    /// Writes `key: value` when the value is present; an absent optional is left out, as Codable does.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        self.value(value)
    }

    public mutating func field(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        key(name)
        self.value(value)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            indent()
        }
    }
}

/// Records that can write themselves into a JSONBuffer.
public protocol JSONWritable {
    func write(to json: inout JSONBuffer)
}

extension WageCase: JSONWritable {
    public func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.field("case_number", caseNumber)
        json.field("claimed_fen", claimed.value)
        json.field("clue_id", clueID)
        json.field("created_at", createdAt)
        json.field("employer_id", employerID)
        json.field("employer_name", employerName)
        json.field("id", id)
        json.field("opened", opened.iso)
        json.field("recovered_fen", recovered.value)
        json.field("series_id", seriesID)
        json.field("series_name", seriesName)
        json.field("stage", stage.rawValue)
        json.field("stage_date", stageDate.iso)
        json.field("worker_id", workerID)
        json.field("worker_id_number", workerIDNumber)
        json.field("worker_name", workerName)
        json.endObject()
    }
}

extension Clue: JSONWritable {
    public func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("channels")
        json.beginArray()
        for channel in channels {
            json.beginObject()
            json.field("received", channel.received.iso)
            json.field("source", channel.source.rawValue)
            json.endObject()
        }
        json.endArray()
        json.field("created_at", createdAt)
        json.field("employer_id", employerID)
        json.field("employer_name", employerName)
        json.field("follows_clue_id", followsClueID)
        json.field("id", id)
        json.field("project_id", projectID)
        json.field("project_name", projectName)
        json.field("received", received.iso)
        json.field("source", source.rawValue)
        json.field("status", status.rawValue)
        json.field("status_reason", statusReason)
        json.field("summary", summary)
        json.key("workers")
        json.beginArray()
        for worker in workers {
            json.beginObject()
            json.field("claimed_fen", worker.claimed.value)
            json.field("id_number", worker.idNumber)
            json.field("name", worker.name)
            json.field("worker_id", worker.workerID)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}

extension Alert: JSONWritable {
    /// As Alert's Codable writes it (keys sorted, absent optionals left out): `alerts --json` writes a hundred
    /// thousand of these.
    public func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("case_ids")
        json.beginArray()
        for id in caseIDs { json.value(id) }
        json.endArray()
        json.field("code", code.rawValue)
        json.field("days_left", daysLeft.map(Int64.init))
        json.field("detail", detail)
        json.field("detail_en", detailEn)
        json.field("due", due?.iso)
        json.field("guarantee_id", guaranteeID)
        json.field("project_id", projectID)
        json.field("project_name", projectName)
        json.key("provisional")
        json.value(provisional)
        json.field("referral_id", referralID)
        json.field("region_code", regionCode)
        json.field("severity", severity.rawValue)
        json.field("suggestion_id", suggestionID)
        json.field("task_id", taskID)
        json.field("unit_id", unitID)
        json.field("unit_name", unitName)
        json.endObject()
    }
}
