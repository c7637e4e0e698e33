/* CSRTP: libsrtp2 for the SRTP target. */
#ifndef SWITCHBOARD_CSRTP_SHIM_H
#define SWITCHBOARD_CSRTP_SHIM_H
#include <srtp2/srtp.h>
#include <srtp2/cipher.h>
#include <srtp2/auth.h>

/* Exported by libsrtp2 but declared only in its private crypto headers: the
 * AES-ICM (RFC 3711 §4.1.1 AES-CM) cipher type srtp_protect itself uses. */
extern const srtp_cipher_type_t srtp_aes_icm_128;

static inline const srtp_cipher_type_t *shim_srtp_aes_icm_128(void) { return &srtp_aes_icm_128; }
/* Likewise the AEAD_AES_128_GCM cipher (RFC 7714) srtp_protect uses for the GCM profile. */
extern const srtp_cipher_type_t srtp_aes_gcm_128;
static inline const srtp_cipher_type_t *shim_srtp_aes_gcm_128(void) { return &srtp_aes_gcm_128; }
static inline int shim_srtp_max_trailer_len(void) { return SRTP_MAX_TRAILER_LEN; }
/* srtp_protect_rtcp also appends the 4-octet E||SRTCP index (RFC 3711 §3.4). */
static inline int shim_srtp_max_srtcp_trailer_len(void) { return SRTP_MAX_TRAILER_LEN + 4; }
#endif
