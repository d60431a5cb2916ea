import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WagecaseCore
import WagecaseStore

/// Renders a page: the template with what every page shows (language, the signed-in user, the form token, the
/// menu for the role) and the response headers pages carry.
enum WebPage {
    static func render(_ template: String, title: Phrase, _ data: [String: Any], context: AppRequestContext,
                       request: Request, status: HTTPResponse.Status = .ok) -> Response {
        let language = context.language
        var page = withoutBlanks(data)
        page["title"] = title.text(language)
        if let session = context.session {
            page["user"] = ["name": session.user.name, "role": session.user.role.label(language)]
            page["csrf"] = session.csrfToken
            page["nav"] = menu(for: session.user.role, path: request.uri.path, language: language)
        }
        if let code = request.uri.queryParameters["notice"], let notice = notices[String(code)] {
            page["pageNotice"] = notice.text(language)
        }
        let other: Language = language == .zh ? .en : .zh
        page["otherLanguage"] = ["href": "\(request.uri.path)?lang=\(other.rawValue)",
                                 "label": other == .en ? "English" : "中文", "tag": other.tag]
        let html = WebTemplates.render(template, page, language: language)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentLanguage: language.tag,
                                   .cacheControl: "no-store"]
        headers[.contentLength] = String(html.utf8.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The data with every empty text left out, at any depth: a section `{{#note}}` then shows only when there is
    /// a note (Mustache counts "" as present). A key left out is looked up in the data around it, so a row's
    /// optional key must not share its name with a key of the page (the guarantee page's events say
    /// `eventAmount`, not `amount`).
    static func withoutBlanks(_ data: [String: Any]) -> [String: Any] {
        data.compactMapValues(blankless)
    }

    private static func blankless(_ value: Any) -> Any? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let dictionary as [String: Any]: withoutBlanks(dictionary)
        case let dictionary as [String: String]: dictionary.filter { !$0.value.isEmpty }
        case let rows as [[String: Any]]: rows.map(withoutBlanks)
        case let rows as [[String: String]]: rows.map { $0.filter { !$0.value.isEmpty } }
        default: value
        }
    }

    /// What a page says after a change, by the code its redirect names (no user text travels in a URL).
    static let notices: [String: Phrase] = [
        "signed-out": "You have signed out.",
        "clue-added": "The clue is recorded.",
        "clue-merged": "The claim was merged into the clue already on record.",
        "clue-screened": "The clue is under screening.",
        "clue-rejected": "The clue is rejected.",
        "clue-referred": "The clue is referred.",
        "cases-opened": "The cases are open.",
        "case-advanced": "The case has moved to its new stage.",
        "case-assigned": "The case's handling prosecutor is recorded.",
        "case-corrected": "The correction is recorded with its reason.",
        "case-move-withdrawn": "The latest move is withdrawn; the audit log keeps it with the reason.",
        "case-reopened": "The case is reopened.",
        "recovery-recorded": "The recovery is recorded.",
        "activity-recorded": "The activity is recorded on the case.",
        "record-corrected": "The correction is recorded with its reason.",
        "recovery-reversed": "The payment is reversed by a balancing entry; both stay on the case.",
        "guarantee-event-recorded": "The guarantee event is recorded.",
        "suggestion-replied": "The reply is recorded.",
        "document-made": "The document is made, numbered and recorded; download it below.",
        "document-voided": "The document is void; it keeps its number.",
        "attachment-added": "The evidence file is kept with the case.",
        "attachment-removed": "The evidence file is taken off the case; the audit log keeps it with the reason.",
        "lead-accepted": "The lead is now this clue, with the data it rests on.",
        "lead-dismissed": "The lead is dismissed with the reason.",
        "report-submitted": "The monthly report is submitted.",
        "referral-added": "The referral is recorded; its reply is due on the date shown.",
        "referral-replied": "The reply is recorded.",
        "referral-feedback": "The feedback to the petitioner is recorded.",
        "referral-clue-made": "The referral is now this clue; the referral follows it to its outcome.",
        "task-added": "The task is on the list.",
        "task-progress": "The progress is recorded.",
        "task-closed": "The task is closed with its result.",
        "task-extended": "The new deadline is recorded with its reason.",
        "meeting-added": "The meeting is recorded, its decisions on the task list.",
    ]

    /// After a change: see the record (POST, redirect, GET), with a notice the page knows by its code.
    static func redirect(_ location: String, notice: String? = nil) -> Response {
        // The notice goes in the query, before any #fragment (a fragment never reaches the server).
        let parts = location.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]), fragment = parts.count > 1 ? "#" + parts[1] : ""
        let target = notice.map { path + (path.contains("?") ? "&" : "?") + "notice=\($0)" + fragment } ?? location
        return Response(status: .seeOther, headers: [.location: target])
    }

    struct MenuItem: Sendable { let path: String; let label: Phrase; let shown: @Sendable (Role) -> Bool }

    static let menuItems: [MenuItem] = [
        MenuItem(path: "/", label: "Overview", shown: { _ in true }),
        MenuItem(path: "/clues", label: "Wage clues", shown: { $0.seesCaseData }),
        MenuItem(path: "/cases", label: "Cases", shown: { $0.seesCaseData }),
        MenuItem(path: "/workers", label: "Migrant workers", shown: { $0.seesCaseData }),
        MenuItem(path: "/employers", label: "Employers", shown: { $0 != .admin }),
        MenuItem(path: "/guarantees", label: "Guarantees", shown: { $0 != .admin }),
        MenuItem(path: "/suggestions", label: "Suggestions", shown: { $0 != .admin }),
        MenuItem(path: "/leads", label: "Data-matching leads", shown: { $0.seesCaseData || $0 == .labor }),
        MenuItem(path: "/joint", label: "Joint work", shown: { $0 != .admin }),
        MenuItem(path: "/digest", label: "Digest", shown: { $0.seesCaseData }),
        MenuItem(path: "/import", label: "Import", shown: { $0 == .prosecutor || $0 == .labor }),
        MenuItem(path: "/audit", label: "Audit log", shown: { $0.may(.readAudit) }),
        MenuItem(path: "/users", label: "Users", shown: { $0.may(.administer) }),
    ]

    /// The menu's <li>s for a role, the current page marked, as HTML.
    static func menu(for role: Role, path: String, language: Language) -> String {
        (menuLinks[role]?[language] ?? []).map { link in
            let current = link.path == "/" ? path == "/" : path == link.path || path.hasPrefix(link.path + "/")
            return current ? link.current : link.plain
        }.joined()
    }

    /// Each role's menu in each language, written once: every page shows one.
    private static let menuLinks: [Role: [Language: [(path: String, plain: String, current: String)]]] =
        Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
            (role, Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
                (language, menuItems.filter { $0.shown(role) }.map { item in
                    let label = HTML.escape(item.label.text(language))
                    return (item.path, "<li><a href=\"\(item.path)\">\(label)</a></li>",
                            "<li><a href=\"\(item.path)\" aria-current=\"page\">\(label)</a></li>")
                })
            }))
        })

    /// An error as a page in the reader's language: the refusal's own status and words.
    static func error(_ error: any Error, request: Request, context: AppRequestContext) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case let error as WebError:
            (status, message) = (error.status, error.message(context.language))
        case let error as UnreadableUpload:
            (status, message) = (.unprocessableContent, error.message(context.language))
        default:
            let problem = Problem.from(error, method: request.method, language: context.language)
            (status, message) = (.init(code: problem.status), problem.detail)
        }
        let title: Phrase = switch status.code {
        case 403: "Not allowed"
        case 404: "Not found"
        case 400..<500: "Cannot do this"
        default: "Something went wrong"
        }
        return render("error", title: title, ["message": message, "status": status.code], context: context,
                      request: request, status: status)
    }

    /// What every page response carries: nothing from elsewhere, no framing, no sniffing, no referrer outside.
    static func addSecurityHeaders(_ headers: inout HTTPFields) {
        if headers[.contentDisposition]?.hasPrefix("attachment") == true {
            // A downloaded digest is a file with its own inline style and nothing that runs.
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        } else {
            headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                + "form-action 'self'; base-uri 'none'; object-src 'none'"
        }
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        headers[.xFrameOptions] = "DENY"
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}

extension AppRequestContext {
    /// The signed-in user; without a session, a redirect to the sign-in page that comes back here.
    func pageUser(_ request: Request) throws -> APIUser {
        guard let user = session?.user else {
            let back = request.uri.path == "/" ? "" : "?next=" + (request.uri.path.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?&#"))) ?? "/")
            throw WebRedirect(location: "/login" + back)
        }
        return user
    }

    /// The signed-in user, allowed `permission` (403 otherwise).
    func pageUser(_ request: Request, allowedTo permission: Permission) throws -> APIUser {
        let user = try pageUser(request)
        guard user.role.may(permission) else { throw APIError.forbidden(role: user.role, permission: permission) }
        return user
    }

    /// The signed-in user, whose role is shown case files (prosecutors and viewers).
    func caseReader(_ request: Request) throws -> APIUser {
        let user = try pageUser(request)
        guard user.role.seesCaseData else { throw APIError.forbidden(role: user.role, permission: .readCases) }
        return user
    }
}
