// The loopback server's request-head parser (oidc::net::LocalHttpRequest::parseHead, RFC 9112)
// and the decoders the sandbox and the redirect listener apply to the parts it returns.

#include "FuzzSupport.h"

#include "oidc/net/LocalHttpServer.h"

using namespace oidc;

namespace {

void parse(const QByteArray &head, const net::LocalHttpServerOptions &options)
{
    const auto request = net::LocalHttpRequest::parseHead(head, options);
    if (!request) {
        const int status = request.error().httpStatus;
        fuzz::require(status >= 400 && status < 600, "a refused head carries an error status");
        return;
    }
    fuzz::require(!request->method().isEmpty() && !request->target().isEmpty(), "a parsed head has a method and a target");
    fuzz::require(request->contentLength() >= 0 && request->contentLength() < 1'000'000'000'000'000LL, "Content-Length is bounded");
    for (qsizetype i = 0; i < request->headerCount(); ++i)
        fuzz::require(request->header(request->headerName(i)).data() != nullptr, "every field is found by its name");
    (void)net::parseUrlEncoded(request->query());
    (void)net::percentDecode(request->path());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray head(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    parse(head, {});
    net::LocalHttpServerOptions lenient;
    lenient.requireLoopbackHost = false;
    lenient.maxHeaderCount = 4;
    parse(head, lenient);
    return 0;
}
