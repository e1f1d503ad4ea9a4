<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: mfa-app-password-created.ftl -->
    <#if section="header">
        ${msg("mfa-app-password-created-title")}
    <#elseif section="form">
        <form id="mfa-app-password-created-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if mfaAppPassword.password?has_content>
                <p id="mfa-app-password-for">${msg("mfa-app-password-created", mfaAppPassword.name)}</p>
                <p class="pf-v5-u-mt-md pf-v5-u-mb-md">
                    <code id="mfa-app-password-value" class="pf-v5-u-font-size-xl">${mfaAppPassword.password}</code>
                </p>
                <@mfa.warning id="mfa-app-password-warning">${msg("mfa-app-password-shown-once")}</@mfa.warning>
                <p id="mfa-app-password-how">${msg("mfa-app-password-how")}</p>
                <#if mfaAppPassword.clients?has_content><p id="mfa-app-password-clients">${msg("mfa-app-password-only-for", mfaAppPassword.clients)}</p></#if>
                <#if mfaAppPassword.expires?has_content><p id="mfa-app-password-expires">${msg("mfa-app-password-expires-on", mfaAppPassword.expires)}</p></#if>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="mfa-app-password-copy" type="button" hidden data-copied="${msg("mfa-app-password-copied")}"
                            class="<#if mfa.v2>${properties.kcButtonSecondaryClass!}<#else>${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}</#if> ${properties.kcButtonBlockClass!}">${msg("mfa-app-password-copy")}</button>
                </div>
            <#else>
                <p id="mfa-app-password-for">${msg("mfa-app-password-not-shown-again", mfaAppPassword.name)}</p>
            </#if>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-app-password-done" name="mfa-action" value="done" label=msg("mfa-app-password-done")/>
            </@mfa.actions>
        </form>
        <#if mfaAppPassword.password?has_content>
            <script>
                (function () {
                    var button = document.getElementById("mfa-app-password-copy");
                    var text = document.getElementById("mfa-app-password-value").textContent;
                    if (!navigator.clipboard) { return; }
                    button.hidden = false;
                    button.addEventListener("click", function () {
                        navigator.clipboard.writeText(text.replace(/\s+/g, "")).then(function () {
                            button.textContent = button.getAttribute("data-copied");
                        });
                    });
                })();
            </script>
        </#if>
    </#if>
</@layout.registrationLayout>
