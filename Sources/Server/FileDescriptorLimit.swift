#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each call holds two UDP sockets (RTP and RTCP) besides the SIP connections, so a default soft limit of 1,024
/// descriptors caps the server near 500 calls. At start the soft limit is raised to the hard limit, as
/// FreeSWITCH does.
enum FileDescriptorLimit {
    /// Returns the soft limit in force afterwards.
    @discardableResult
    static func raiseToHardLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return UInt64(raised.rlim_cur) }
        }
        return UInt64(limit.rlim_cur)
    }
}
