// The few spots where Glibc and Darwin spell the socket API differently. The generator is run on Linux
// (`make bench`); the Darwin branches only keep `swift build` working there and have not been run.
#if canImport(Glibc)
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
