<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('mfaCode'); section>
<!-- template: mfa-oath-activate.ftl -->
    <#if section="header">
        ${msg("mfa-oath-activate-title")}
    <#elseif section="form">
        <form id="mfa-oath-activate-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="mfa-oath-activate-intro">${msg("mfa-oath-activate-intro", mfaTokenLabel)}</p>
            <@mfa.field name="mfaCode" label=msg("mfa-oath-activate-code-label") autocomplete="one-time-code"
                        inputmode="numeric" maxlength="8"/>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-oath-activate" name="mfa-action" value="activate" label=msg("mfa-oath-activate-submit")/>
            </@mfa.actions>
        </form>
    </#if>
</@layout.registrationLayout>
