import Hummingbird
import HummingbirdAuth
import WagecaseCore
import WagecaseStore

/// The per-request context: Hummingbird's core storage, the authenticated user, and a request id for the logs.
public struct AppRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: APIUser?
    /// On the web pages: the signed-in browser's session, the reader's language and the posted form.
    public var session: WebSession?
    public var language: Language = .zh
    var form = FormData()
    /// The file of a posted upload (the import page).
    var upload: MultipartForm.File?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Bodies larger than 1 MiB are refused with 413 before they are read.
    public var maxUploadSize: Int { APIBody.maxSize }

    /// The authenticated user allowed `permission`: 401 without a valid token, 403 with the wrong role.
    func user(allowedTo permission: Permission) throws -> APIUser {
        guard let user = identity else { throw APIError.unauthorized }
        guard user.role.may(permission) else { throw APIError.forbidden(role: user.role, permission: permission) }
        return user
    }
}
