/* COpenSSL: OpenSSL 3 for the DTLS target. Wrappers for macros and variadic
 * functions Swift cannot import. */
#ifndef SWITCHBOARD_COPENSSL_SHIM_H
#define SWITCHBOARD_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/bn.h>
#include <openssl/rand.h>

/* EVP_EC_gen is a macro over the variadic EVP_PKEY_Q_keygen. */
static inline EVP_PKEY *shim_EVP_EC_gen_p256(void) { return EVP_EC_gen("P-256"); }
/* BIO_get_mem_data is a BIO_ctrl macro. */
static inline long shim_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }

/* DTLS-SRTP engine (Sources/DTLS/DTLSAssociation*.swift): ctrl macros as functions. */
static inline int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
/* SSL_OP_BIT(12): do not ask the BIO for the path MTU; use DTLS_set_link_mtu instead. */
static inline uint64_t shim_SSL_OP_NO_QUERY_MTU(void) { return SSL_OP_NO_QUERY_MTU; }
/* SSL_OP_BIT(14): no session tickets (WebRTC never resumes a DTLS session). */
static inline uint64_t shim_SSL_OP_NO_TICKET(void) { return SSL_OP_NO_TICKET; }
static inline int shim_DTLS_set_link_mtu(SSL *ssl, long mtu) { return (int)DTLS_set_link_mtu(ssl, mtu); }
/* 1 and the time left in *left when a retransmission timer runs; 0 when none does. */
static inline int shim_DTLSv1_get_timeout(SSL *ssl, struct timeval *left) { return (int)DTLSv1_get_timeout(ssl, left); }
/* 1 after retransmitting (OpenSSL's own clock says the timer expired), 0 if not due, -1 on failure. */
static inline int shim_DTLSv1_handle_timeout(SSL *ssl) { return (int)DTLSv1_handle_timeout(ssl); }
/* An empty read BIO reports "retry" (-1 + BIO_FLAGS_SHOULD_RETRY) rather than end of file. */
static inline int shim_BIO_set_mem_eof_return(BIO *b, int v) { return (int)BIO_set_mem_eof_return(b, v); }
static inline void shim_BIO_clear_retry_flags(BIO *b) { BIO_clear_retry_flags(b); }
#endif
