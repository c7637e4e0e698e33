/* CEpoll: epoll(7) for the RTP read loops and the WebRTCLoad generator (Glibc's Swift module does not carry sys/epoll.h). */
#ifndef SWITCHBOARD_CEPOLL_SHIM_H
#define SWITCHBOARD_CEPOLL_SHIM_H
#ifdef __linux__
#include <sys/epoll.h>
#endif
#endif
