/* COpus: libopus for the Media target. opus_encoder_ctl is variadic and its
 * requests are macros, so each request Swift needs gets one wrapper. */
#ifndef SWITCHBOARD_COPUS_SHIM_H
#define SWITCHBOARD_COPUS_SHIM_H
#include <opus.h>

static inline int shim_opus_set_bitrate(OpusEncoder *e, opus_int32 bps) { return opus_encoder_ctl(e, OPUS_SET_BITRATE(bps)); }
static inline int shim_opus_get_bitrate(OpusEncoder *e, opus_int32 *bps) { return opus_encoder_ctl(e, OPUS_GET_BITRATE(bps)); }
static inline int shim_opus_set_complexity(OpusEncoder *e, opus_int32 c) { return opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(c)); }
static inline int shim_opus_get_complexity(OpusEncoder *e, opus_int32 *c) { return opus_encoder_ctl(e, OPUS_GET_COMPLEXITY(c)); }
static inline int shim_opus_set_inband_fec(OpusEncoder *e, opus_int32 on) { return opus_encoder_ctl(e, OPUS_SET_INBAND_FEC(on)); }
static inline int shim_opus_set_packet_loss_perc(OpusEncoder *e, opus_int32 p) { return opus_encoder_ctl(e, OPUS_SET_PACKET_LOSS_PERC(p)); }
static inline int shim_opus_set_dtx(OpusEncoder *e, opus_int32 on) { return opus_encoder_ctl(e, OPUS_SET_DTX(on)); }
static inline int shim_opus_set_max_bandwidth(OpusEncoder *e, opus_int32 bw) { return opus_encoder_ctl(e, OPUS_SET_MAX_BANDWIDTH(bw)); }
#endif
