// The few spots where Glibc and Darwin spell the socket API differently. The generator is run on Linux
// (`make bench`); the Darwin branches only keep `swift build` working there and have not been run.
#if canImport(Glibc)
import CEpoll
import Glibc

let streamSocketType = Int32(SOCK_STREAM.rawValue)
let datagramSocketType = Int32(SOCK_DGRAM.rawValue)
/// No SIGPIPE when the peer closed the connection.
let sendFlags = Int32(MSG_NOSIGNAL)

func closeDescriptor(_ fd: Int32) { _ = Glibc.close(fd) }
func sendBytes(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int { Glibc.send(fd, buffer.baseAddress, buffer.count, sendFlags) }

func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
#elseif canImport(Darwin)
import Darwin

let streamSocketType = SOCK_STREAM
let datagramSocketType = SOCK_DGRAM
let sendFlags: Int32 = 0

func closeDescriptor(_ fd: Int32) { _ = Darwin.close(fd) }
func sendBytes(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int { Darwin.send(fd, buffer.baseAddress, buffer.count, sendFlags) }

func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
#endif

/// The calls' sockets the media thread waits on. On Linux an epoll set: a wait costs the same with 10 or 300
/// sockets, where poll(2) walks every descriptor on each 1 ms wake-up (a sixth of the generator's CPU at 150
/// calls). Elsewhere plain poll(2).
struct ReadySockets: ~Copyable {
    #if canImport(Glibc)
    private let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    private var events = [epoll_event](repeating: epoll_event(), count: 256)

    /// Watches `fd` for input; `token` comes back from `wait` when it is readable.
    mutating func add(_ fd: Int32, token: Int) {
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: UInt64(token)))
        _ = epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event)
    }

    /// The tokens of the readable sockets, waiting at most `milliseconds`.
    mutating func wait(milliseconds: Int32) -> [Int] {
        let count = epoll_wait(epoll, &events, Int32(events.count), milliseconds)
        return count > 0 ? events[0..<Int(count)].map { Int($0.data.u64) } : []
    }

    deinit { closeDescriptor(epoll) }
    #else
    private var set: [pollfd] = []

    mutating func add(_ fd: Int32, token: Int) {
        precondition(token == set.count, "poll tokens are the order of registration")
        set.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
    }

    mutating func wait(milliseconds: Int32) -> [Int] {
        guard poll(&set, nfds_t(set.count), milliseconds) > 0 else { return [] }
        return set.indices.filter { set[$0].revents != 0 }
    }
    #endif
}
