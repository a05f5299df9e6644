#include "AttestationObject.h"

#include "PublicKeyCredential.h"

namespace oidc::webauthn {

Result<AttestationObject> decodeAttestationObject(std::string_view bytes)
{
    CborLimits limits;
    limits.maxBytes = kMaxAttestationObjectBytes;
    limits.maxDepth = 4;
    limits.maxItems = 256;
    auto document = CborDocument::decode(bytes, false, limits);
    if (!document)
        return document.error();
    const cbor_item_t *root = document->root();
    if (!cbor_isa_map(root))
        return makeError(ErrorCategory::Input, "WEBAUTHN_CBOR", "the attestation object is not a CBOR map");
    auto fmtItem = cborMapGet(root, std::string_view("fmt"));
    if (!fmtItem)
        return fmtItem.error();
    auto statementItem = cborMapGet(root, std::string_view("attStmt"));
    if (!statementItem)
        return statementItem.error();
    auto authDataItem = cborMapGet(root, std::string_view("authData"));
    if (!authDataItem)
        return authDataItem.error();
    const auto fmt = cborText(*fmtItem);
    const auto authData = cborBytes(*authDataItem);
    if (!fmt || !authData || !*statementItem || !cbor_isa_map(*statementItem))
        return makeError(ErrorCategory::Input, "WEBAUTHN_CBOR",
                         "the attestation object needs fmt (text), attStmt (map) and authData (bytes)");
    return AttestationObject{std::move(document).value(), *fmt, *statementItem, *authData};
}

} // namespace oidc::webauthn
