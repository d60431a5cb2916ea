import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    public func addGuarantee(_ input: NewGuarantee, actor: String) throws -> GuaranteeDetail {
        let today = self.today
        return try write(actor: actor) { db, audit in
            if input.effective > today {
                throw WagecaseError.dateOutOfOrder(field: "effective", value: input.effective,
                                                   reason: "is in the future (today is \(today))")
            }
            let project = try Self.fetchProject(db, input.project, employerID: nil)
            // Art. 17: a letter shorter than a year or the contract period is refused unless a reason is given.
            let shortfall = input.validityProblem(project: project)
            if let shortfall, input.validityOverride == nil { throw shortfall }
            let override = shortfall == nil ? nil : input.validityOverride
            try db.execute(
                cached: """
                    INSERT INTO guarantee (project_id, kind, amount_fen, issuer, document_number, effective_on, ends_on,
                                           created_at, validity_override) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [project.id, input.kind.rawValue, input.amount.value, input.issuer, input.documentNumber,
                            input.effective.iso, input.ends?.iso, audit.at, override])
            let id = db.lastInsertedRowID
            try db.execute(
                cached: """
                    INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
                    VALUES (?, 'lodged', ?, ?, ?, ?)
                    """,
                arguments: [id, input.effective.iso, input.amount.value, actor, audit.at])
            try audit.record(.insert, table: "guarantee", id: id, after: [
                "project_id": project.id, "kind": input.kind.rawValue, "amount_fen": input.amount.value,
                "issuer": input.issuer, "document_number": input.documentNumber, "effective_on": input.effective.iso,
                "ends_on": input.ends?.iso, "validity_override": override,
            ], reason: override)
            return try Self.fetchGuaranteeDetail(db, id: id, asOf: today)
        }
    }

    /// Adds an event; refuses what the guarantee's history does not allow (drawing more than the balance,
    /// renewing cash, anything after it was returned, dates out of order).
    /// `expect` runs inside the transaction on the guarantee's events as they stand (the HTTP service checks
    /// If-Match there: a guarantee's tag is that of its history).
    public func recordGuaranteeEvent(_ input: NewGuaranteeEvent, actor: String,
                                     expect: ([GuaranteeEvent]) throws -> Void = { _ in }) throws -> GuaranteeDetail {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let detail = try Self.fetchGuaranteeDetail(db, id: input.guaranteeID, asOf: input.date)
            try expect(detail.events)
            let project = try Self.fetchProject(db, .id(detail.guarantee.projectID), employerID: nil)
            let rule = GuaranteeRule.inForce(try Self.fetchRules(db), regionCode: project.regionCode,
                                             on: project.depositCountsFrom?.date ?? input.date) ?? .nationalDefault
            try GuaranteeEventRules.check(input, guarantee: detail.guarantee, events: detail.events,
                                          state: detail.state, projectStatus: project.status, rule: rule, today: today)
            // A replacement letter is a letter handed in: Art. 17 as for a new one, or a reason kept with it.
            var note = input.note
            var overrideReason: String?
            if input.kind == .replaced, let newEnds = input.newEnds,
               let shortfall = NewGuarantee.validityProblem(kind: detail.guarantee.kind, effective: input.date,
                                                            ends: newEnds, project: project) {
                guard let reason = input.validityOverride else { throw shortfall }
                overrideReason = reason
                note = [input.note, "有效期例外：\(reason)"].compactMap { $0 }.joined(separator: "；")
            }
            var paidCases: [(wageCase: WageCase, amount: Fen)] = []
            let shares = try RecoveryRules.split(draw: input.amount ?? .zero,
                                                 over: input.cases.map { ($0.reference, $0.amount) })
            for (drawn, share) in zip(input.cases, shares) {
                let wageCase = try Self.fetchCase(db, drawn.reference)
                let projectID = try Int64.fetchOne(db, cached: "SELECT project_id FROM clue WHERE id = ?",
                                                   arguments: [wageCase.clueID])
                if projectID != detail.guarantee.projectID {
                    throw WagecaseError.invalidField(
                        field: "case", value: drawn.reference.text, reason: "is not a case on \(detail.projectName)",
                        allowed: "cases from clues about project #\(detail.guarantee.projectID)")
                }
                _ = try RecoveryRules.check(wageCase, amount: share, paid: input.date, route: .guaranteeDraw,
                                            today: today, force: false, viaDraw: true)
                paidCases.append((wageCase, share))
            }
            let caseIDs = paidCases.map(\.wageCase.id)
            try db.execute(
                cached: """
                    INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, notice_number, new_ends_on,
                                                 new_document, note, actor, created_at, order_number, order_due_on,
                                                 paid_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [input.guaranteeID, input.kind.rawValue, input.date.iso, input.amount?.value,
                            input.noticeNumber, input.newEnds?.iso, input.newDocument, note, actor, audit.at,
                            input.orderNumber, input.orderDue?.iso, input.paidOn?.iso])
            let eventID = db.lastInsertedRowID
            for caseID in caseIDs {
                try db.execute(cached: "INSERT INTO guarantee_draw_case (event_id, case_id) VALUES (?, ?)",
                               arguments: [eventID, caseID])
            }
            // What the draw paid each worker is recovered on that worker's case, in the same transaction.
            for (wageCase, share) in paidCases {
                _ = try Self.insertRecovery(
                    db, audit: audit, wageCase: wageCase,
                    try NewRecovery(caseReference: CaseReference("#\(wageCase.id)"), amount: share, paid: input.date,
                                    route: .guaranteeDraw, payer: detail.guarantee.issuer ?? "农民工工资保证金",
                                    note: input.note ?? input.noticeNumber.map { "支付通知书 \($0)" }),
                    forced: false, actor: actor)
            }
            try audit.record(.insert, table: "guarantee_event", id: eventID, after: [
                "guarantee_id": input.guaranteeID, "kind": input.kind.rawValue, "on_date": input.date.iso,
                "amount_fen": input.amount?.value, "notice_number": input.noticeNumber,
                "new_ends_on": input.newEnds?.iso, "new_document": input.newDocument, "note": note,
                "case_ids": caseIDs.map(String.init).joined(separator: ","), "order_number": input.orderNumber,
                "order_due_on": input.orderDue?.iso, "paid_on": input.paidOn?.iso,
            ], reason: overrideReason)
            return try Self.fetchGuaranteeDetail(db, id: input.guaranteeID, asOf: max(today, input.date))
        }
    }
}

