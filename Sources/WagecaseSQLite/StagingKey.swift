/// A staged worker's place in the write's order: its ID number as SQLite orders text (byte by byte, a prefix
/// first), then its row in the file. The number's first 24 bytes are packed into three big-endian words, so a
/// run is sorted without walking strings; an ID number is 18 ASCII characters, and a longer text (never made
/// by `ResidentID`) marks the key `packed == false` for a byte-wise comparison instead.
struct StagingKey: Comparable {
    private let words: (UInt64, UInt64, UInt64)
    private let length: Int
    let row: Int
    /// The worker's place in the batch being sorted.
    let index: Int
    let packed: Bool

    init(bytes idNumber: some Sequence<UInt8>, row: Int, index: Int) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var zero = false
        for byte in idNumber {
            zero = zero || byte == 0
            if count < 24 {
                let shift = UInt64(56 - 8 * (count % 8))
                switch count / 8 {
                case 0: words.0 |= UInt64(byte) << shift
                case 1: words.1 |= UInt64(byte) << shift
                default: words.2 |= UInt64(byte) << shift
                }
            }
            count += 1
        }
        (self.words, length, self.row, self.index) = (words, count, row, index)
        // Zero padding orders a prefix first only when no byte is itself zero (none is in an ID number).
        packed = count <= 24 && !zero
    }

    /// Meaningful between packed keys only (`StagedWorkers` sorts a run with an unpacked key byte by byte).
    static func < (a: StagingKey, b: StagingKey) -> Bool {
        if a.words.0 != b.words.0 { return a.words.0 < b.words.0 }
        if a.words.1 != b.words.1 { return a.words.1 < b.words.1 }
        if a.words.2 != b.words.2 { return a.words.2 < b.words.2 }
        if a.length != b.length { return a.length < b.length }
        return a.row < b.row
    }

    static func == (a: StagingKey, b: StagingKey) -> Bool { !(a < b) && !(b < a) }
}
