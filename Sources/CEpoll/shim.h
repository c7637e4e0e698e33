/* CEpoll: what the RTP read loops (and the WebRTCLoad generator) need of Linux that Glibc's Swift module does
 * not carry: epoll(7), and naming a thread. */
#ifndef SWITCHBOARD_CEPOLL_SHIM_H
#define SWITCHBOARD_CEPOLL_SHIM_H
#ifdef __linux__
#include <pthread.h>
#include <sys/epoll.h>

/* glibc declares pthread_setname_np only under _GNU_SOURCE, and defining that here would change the system
 * headers' definitions (fd_set) against the other C modules that include them: declare it instead. */
extern int pthread_setname_np(pthread_t thread, const char *name);

/* Names the calling thread (at most 15 characters are kept), as top -H and perf show it. */
static inline int shim_name_this_thread(const char *name) { return pthread_setname_np(pthread_self(), name); }
#endif
#endif
