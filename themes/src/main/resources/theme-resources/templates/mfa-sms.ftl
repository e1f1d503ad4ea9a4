<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: mfa-sms.ftl -->
    <#if section="header">
        ${msg("mfa-sms-title")}
    <#elseif section="form">
        <#assign state = mfaSms.state>
        <form id="mfa-sms-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if state == "CODE_SENT">
                <p id="mfa-sms-sent-to" class="pf-v5-u-mt-md">${msg("mfa-sms-sent-to", mfaSms.codeLength?c, mfaSms.selected.label, mfaSms.ttlMinutes?int)}</p>
                <@mfa.codeField label=msg("mfa-sms-code-label")/>
                <#if (mfaSms.rememberDays > 0)>
                    <@mfa.checkbox name="mfa-remember-device" label=msg("mfa-trust-remember", mfaSms.rememberDays?c) checked=mfaSms.rememberChecked/>
                </#if>
            <#elseif state == "READY">
                <p id="mfa-sms-ready" class="pf-v5-u-mt-md">${msg("mfa-sms-ready", mfaSms.codeLength?c, mfaSms.selected.label)}</p>
            </#if>
            <@mfa.actions>
                <#if state == "CODE_SENT">
                    <@mfa.primaryButton id="kc-login" name="mfa-action" value="verify" label=msg("doLogIn")/>
                    <@mfa.linkButton id="mfa-sms-resend" name="mfa-action" value="send" label=msg("mfa-sms-resend") wait=mfaSms.waitSeconds/>
                <#elseif state != "UNAVAILABLE">
                    <@mfa.primaryButton id="mfa-sms-send" name="mfa-action" value="send" wait=mfaSms.waitSeconds
                            label=msg((state == "USED_UP")?then("mfa-sms-resend", "mfa-sms-send"))/>
                </#if>
                <#list mfaSms.phones as phone>
                    <#if phone.id != mfaSms.selected.id>
                        <@mfa.linkButton id="mfa-sms-phone-${phone?index}" name="mfa-action" value="phone:${phone.id}" label=msg("mfa-sms-send-to", phone.label)/>
                    </#if>
                </#list>
            </@mfa.actions>
            <#if state != "CODE_SENT" && state != "READY">
                <#if auth?has_content && auth.showTryAnotherWayLink()>
                    <p id="mfa-sms-other-way">${msg("mfa-sms-other-way-hint")}</p>
                    <#-- whom to contact only when no code can be had here; a used-up code is replaced by the button -->
                    <#if state != "USED_UP" && message?has_content && message.type == "error">
                        <@mfa.helpdesk contact=mfaSms.helpdesk/>
                    </#if>
                </#if>
            </#if>
        </form>
        <@mfa.otherWays current="mfa-sms" contact=mfaSms.helpdesk/>
        <@mfa.countdownScript/>
    </#if>
</@layout.registrationLayout>
