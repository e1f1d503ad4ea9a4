<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: mfa-sms.ftl -->
    <#if section="header">
        ${msg("mfa-sms-title")}
    <#elseif section="form">
        <form id="mfa-sms-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if mfaSms.codeSent>
                <p id="mfa-sms-sent-to">${msg("mfa-sms-sent-to", mfaSms.codeLength?c, mfaSms.selected.label)}</p>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="code" class="${properties.kcLabelClass!}">${msg("mfa-sms-code-label")}</label>
                    <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 -]*"
                           autocomplete="one-time-code" maxlength="16" autofocus
                           class="${properties.kcInputClass!}"
                           aria-invalid="<#if messagesPerField.existsError('code')>true</#if>"/>
                    <#if messagesPerField.existsError('code')>
                        <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                            ${kcSanitize(messagesPerField.get('code'))?no_esc}
                        </span>
                    </#if>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <input id="kc-login" name="login" type="submit" value="${msg("mfa-sms-submit")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            <#else>
                <p id="mfa-sms-not-sent">${msg("mfa-sms-not-sent", mfaSms.selected.label)}</p>
            </#if>
        </form>
        <form id="mfa-sms-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="mfa-sms-resend" name="resend" value="${mfaSms.selected.id}" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("mfa-sms-resend")}
                </button>
            </div>
            <#if mfaSms.phones?size gt 1>
                <fieldset id="mfa-sms-phones" class="${properties.kcFormGroupClass!}">
                    <legend>${msg("mfa-sms-other-phone")}</legend>
                    <#list mfaSms.phones as phone>
                        <#if phone.id != mfaSms.selected.id>
                            <button id="mfa-sms-phone-${phone?index}" name="phone" value="${phone.id}" type="submit"
                                    class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                                ${msg("mfa-sms-send-to", phone.label)}
                            </button>
                        </#if>
                    </#list>
                </fieldset>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
