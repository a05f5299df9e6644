#pragma once

// Owned OpenSSL handles (BoringSSL's bssl::UniquePtr idea). No raw *_free outside oidc/crypto/.

#include <memory>
#include <string>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace oidc::crypto {

template <auto FreeFn>
struct OpenSslDeleter final {
    template <typename T>
    void operator()(T *p) const { FreeFn(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<&EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<&ECDSA_SIG_free>>;
using ParamBuildPtr = std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<&OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<&OSSL_PARAM_free>>;
using EvpMdPtr = std::unique_ptr<EVP_MD, OpenSslDeleter<&EVP_MD_free>>;

// Shared ownership of a key: JWK sets are copied between threads and panes.
using SharedPkey = std::shared_ptr<EVP_PKEY>;
[[nodiscard]] SharedPkey sharePkey(EvpPkeyPtr key);

// Drains OpenSSL's thread-local error queue on destruction, so a failed call never leaks a stale
// error into the next one. text() gives the first queued reason for diagnostics.
class OpenSslErrorGuard final {
public:
    OpenSslErrorGuard() = default;
    ~OpenSslErrorGuard();
    OpenSslErrorGuard(const OpenSslErrorGuard &) = delete;
    OpenSslErrorGuard &operator=(const OpenSslErrorGuard &) = delete;

    [[nodiscard]] std::string text() const;
};

// Prefetched digests: EVP_MD_fetch per call costs a provider lookup on the hot verify path.
[[nodiscard]] const EVP_MD *sha256();
[[nodiscard]] const EVP_MD *sha384();
[[nodiscard]] const EVP_MD *sha512();

} // namespace oidc::crypto
