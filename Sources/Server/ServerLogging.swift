import Logging

/// Structured logs on stderr; call/transaction ids travel in metadata.
enum ServerLogging {
    static func bootstrap(level parsed: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return handler
        }
        var logger = Logger(label: "switchboard")
        logger.logLevel = parsed
        return logger
    }
}
