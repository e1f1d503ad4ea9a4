<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber'); section>
<!-- template: mfa-phone-register.ftl -->
    <#if section="header">
        ${msg(mfaPhone.adding?then("mfa-phone-add-title", "mfa-phone-register-title"))}
    <#elseif section="form">
        <form id="mfa-phone-register-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if mfaFull!false>
                <#-- nothing to type: the user has the most phones allowed -->
                <p id="mfa-phone-full">${msg("mfa-phone-too-many", mfaMaxPhones?int)}</p>
            <#else>
                <p id="mfa-phone-register-intro">${msg((mfaLandlines!false)?then("mfa-phone-register-intro-landline", (mfaCalls!false)?then("mfa-phone-register-intro-call", "mfa-phone-register-intro")))}</p>
                <@mfa.field name="phoneNumber" label=msg("mfa-phone-number-label") type="tel" autocomplete="tel" value=mfaPhone.number
                            hint=(mfaExample?has_content)?then(msg("mfa-phone-number-hint-region", mfaExample!""), msg("mfa-phone-number-hint"))/>
            </#if>
            <@mfa.actions>
                <#if !(mfaFull!false)>
                    <#-- "Text me" / "Call me" where the realm has a call step: the user picks how the code comes -->
                    <@mfa.primaryButton id="mfa-phone-send" name="mfa-action" value="send" label=msg((mfaCalls!false)?then("mfa-phone-text-code", "mfa-phone-send-code")) wait=mfaWait/>
                    <#if mfaCalls!false>
                        <@mfa.primaryButton id="mfa-phone-call" name="mfa-action" value="call" label=msg("mfa-phone-call-code") wait=mfaWait/>
                    </#if>
                <#elseif (mfaCanContinue!false) && !isAppInitiatedAction??>
                    <#-- at the phone limit during sign-in: no dead end, the user goes on with the phones they have -->
                    <@mfa.primaryButton id="mfa-phone-continue" name="mfa-action" value="continue" label=msg("doContinue")/>
                </#if>
                <#if isAppInitiatedAction??>
                    <@mfa.linkButton id="mfa-phone-cancel" name="cancel-aia" value="true" label=msg("doCancel")/>
                </#if>
            </@mfa.actions>
            <#-- only when no code can be sent: not for a number the user can correct (a field error) -->
            <#if message?has_content && message.type == "error" && !messagesPerField.existsError('phoneNumber')>
                <@mfa.helpdesk contact=mfaHelpdesk!""/>
            </#if>
        </form>
        <@mfa.countdownScript/>
    </#if>
</@layout.registrationLayout>
