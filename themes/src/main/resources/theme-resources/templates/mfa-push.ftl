<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout; section>
<!-- template: mfa-push.ftl -->
    <#if section="header">
        ${msg("mfa-push-title")}
    <#elseif section="form">
        <#assign state = mfaPush.state>
        <form id="mfa-push-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if state == "WAITING">
                <p id="mfa-push-instructions" class="pf-v5-u-mt-md"><#if mfaPush.numberMatching == "choose">${msg("mfa-push-instructions", mfaPush.devices?join(", "))}<#else>${msg("mfa-push-instructions-type", mfaPush.devices?join(", "))}</#if></p>
                <p class="pf-v5-u-text-align-center pf-v5-u-mt-lg pf-v5-u-mb-lg">
                    <span class="pf-v5-u-screen-reader"><#if mfaPush.numberMatching == "choose">${msg("mfa-push-number-label")}<#else>${msg("mfa-push-number-label-type")}</#if></span>
                    <strong id="mfa-push-number" class="pf-v5-u-font-size-4xl" aria-live="polite">${mfaPush.number}</strong>
                </p>
                <p id="mfa-push-waiting" class="pf-v5-u-font-size-sm" aria-live="polite">${msg("mfa-push-waiting", mfaPush.secondsLeft?c)}</p>
            <#elseif state == "READY">
                <p id="mfa-push-ready" class="pf-v5-u-mt-md">${msg("mfa-push-ready", mfaPush.devices?join(", "))}</p>
            </#if>
            <@mfa.actions>
                <#if state == "WAITING">
                    <@mfa.primaryButton id="mfa-push-continue" name="mfa-action" value="continue" label=msg("mfa-push-continue")/>
                    <@mfa.linkButton id="mfa-push-resend" name="mfa-action" value="send" label=msg("mfa-push-resend")/>
                <#elseif state == "READY">
                    <@mfa.primaryButton id="mfa-push-send" name="mfa-action" value="send" label=msg("mfa-push-send")/>
                <#elseif state == "ENDED">
                    <@mfa.primaryButton id="mfa-push-send" name="mfa-action" value="send" wait=mfaPush.waitSeconds label=msg("mfa-push-resend")/>
                </#if>
            </@mfa.actions>
            <#if state == "UNAVAILABLE" || state == "ENDED">
                <#-- only when "Sign in another way" below lists a way the user can use, never next to "You have no other sign-in method set up" -->
                <#if mfaPush.otherWays != "none">
                    <p id="mfa-push-other-way">${msg("mfa-push-other-way-hint")}</p>
                </#if>
            </#if>
        </form>
        <@mfa.otherWays current="mfa-push" contact=mfaPush.helpdesk only=mfaPush.otherWays/>
        <@mfa.countdownScript/>
        <#if state == "WAITING">
            <#-- Continues by itself once the phone answered (on any server node); "Continue" does the same without script. -->
            <script>
                (function () {
                    var form = document.getElementById("mfa-push-form");
                    var url = "${mfaPush.waitUrl?js_string}";
                    var deadline = Date.now() + ${mfaPush.secondsLeft?c} * 1000;
                    var submitted = false;
                    function go() {
                        if (submitted) { return; }
                        submitted = true;
                        var action = document.createElement("input");
                        action.type = "hidden";
                        action.name = "mfa-action";
                        action.value = "continue";
                        form.appendChild(action);
                        form.submit();
                    }
                    // One held request at a time: "done"/"ended" post the form, "pending" asks again, 429 (this
                    // server holds enough waits) asks again after Retry-After, 403 (not this tab's request) stops
                    // asking; the deadline and "Continue" always remain.
                    function poll() {
                        if (Date.now() >= deadline) { go(); return; }
                        fetch(url, {cache: "no-store", credentials: "same-origin"}).then(function (r) {
                            if (r.status === 429) {
                                var after = parseInt(r.headers.get("Retry-After"), 10);
                                setTimeout(poll, (after > 0 ? after : 3) * 1000 + Math.random() * 1000);
                            } else if (r.status === 403) {
                                setTimeout(go, Math.max(0, deadline - Date.now()));
                            } else if (!r.ok) {
                                setTimeout(poll, 2000);
                            } else {
                                return r.json().then(function (answer) {
                                    if (answer.status === "done" || answer.status === "ended") { go(); } else { setTimeout(poll, 100); }
                                });
                            }
                        }).catch(function () { setTimeout(poll, 2000); });
                    }
                    poll();
                })();
            </script>
        </#if>
    </#if>
</@layout.registrationLayout>
