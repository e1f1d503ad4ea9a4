<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('mfaPass'); section>
<!-- template: mfa-temporary-pass.ftl -->
    <#if section="header">
        ${msg("mfa-temporary-pass-title")}
    <#elseif section="form">
        <form id="mfa-temporary-pass-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="mfa-temporary-pass-intro">${msg("mfa-temporary-pass-intro")}</p>
            <@mfa.field name="mfaPass" label=msg("mfa-temporary-pass-label") autocomplete="one-time-code" maxlength="64"/>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-temporary-pass-submit" name="mfa-action" value="submit" label=msg("doSignIn")/>
            </@mfa.actions>
        </form>
    <#elseif section="info">
        <#if auth?has_content && auth.showTryAnotherWayLink()>
            <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="tryAnotherWay" value="on"/>
                <a href="#" id="try-another-way" onclick="document.forms['kc-select-try-another-way-form'].requestSubmit();return false;">${msg("doTryAnotherWay")}</a>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
