import Foundation

extension ChannelListing {
    /// Columns of FreeSWITCH's `show registrations`.
    public static let registrationColumns = [
        "reg_user", "realm", "token", "url", "expires", "network_ip", "network_port", "network_proto", "hostname",
        "metadata",
    ]

    /// `show registrations` (CSV, then `N total.`), ordered by user, realm and contact.
    public func registrations(_ bindings: [Registration]) -> String {
        csv(Self.registrationColumns, registrationRows(bindings))
    }

    /// `show registrations as json`.
    public func registrationsJSON(_ bindings: [Registration]) -> String {
        json(Self.registrationColumns, registrationRows(bindings))
    }

    /// One row per binding: `token` is the REGISTER's Call-ID, `expires` the epoch second it lapses, `metadata` the
    /// device's User-Agent. Commas in caller-supplied text would break the CSV, so they become spaces.
    public func registrationRows(_ bindings: [Registration]) -> [[String]] {
        bindings
            .sorted { ($0.user, $0.domain, $0.contact) < ($1.user, $1.domain, $1.contact) }
            .map { binding in
                [
                    binding.user, binding.domain, binding.callID, binding.contact,
                    String(Int64(binding.expires.timeIntervalSince1970.rounded(.down))), binding.sourceHost,
                    String(binding.sourcePort), binding.transport, hostname, binding.userAgent ?? "",
                ].map { $0.replacingOccurrences(of: ",", with: " ") }
            }
    }
}
