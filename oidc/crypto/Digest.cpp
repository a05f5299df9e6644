#include "Digest.h"

#include "OpenSsl.h"

namespace oidc::crypto {

std::string digest(DigestAlgorithm algorithm, std::string_view data)
{
    const EVP_MD *md = algorithm == DigestAlgorithm::Sha256 ? crypto::sha256()
        : algorithm == DigestAlgorithm::Sha384                ? crypto::sha384()
                                                              : crypto::sha512();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    OpenSslErrorGuard guard;
    // EVP_Digest with a fetched, provider-backed digest cannot fail on valid input.
    EVP_Digest(data.data(), data.size(), out, &length, md, nullptr);
    return std::string(reinterpret_cast<const char *>(out), length);
}

} // namespace oidc::crypto
