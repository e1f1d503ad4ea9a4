<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: mfa-phone-verify.ftl -->
    <#if section="header">
        ${msg("mfa-phone-verify-title")}
    <#elseif section="form">
        <form id="mfa-phone-verify-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="mfa-phone-verify-intro">${msg(((mfaChannel!"sms") == "voice")?then("mfa-phone-verify-intro-voice", "mfa-phone-verify-intro"), mfaPhone.codeLength?c, mfaPhone.shown, mfaPhone.ttlMinutes?int)}</p>
            <@mfa.codeField label=msg("mfa-sms-code-label")/>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-phone-verify" name="mfa-action" value="verify" label=msg("mfa-phone-verify-submit")/>
                <@mfa.linkButton id="mfa-sms-resend" name="mfa-action" value="resend" label=msg(((mfaChannel!"sms") == "voice")?then("mfa-voice-resend", "mfa-sms-resend")) wait=mfaWait/>
                <@mfa.linkButton id="mfa-phone-change-number" name="mfa-action" value="change-number" label=msg("mfa-phone-change-number")/>
                <#if isAppInitiatedAction??>
                    <@mfa.linkButton id="mfa-phone-cancel" name="cancel-aia" value="true" label=msg("doCancel")/>
                </#if>
            </@mfa.actions>
            <#-- a new code was refused (gateway down, number or network budget): say whom to contact -->
            <#if message?has_content && message.type == "error" && !messagesPerField.existsError('code')>
                <@mfa.helpdesk contact=mfaHelpdesk!""/>
            </#if>
        </form>
        <@mfa.countdownScript/>
    </#if>
</@layout.registrationLayout>
