/* CEpoll: what the RTP read loops (and the WebRTCLoad generator) need of Linux that Glibc's Swift module does
 * not carry: epoll(7), and naming a thread (pthread_setname_np is a GNU extension). */
#ifndef SWITCHBOARD_CEPOLL_SHIM_H
#define SWITCHBOARD_CEPOLL_SHIM_H
#ifdef __linux__
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sys/epoll.h>

/* Names the calling thread (at most 15 characters are kept), as top -H and perf show it. */
static inline int shim_name_this_thread(const char *name) { return pthread_setname_np(pthread_self(), name); }
#endif
#endif
