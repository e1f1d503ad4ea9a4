<#-- The code page of a sign-in by text (mfa-sms.ftl) or call (mfa-voice.ftl): one page, worded by the channel's
     message keys (k = mfa-sms or mfa-voice), which also prefix its element ids. -->
<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<#assign k = mfaCode.keys>
<#-- the other channel to the same phones is offered by its own button, not among the other methods -->
<#assign other = (k == "mfa-sms")?then("mfa-voice", "mfa-sms")>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: ${k}.ftl -->
    <#if section="header">
        ${msg(k + "-title")}
    <#elseif section="form">
        <#assign state = mfaCode.state>
        <form id="${k}-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if state == "CODE_SENT">
                <p id="${k}-sent-to" class="pf-v5-u-mt-md">${msg(k + "-sent-to", mfaCode.codeLength?c, mfaCode.selected.label, mfaCode.ttlMinutes?int)}</p>
                <@mfa.codeField label=msg("mfa-sms-code-label")/>
                <#if (mfaCode.rememberDays > 0)>
                    <@mfa.checkbox name="mfa-remember-device" label=msg("mfa-trust-remember", mfaCode.rememberDays?c) checked=mfaCode.rememberChecked/>
                </#if>
            <#elseif state == "READY">
                <p id="${k}-ready" class="pf-v5-u-mt-md">${msg(k + "-ready", mfaCode.codeLength?c, mfaCode.selected.label)}</p>
            </#if>
            <@mfa.actions>
                <#if state == "CODE_SENT">
                    <@mfa.primaryButton id="kc-login" name="mfa-action" value="verify" label=msg("doLogIn")/>
                    <@mfa.linkButton id="${k}-resend" name="mfa-action" value="send" label=msg(k + "-resend") wait=mfaCode.waitSeconds/>
                <#elseif state != "UNAVAILABLE">
                    <@mfa.primaryButton id="${k}-send" name="mfa-action" value="send" wait=mfaCode.waitSeconds
                            label=msg((state == "USED_UP")?then(k + "-resend", k + "-send"))/>
                </#if>
                <#list mfaCode.phones as phone>
                    <#if phone.id != mfaCode.selected.id>
                        <@mfa.linkButton id="${k}-phone-${phone?index}" name="mfa-action" value="phone:${phone.id}" label=msg(k + "-send-to", phone.label)/>
                    </#if>
                </#list>
            </@mfa.actions>
            <#if state != "CODE_SENT" && state != "READY">
                <#if (mfaWays![])?size gt 1>
                    <p id="${k}-other-way">${msg("mfa-sms-other-way-hint")}</p>
                    <#-- whom to contact only when no code can be had here; a used-up code is replaced by the button -->
                    <#if state != "USED_UP" && message?has_content && message.type == "error">
                        <@mfa.helpdesk contact=mfaCode.helpdesk/>
                    </#if>
                </#if>
            </#if>
        </form>
        <@mfa.switchWay sibling=mfaCode.switchTo label=msg(k + "-switch")/>
        <@mfa.otherWays current=k contact=mfaCode.helpdesk sibling=other/>
        <@mfa.countdownScript/>
    </#if>
</@layout.registrationLayout>
