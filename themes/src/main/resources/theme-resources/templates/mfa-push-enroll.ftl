<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout; section>
<!-- template: mfa-push-enroll.ftl -->
    <#if section="header">
        ${msg("mfa-push-enroll-title")}
    <#elseif section="form">
        <form id="mfa-push-enroll-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <ol id="mfa-push-enroll-steps" class="pf-v5-u-mt-md">
                <li>${msg("mfa-push-enroll-step-app")}</li>
                <li>${msg("mfa-push-enroll-step-scan")}</li>
                <li>${msg("mfa-push-enroll-step-wait")}</li>
            </ol>
            <div id="mfa-push-enroll-qr" class="pf-v5-u-mt-md pf-v5-u-mb-md" role="img" aria-label="${msg("mfa-push-enroll-qr-label")}">
                ${mfaPushEnroll.qrSvg?no_esc}
            </div>
            <p>${msg("mfa-push-enroll-on-this-phone")}
                <a id="mfa-push-enroll-link" href="${mfaPushEnroll.link}" target="_blank" rel="noopener noreferrer">${msg("mfa-push-enroll-open-app")}</a>
            </p>
            <p id="mfa-push-enroll-expiry" class="pf-v5-u-font-size-sm">${msg("mfa-push-enroll-expiry", mfaPushEnroll.minutesLeft?c)}</p>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-push-enroll-continue" name="mfa-action" value="continue" label=msg("mfa-push-continue")/>
                <@mfa.linkButton id="mfa-push-enroll-new" name="mfa-action" value="new-code" label=msg("mfa-push-enroll-new-code")/>
                <#if isAppInitiatedAction??>
                    <@mfa.linkButton id="mfa-push-enroll-cancel" name="cancel-aia" value="true" label=msg("doCancel")/>
                </#if>
            </@mfa.actions>
        </form>
        <#-- Goes on by itself once the phone enrolled; "Continue" does the same without script. -->
        <script>
            (function () {
                var form = document.getElementById("mfa-push-enroll-form");
                var url = "${mfaPushEnroll.waitUrl?js_string}";
                var deadline = Date.now() + ${mfaPushEnroll.secondsLeft?c} * 1000;
                // As on the push page: one held request at a time, 429 retried after Retry-After, 403 stops.
                function poll() {
                    if (Date.now() >= deadline) { return; }
                    fetch(url, {cache: "no-store", credentials: "same-origin"}).then(function (r) {
                        if (r.status === 429) {
                            var after = parseInt(r.headers.get("Retry-After"), 10);
                            setTimeout(poll, (after > 0 ? after : 3) * 1000 + Math.random() * 1000);
                        } else if (r.status !== 403 && !r.ok) {
                            setTimeout(poll, 2000);
                        } else if (r.ok) {
                            return r.json().then(function (answer) {
                                if (answer.status === "done" || answer.status === "ended") {
                                    document.getElementById("mfa-push-enroll-continue").click();
                                } else { setTimeout(poll, 100); }
                            });
                        }
                    }).catch(function () { setTimeout(poll, 2000); });
                }
                poll();
            })();
        </script>
    </#if>
</@layout.registrationLayout>
