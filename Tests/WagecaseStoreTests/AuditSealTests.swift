import Testing
import WagecaseStore

/// The audit chain's seal is pinned: every database ever written holds hashes made this way, so a change to the
/// field order or encoding would break them all while the writer and the walk still agreed with each other.
/// The expected values were computed independently (Python's hashlib over the documented encoding).
@Suite("The audit seal")
struct AuditSealTests {
    static let first = AuditSeal.Entry(
        id: 1, at: "2026-11-25T09:30:00+08:00", actor: "张检察官", action: "insert", table: "clue", recordID: 7,
        before: nil, after: #"{"source":"petition","received_on":"2026-11-20"}"#, reason: nil)
    static let second = AuditSeal.Entry(
        id: 2, at: "2026-11-25T09:31:05+08:00", actor: "李四", action: "update", table: "clue_worker", recordID: 7,
        before: #"{"claimed_fen":100}"#, after: #"{"claimed_fen":250}"#, reason: "金额以仲裁裁决为准")
    static let firstHash = "86cad576df6d5e08a8f6dfe68ba63cd78ff3070c23ed55a2615559e34dffbd5d"
    static let secondHash = "426531da8a5765f424ead01e549d004600b0836afa4b441abe3b937071893c1f"

    @Test("known entries seal to known hashes")
    func knownVectors() {
        #expect(AuditSeal.hash(previous: AuditSeal.origin, Self.first) == Self.firstHash)
        #expect(AuditSeal.hash(previous: Self.firstHash, Self.second) == Self.secondHash)
    }

    @Test("the walk names the first entry changed or removed, and keeps the head")
    func walk() {
        var intact = AuditSeal.Walk()
        intact.add(Self.first, stored: Self.firstHash)
        intact.add(Self.second, stored: Self.secondHash)
        #expect(intact.result.firstBroken == nil && intact.result.entries == 2)
        #expect(intact.result.headID == 2 && intact.result.headHash == Self.secondHash)

        var changed = AuditSeal.Walk()
        var edited = Self.first
        edited.actor = "someone else"
        changed.add(edited, stored: Self.firstHash)
        changed.add(Self.second, stored: Self.secondHash)
        #expect(changed.result.firstBroken == 1)

        var removed = AuditSeal.Walk()
        var third = Self.second
        third.id = 3
        removed.add(Self.first, stored: Self.firstHash)
        removed.add(third, stored: AuditSeal.hash(previous: Self.secondHash, third))
        #expect(removed.result.firstBroken == 3 && removed.result.problem == "entry #2 is missing (removed)")
    }
}
