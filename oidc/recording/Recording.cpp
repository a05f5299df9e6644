#include "Recording.h"

#include "oidc/Redaction.h"

#include <QMetaEnum>

namespace oidc::recording {

std::string stepKey(flow::FlowStep step)
{
    const char *key = QMetaEnum::fromType<flow::FlowStep>().valueToKey(static_cast<int>(step));
    return key ? std::string(key) : std::string();
}

std::optional<flow::FlowStep> stepFromKey(std::string_view key)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<flow::FlowStep>().keyToValue(std::string(key).c_str(), &ok);
    if (!ok)
        return std::nullopt;
    return static_cast<flow::FlowStep>(value);
}

std::string checkOutcomeName(jwt::CheckOutcome outcome)
{
    switch (outcome) {
    case jwt::CheckOutcome::Pass: return "pass";
    case jwt::CheckOutcome::Fail: return "fail";
    case jwt::CheckOutcome::Skip: return "skip";
    }
    return "skip";
}

RecordedStep recordedStep(const flow::StepReport &report)
{
    RecordedStep step;
    step.step = stepKey(report.step);
    step.title = flow::flowStepName(report.step).toStdString();
    step.ok = report.ok;
    step.summary = redactText(report.summary.toStdString());
    if (report.error) {
        step.errorCategory = categoryName(report.error->category);
        step.errorCode = report.error->code;
    }
    for (const jwt::ClaimCheck &check : report.checks)
        step.checks.push_back({check.id, checkOutcomeName(check.outcome), check.code, check.rule(), redactText(check.detail())});
    return step;
}

RecordedStep recordedDescopeStep(const descope::DescopeActionReport &report, const std::string &area)
{
    RecordedStep step;
    step.step = report.action;
    step.area = area;
    step.title = area.empty() ? descope::actionTitle(report.action) : area + " · " + descope::actionTitle(report.action);
    step.ok = report.ok();
    step.summary = redactText(report.ok() ? report.summary : report.error->message);
    if (report.error) {
        step.errorCategory = categoryName(report.error->category);
        step.errorCode = report.error->code;
    }
    for (const jwt::ClaimCheck &check : report.checks)
        step.checks.push_back({check.id, checkOutcomeName(check.outcome), check.code, check.rule(), redactText(check.detail())});
    step.parameters = report.parameters;
    return step;
}

RecordedOutcome recordedOutcome(const std::optional<Error> &error)
{
    RecordedOutcome outcome;
    outcome.ok = !error.has_value();
    if (error) {
        outcome.errorCategory = categoryName(error->category);
        outcome.errorCode = error->code;
        outcome.message = redactText(error->message);
    }
    return outcome;
}

RecordedOutcome outcomeOfSteps(const std::vector<RecordedStep> &steps)
{
    RecordedOutcome outcome{true, {}, {}, {}};
    for (const RecordedStep &step : steps)
        if (!step.ok)
            outcome = RecordedOutcome{false, step.errorCategory, step.errorCode, step.title + ": " + step.summary};
    return outcome;
}

std::string recordedLoginId(const std::string &loginHint, const Json &idTokenClaims)
{
    if (!loginHint.empty())
        return loginHint;
    if (!idTokenClaims.is_object())
        return {};
    for (const char *claim : {"email", "preferred_username"}) {
        const auto it = idTokenClaims.find(claim);
        if (it != idTokenClaims.end() && it->is_string() && !it->get<std::string>().empty())
            return it->get<std::string>();
    }
    return {};
}

} // namespace oidc::recording
