<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: mfa-sms.ftl -->
    <#if section="header">
        ${msg(mfaSms.codeSent?then("mfa-sms-title", "mfa-sms-title-send"))}
    <#elseif section="form">
        <form id="mfa-sms-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if mfaSms.codeSent>
                <p id="mfa-sms-sent-to">${msg("mfa-sms-sent-to", mfaSms.codeLength?c, mfaSms.selected.label)}</p>
                <@mfa.codeField label=msg("mfa-sms-code-label")/>
                <@mfa.actions>
                    <@mfa.primaryButton id="kc-login" name="login" label=msg("doLogIn")/>
                    <@mfa.linkButton id="mfa-sms-resend" name="resend" value=mfaSms.selected.id label=msg("mfa-sms-resend")/>
                    <#list mfaSms.phones as phone>
                        <#if phone.id != mfaSms.selected.id>
                            <@mfa.linkButton id="mfa-sms-phone-${phone?index}" name="phone" value=phone.id label=msg("mfa-sms-send-to", phone.label)/>
                        </#if>
                    </#list>
                </@mfa.actions>
            <#else>
                <#if mfaSms.usedUp>
                    <p id="mfa-sms-used-up">${msg("mfa-sms-code-used-up", mfaSms.selected.label)}</p>
                <#else>
                    <p id="mfa-sms-not-sent">${msg("mfa-sms-not-sent", mfaSms.selected.label)}</p>
                </#if>
                <#if auth?has_content && auth.showTryAnotherWayLink()>
                    <p id="mfa-sms-other-way">${msg("mfa-sms-other-way-hint")}</p>
                </#if>
                <@mfa.actions>
                    <@mfa.primaryButton id="mfa-sms-resend" name="resend" label=msg(mfaSms.usedUp?then("mfa-sms-resend", "mfa-sms-send"))/>
                    <#list mfaSms.phones as phone>
                        <#if phone.id != mfaSms.selected.id>
                            <@mfa.linkButton id="mfa-sms-phone-${phone?index}" name="phone" value=phone.id label=msg("mfa-sms-send-to", phone.label)/>
                        </#if>
                    </#list>
                </@mfa.actions>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
