<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('mfaName','mfaClient','mfaExpiry'); section>
<!-- template: mfa-app-password-create.ftl -->
    <#if section="header">
        <#if mfaAppPasswordForm.verifyMinutes gt 0>${msg("mfa-app-password-verify-title")}<#else>${msg("mfa-app-password-create-title")}</#if>
    <#elseif section="form">
        <#assign page = mfaAppPasswordForm>
        <form id="mfa-app-password-create-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if page.verifyMinutes gt 0>
                <p id="mfa-app-password-verify">${msg("mfa-app-password-verify", page.verifyMinutes?c)}</p>
            <#elseif !page.allowed>
                <p id="mfa-app-password-unavailable">${msg("mfa-app-password-not-allowed")}</p>
            <#elseif page.full>
                <p id="mfa-app-password-unavailable">${msg("mfa-app-password-too-many", page.max?c)}</p>
            <#else>
                <p id="mfa-app-password-intro">${msg("mfa-app-password-intro")}</p>
                <@mfa.field name="mfaName" label=msg("mfa-app-password-name-label") value=page.name maxlength="40"
                            hint=msg("mfa-app-password-name-hint")/>
                <#assign clientOptions = [["", msg("mfa-app-password-any-client")]]>
                <#list page.clients as c><#assign clientOptions = clientOptions + [[c, c]]></#list>
                <@mfa.select name="mfaClient" label=msg("mfa-app-password-client-label") options=clientOptions selected=page.client/>
                <#assign expiryOptions = []>
                <#list page.expiryChoices as d>
                    <#assign expiryOptions = expiryOptions + [[d?c, (d == 0)?then(msg("mfa-app-password-expiry-never"), msg("mfa-app-password-expiry-days", d?c))]]>
                </#list>
                <@mfa.select name="mfaExpiry" label=msg("mfa-app-password-expiry-label") options=expiryOptions selected=page.expiryDays?c/>
            </#if>
            <@mfa.actions>
                <#if page.allowed && !page.full && page.verifyMinutes == 0>
                    <@mfa.primaryButton id="mfa-app-password-create" name="mfa-action" value="create" label=msg("mfa-app-password-create")/>
                <#elseif !isAppInitiatedAction??>
                    <@mfa.primaryButton id="mfa-app-password-continue" name="mfa-action" value="continue" label=msg("doContinue")/>
                </#if>
                <#if isAppInitiatedAction??>
                    <@mfa.linkButton id="mfa-app-password-cancel" name="cancel-aia" value="true" label=msg("doCancel")/>
                </#if>
            </@mfa.actions>
        </form>
    </#if>
</@layout.registrationLayout>