// MARK: - Reads

extension AppDatabase {
    public func guaranteeDetail(_ id: Int64, asOf: LocalDate? = nil) throws -> GuaranteeDetail {
        let asOf = asOf ?? today
        return try read { db in try Self.fetchGuaranteeDetail(db, id: id, asOf: asOf) }
    }

    /// Guarantees with their state on `asOf`, optionally of one project.
    public func guarantees(project: ProjectReference? = nil, asOf: LocalDate? = nil, limit: Int = 100,
                           afterID: Int64 = 0) throws -> [GuaranteeDetail] {
        let asOf = asOf ?? today
        return try read { db in
            let projectID = try project.map { try Self.fetchProject(db, $0, employerID: nil).id }
            let ids = try Int64.fetchAll(
                db, cached: "SELECT id FROM guarantee WHERE id > ? AND (? IS NULL OR project_id = ?) ORDER BY id LIMIT ?",
                arguments: [afterID, projectID, projectID, limit])
            return try ids.map { try Self.fetchGuaranteeDetail(db, id: $0, asOf: asOf) }
        }
    }

    static func fetchGuaranteeDetail(_ db: Database, id: Int64, asOf: LocalDate) throws -> GuaranteeDetail {
        guard let row = try Row.fetchOne(
            db, cached: "SELECT g.*, p.name AS project_name FROM guarantee g JOIN project p ON p.id = g.project_id WHERE g.id = ?",
            arguments: [id])
        else { throw WagecaseError.notFound(entity: "guarantee", key: "#\(id)") }
        let guarantee = try Guarantee(row: row)
        let events = try Row.fetchAll(
            db, cached: "\(GuaranteeEvent.selection) WHERE ge.guarantee_id = ? ORDER BY ge.on_date, ge.id",
            arguments: [id]
        ).map(GuaranteeEvent.init(row:))
        return GuaranteeDetail(guarantee: guarantee, projectName: (try row.decode(forColumn: "project_name")),
                               state: GuaranteeState.derive(guarantee, events: events, asOf: asOf),
                               events: events, asOf: asOf)
    }
}
