/// An SDP line type this model does not give a dedicated property (`u=`, `e=`, `p=`, `r=`, `z=`, `k=`),
/// kept verbatim in its position class.
public struct SDPField: Hashable, Sendable {
    public var type: Character
    public var value: String

    public init(type: Character, value: String) {
        self.type = type
        self.value = value
    }
}
