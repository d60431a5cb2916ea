import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /meetings: joint meetings, latest first, with the form that records one and its decisions (each line a task);
/// /meetings/{id}: the meeting, its minutes and the tasks it decided, and a form to add a decision as a task.
struct MeetingPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("meetings", use: list)
        router.post("meetings", use: add)
        router.get("meetings/:id", use: show)
        router.post("meetings/:id/tasks", use: addDecision)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await listPage(request, context)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        let meetings = try await store.meetings(limit: 500).filter { JointWorkAccess.sees($0.units.map(\.id), visible: visible) }
        let units = try await store.units()
        let chosen = Set(context.form.all("units"))
        var data: [String: Any] = [
            "meetings": meetings.map { m -> [String: Any] in
                ["href": "/meetings/\(m.id)", "held": m.held.iso, "name": m.name(language), "kind": m.kind.label(language),
                 "units": m.units.map(\.name).joined(separator: language == .zh ? "、" : ", "), "tasks": m.taskIDs.count]
            },
            "kinds": MeetingKind.allCases.map { ["value": $0.rawValue, "label": $0.label(language)] },
            "allUnits": units.map { ["id": $0.id, "name": $0.name, "checked": chosen.contains(String($0.id))] },
            "mayAdd": user.role.may(.coordinateJointWork) && !units.isEmpty,
            "held": LocalDate.today().iso, "addProblems": [String](),
        ]
        if let problems {
            data["addProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
            data["held"] = context.form["held"] ?? LocalDate.today().iso
        }
        return WebPage.render("meetings", title: "Joint meetings", data, context: context, request: request, status: status)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .coordinateJointWork)
        let form = context.form
        let meeting: JointMeeting
        do {
            // Each line of the decisions box: TASK|UNIT|OWNER|DUE.
            let decisions = try (form["decisions"] ?? "").split(whereSeparator: \.isNewline)
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { d throws(WagecaseError) in try MeetingDecision.parse(d) }
            let input = try NewMeeting(
                held: try LocalDate.parse(form["held"] ?? "", field: "on"),
                kind: try MeetingKind.parse(form["kind"] ?? "", field: "kind"), title: form["title"],
                units: form.all("units").map { "#" + $0 }, minutes: form["minutes"], decisions: decisions)
            meeting = try await store.addMeeting(input, actor: user.name).meeting
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await listPage(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/meetings/\(meeting.id)", notice: "meeting-added")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let meeting = try await pathRecord { try await store.meeting(id: id) }
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        guard JointWorkAccess.sees(meeting.units.map(\.id), visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        let today = LocalDate.today()
        let tasks = try await store.tasks(TaskFilter(meetingID: id, visibleUnits: visible, asOf: today, limit: 10_000))
        var data: [String: Any] = [
            "id": id, "name": meeting.name(language), "held": meeting.held.iso, "kind": meeting.kind.label(language),
            "units": meeting.units.map { ["name": $0.name, "href": "/units/\($0.id)"] },
            "minutes": meeting.minutes ?? "", "minutesFile": meeting.minutesFile ?? "",
            "tasks": JointWorkPages.table(tasks.map { JointWorkPages.taskRow($0, today: today, language: language) }),
            "allUnits": try await store.units().map { ["id": $0.id, "name": $0.name] },
            "mayAdd": user.role.may(.coordinateJointWork), "addProblems": [String](),
        ]
        if let problems {
            data["addProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("meeting", title: Phrase.verbatim(meeting.name(language)), data, context: context,
                              request: request, status: status)
    }

    @Sendable func addDecision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .coordinateJointWork)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.meeting(id: id) }
        let form = context.form
        do {
            _ = try await store.addTask(try NewTask(
                title: form["title"] ?? "", unit: try form.unitReference("unit"), owner: form["owner"] ?? "",
                due: try LocalDate.parse(form["due"] ?? "", field: "due"), source: .jointMeeting, meetingID: id),
                actor: user.name)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/meetings/\(id)", notice: "task-added")
    }
}
