#pragma once

// A sequence diagram as Mermaid `sequenceDiagram` text, for documentation: one participant per
// lane, left to right, and one message per arrow in order —
//
//   sequenceDiagram
//       participant app as App
//       participant authserver as Authorization server (127.0.0.1:4711)
//       app->>authserver: discovery · GET /.well-known/openid-configuration → 200
//       browser--xapp: callback · GET /callback?code&state → refused: AUTHZ_STATE_MISMATCH
//
// An exchange is a solid arrow (->>), a browser hop a dotted one (-->>); a bad outcome ends in a
// cross (-x, --x) since Mermaid cannot colour one message. Text is the model's, which keeps
// nothing secret; '#', ';', '<' and '>' are written as Mermaid entity codes (#35; …), so a label
// cannot end a statement or open markup.

#include <QString>

namespace oidc::diagram {

class SequenceModel;

[[nodiscard]] QString toMermaid(const SequenceModel &model);

} // namespace oidc::diagram
