import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /tasks: the joint task list as a board — overdue, in progress, closed — with the form that sets a task;
/// /tasks/{id}: one task, its progress, and the forms that report progress, close it with a result, or move its
/// deadline with a reason. Nothing is deleted.
struct TaskPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("tasks", use: board)
        router.post("tasks", use: add)
        router.get("tasks/:id", use: show)
        router.post("tasks/:id/progress", use: progress)
        router.post("tasks/:id/close", use: close)
        router.post("tasks/:id/extend", use: extend)
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await boardPage(request, context)
    }

    private func boardPage(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        let units = try await store.units()
        let unitID = request.uri.queryParameters["unit"].flatMap { Int64(String($0)) }
            .flatMap { id in units.contains { $0.id == id } ? id : nil }
        let today = LocalDate.today()
        let tasks = try await store.tasks(TaskFilter(unit: unitID.map { "#\($0)" }, visibleUnits: visible, asOf: today,
                                                     limit: 10_000))
        func column(_ status: TaskStatus, last: Int = .max) -> Any {
            JointWorkPages.table(Array(tasks.filter { $0.status(asOf: today) == status }
                .map { JointWorkPages.taskRow($0, today: today, language: language) }.suffix(last)))
        }
        var data: [String: Any] = [
            "overdue": column(.overdue), "open": column(.open), "closed": column(.closed, last: 50),
            "units": units.filter { JointWorkAccess.sees([$0.id], visible: visible) }
                .map { ["id": $0.id, "name": $0.name, "selected": $0.id == unitID] },
            "allUnits": units.map { ["id": $0.id, "name": $0.name] },
            "sources": TaskSource.allCases.filter { $0 != .jointMeeting }.map { ["value": $0.rawValue, "label": $0.label(language)] },
            "mayAdd": user.role.may(.coordinateJointWork) && !units.isEmpty, "addProblems": [String](),
        ]
        if let problems {
            data["addProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("tasks", title: "Task list", data, context: context, request: request, status: status)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .coordinateJointWork)
        let form = context.form
        let task: JointTask
        do {
            let source = try form["source"].map { s throws(WagecaseError) in try TaskSource.parse(s, field: "source") }
            task = try await store.addTask(try NewTask(
                title: form["title"] ?? "", unit: try form.unitReference("unit"), owner: form["owner"] ?? "",
                due: try LocalDate.parse(form["due"] ?? "", field: "due"), source: source), actor: user.name)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await boardPage(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/tasks/\(task.id)", notice: "task-added")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil, form: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let task = try await pathRecord { try await store.task(id: id) }
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        guard JointWorkAccess.sees([task.unit.id], visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        let today = LocalDate.today()
        let taskStatus = task.status(asOf: today)
        let mayAnswer = task.closed == nil && JointWorkAccess.mayAnswer(user.role, unit: task.unit.id, visible: visible)
        var data: [String: Any] = [
            "id": id, "taskTitle": task.title, "unit": task.unit.name, "unitHref": "/units/\(task.unit.id)", "owner": task.owner,
            "due": task.due.iso, "source": task.source.label(language),
            "meeting": task.meetingID.map { ["href": "/meetings/\($0)", "id": $0] as Any } ?? false,
            "status": taskStatus.label(language), "overdue": taskStatus == .overdue,
            "closedOn": task.closed?.iso ?? "", "result": task.result ?? "",
            "progress": task.progress.map { ["on": $0.on.iso, "text": $0.text, "by": $0.recordedBy] },
            "mayAnswer": mayAnswer, "mayExtend": task.closed == nil && user.role.may(.coordinateJointWork),
            "today": today.iso, "progressProblems": [String](), "closeProblems": [String](), "extendProblems": [String](),
        ]
        if let problems, let form {
            data[form + "Problems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("task", title: "Task \(String(id))", data, context: context, request: request, status: status)
    }

    private func answerable(_ request: Request, _ context: AppRequestContext) async throws -> (APIUser, Int64) {
        let user = try context.pageUser(request, allowedTo: .answerJointWork)
        let id = try context.parameters.require("id", as: Int64.self)
        let task = try await pathRecord { try await store.task(id: id) }
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        guard JointWorkAccess.mayAnswer(user.role, unit: task.unit.id, visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        return (user, id)
    }

    private func refused(_ error: any Refusal, _ request: Request, _ context: AppRequestContext, form: String) async throws
        -> Response {
        let problem = Problem.from(error, method: .post, language: context.language)
        return try await page(request, context, problems: problem.errors, form: form, status: .init(code: problem.status))
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, id) = try await answerable(request, context)
        do {
            let on = try LocalDate.parse(context.form["on"] ?? "", field: "on")
            _ = try await store.recordTaskProgress(id: id, on: on, text: context.form["text"] ?? "", actor: user.name) { _ in }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "progress")
        }
        return WebPage.redirect("/tasks/\(id)", notice: "task-progress")
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, id) = try await answerable(request, context)
        do {
            let on = try LocalDate.parse(context.form["on"] ?? "", field: "on")
            _ = try await store.closeTask(id: id, on: on, result: context.form["result"] ?? "", actor: user.name) { _ in }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "close")
        }
        return WebPage.redirect("/tasks/\(id)", notice: "task-closed")
    }

    @Sendable func extend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .coordinateJointWork)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.task(id: id) }
        do {
            let due = try LocalDate.parse(context.form["due"] ?? "", field: "due")
            _ = try await store.extendTask(id: id, to: due, reason: context.form["reason"] ?? "", actor: user.name) { _ in }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "extend")
        }
        return WebPage.redirect("/tasks/\(id)", notice: "task-extended")
    }
}
