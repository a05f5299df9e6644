#pragma once

// What the Flow menu needs of a flow: which commands apply now, the commands, and a signal when
// that changes. The menu knows nothing else of the flow page; FlowPageControl is the
// Authorization Code page's, the tests may bring their own.

#include <QObject>

namespace ui {

class FlowControl : public QObject {
    Q_OBJECT
public:
    struct Availability final {
        bool runAll = false;
        bool nextStep = false;
        bool cancel = false;
        bool reset = false;
        bool refreshTokens = false;
    };

    using QObject::QObject;

    [[nodiscard]] virtual Availability availability() const = 0;
    virtual void runAll() = 0;
    virtual void nextStep() = 0;
    virtual void cancel() = 0;
    virtual void reset() = 0;
    virtual void refreshTokens() = 0;

Q_SIGNALS:
    void availabilityChanged();
};

} // namespace ui
