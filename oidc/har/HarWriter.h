#pragma once

// The exchange log as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format
// browsers' developer tools and HAR viewers import. Redacted by default with the exchange log's
// own redaction (rp-checks S1/S2), failing closed: a body that parses neither as JSON nor as a
// form and may hold a secret is replaced whole by kRedactionMarker and its length. Every entry
// whose text was changed lists what in its custom field "_redacted" (HAR 1.2 §"Custom fields":
// names start with "_"), and log.comment says so. Secrets only when the caller passes
// Reveal::Secrets, which the GUI asks a person to confirm first.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/net/ExchangeLog.h"

#include <QString>

#include <string>
#include <vector>

namespace oidc::har {

inline constexpr std::string_view kRedactionMarker = "[redacted by OIDC Playground]";

struct HarWriteOptions final {
    net::Reveal reveal = net::Reveal::Redacted;
    std::string creatorVersion = "dev"; // log.creator.version
};

class HarWriter final {
public:
    // One log.entries[] object.
    [[nodiscard]] static Json entry(const net::ExchangeRecord &record, net::Reveal reveal);
    // The whole document {"log": {version, creator, pages, entries, comment}}, records in order.
    [[nodiscard]] static Json document(const std::vector<const net::ExchangeRecord *> &records, const HarWriteOptions &options = {});
    // Writes the document atomically (QSaveFile). Error HAR_WRITE (INPUT) with the file's reason.
    [[nodiscard]] static Status save(const Json &document, const QString &path);
};

} // namespace oidc::har
