/// Every method name of the Verto protocol (compat §1.5 client → server, §1.6 server → client).
public enum VertoMethod: String, Sendable, Hashable, CaseIterable {
    case login
    case invite = "verto.invite"
    case answer = "verto.answer"
    case media = "verto.media"
    case bye = "verto.bye"
    case info = "verto.info"
    case modify = "verto.modify"
    case display = "verto.display"
    case attach = "verto.attach"
    case subscribe = "verto.subscribe"
    case unsubscribe = "verto.unsubscribe"
    case broadcast = "verto.broadcast"
    case ping = "verto.ping"
    case punt = "verto.punt"
    case clientReady = "verto.clientReady"
    case event = "verto.event"
    case prompt = "verto.prompt"
    case mediaParams = "verto.mediaParams"
    case announce = "verto.announce"
    case jsapi
    case fsapi
    case echo

    /// Methods a client may call (§1.5).
    public var isClientToServer: Bool {
        switch self {
        case .login, .invite, .answer, .bye, .info, .modify, .attach, .subscribe, .unsubscribe, .broadcast, .ping,
            .jsapi, .fsapi, .echo:
            true
        case .media, .display, .punt, .clientReady, .event, .prompt, .mediaParams, .announce:
            false
        }
    }
}
