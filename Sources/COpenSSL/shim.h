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
#endif
