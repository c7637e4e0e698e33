import SwitchCore

/// A `SessionContext` that can list all its variables, for the `info` application. `SessionContext` has no
/// listing; contexts that do not conform get only their caller-profile fields logged.
public protocol ChannelVariableListing: Sendable {
    func channelVariables() async -> ChannelVariables
}

extension Session: ChannelVariableListing {
    public func channelVariables() async -> ChannelVariables {
        snapshot().variables
    }
}
