/// Direction of a leg as seen from the switch (FreeSWITCH `Call-Direction`): inbound legs called us.
public enum CallDirection: String, Sendable, Hashable {
    case inbound
    case outbound
}
